import { startTestApp, TestApp } from '../support/test-app';

describe('course authoring and versioned publishing', () => {
  let t: TestApp;
  let trainer: string;
  let student: string;
  let studentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await t.login('trainer1');
    student = await t.login('student1');
    studentId = (await t.http().get('/api/me').set('Authorization', `Bearer ${student}`)).body.id;
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (p: string) => t.http().get(p).set('Authorization', `Bearer ${token}`),
    post: (p: string) => t.http().post(p).set('Authorization', `Bearer ${token}`),
    patch: (p: string) => t.http().patch(p).set('Authorization', `Bearer ${token}`),
    put: (p: string) => t.http().put(p).set('Authorization', `Bearer ${token}`),
    del: (p: string) => t.http().delete(p).set('Authorization', `Bearer ${token}`),
  });

  async function draftCourse(title = '新客服入门') {
    const course = await as(trainer).post('/api/courses').send({ systemCode: 'professional', title, direction: 'marketing', directionName: '营销推广' }).expect(201);
    const m1 = await as(trainer).post(`/api/courses/${course.body.id}/modules`).send({ title: '第一章' }).expect(201);
    const m2 = await as(trainer).post(`/api/courses/${course.body.id}/modules`).send({ title: '第二章' }).expect(201);
    const l1 = await as(trainer).post(`/api/modules/${m1.body.id}/lessons`).send({ title: '认识直通车', mode: 'video', creditMinutes: 30 }).expect(201);
    const l2 = await as(trainer).post(`/api/modules/${m1.body.id}/lessons`).send({ title: '阅读材料', mode: 'reading', creditMinutes: 15 }).expect(201);
    const l3 = await as(trainer).post(`/api/modules/${m2.body.id}/lessons`).send({ title: '章节测验', mode: 'exam', creditMinutes: 15 }).expect(201);
    return { id: course.body.id as string, modules: [m1.body.id, m2.body.id] as string[], lessons: [l1.body.id, l2.body.id, l3.body.id] as string[] };
  }

  it('keeps a draft invisible to students until it is published and they are enrolled', async () => {
    const c = await draftCourse();
    const draft = await as(trainer).get(`/api/courses/${c.id}`).expect(200);
    expect(draft.body).toMatchObject({ status: 'draft', version: null, hours: 1, hasUnpublishedChanges: true });
    expect(draft.body.modules.map((m: { hours: number }) => m.hours)).toEqual([0.75, 0.25]);
    await as(student).get(`/api/courses/${c.id}`).expect(404);
    const pub = await as(trainer).post(`/api/courses/${c.id}/publish`).expect(200);
    expect(pub.body).toMatchObject({ version: 1, created: true });
    await as(student).get(`/api/courses/${c.id}`).expect(404);
    const enrolled = await as(trainer).post(`/api/courses/${c.id}/enrollments`).send({ studentIds: [studentId] }).expect(200);
    expect(enrolled.body).toEqual({ enrolled: 1, alreadyEnrolled: 0 });
    const seen = await as(student).get(`/api/courses/${c.id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'published', version: 1, hours: 1 });
    expect(seen.body.modules[0].lessons.map((l: { title: string }) => l.title)).toEqual(['认识直通车', '阅读材料']);
  });

  it('lets the trainer edit the next draft while students keep the published version; lessons keep their ids', async () => {
    const c = await draftCourse('版本测试课程');
    await as(trainer).post(`/api/courses/${c.id}/publish`).expect(200);
    await as(trainer).post(`/api/courses/${c.id}/enrollments`).send({ studentIds: [studentId] }).expect(200);
    await as(trainer).patch(`/api/lessons/${c.lessons[0]}`).send({ title: '认识直通车（新版）', creditMinutes: 40 }).expect(200);
    await as(trainer).put(`/api/modules/${c.modules[0]}/lessons/order`).send({ ids: [c.lessons[1], c.lessons[0]] }).expect(204);
    await as(trainer).del(`/api/lessons/${c.lessons[2]}`).expect(204);
    const before = await as(student).get(`/api/courses/${c.id}`).expect(200);
    expect(before.body.version).toBe(1);
    expect(before.body.modules[0].lessons[0].title).toBe('认识直通车');
    const draft = await as(trainer).get(`/api/courses/${c.id}`).expect(200);
    expect(draft.body.hasUnpublishedChanges).toBe(true);
    expect((await as(trainer).post(`/api/courses/${c.id}/publish`).expect(200)).body).toMatchObject({ version: 2, created: true });
    const after = await as(student).get(`/api/courses/${c.id}`).expect(200);
    expect(after.body.version).toBe(2);
    expect(after.body.modules[0].lessons.map((l: { id: string; title: string }) => [l.id, l.title])).toEqual([
      [c.lessons[1], '阅读材料'],
      [c.lessons[0], '认识直通车（新版）'],
    ]);
    expect(after.body.modules[1].lessons).toEqual([]);
    expect(after.body.hours).toBeCloseTo(55 / 60, 2);
    const staffPublished = await as(trainer).get(`/api/courses/${c.id}?view=published`).expect(200);
    expect(staffPublished.body.version).toBe(2);
  });

  it('keeps a reading lesson\'s text, from creation and edits, in what students see once published', async () => {
    const c = await draftCourse('阅读内容课程');
    const module = (await as(trainer).get(`/api/courses/${c.id}`).expect(200)).body.modules[0].id;
    const made = await as(trainer).post(`/api/modules/${module}/lessons`).send({ title: '自学材料', mode: 'self_study', creditMinutes: 10, body: '第一段。\n\n第二段。' }).expect(201);
    await as(trainer).patch(`/api/lessons/${c.lessons[1]}`).send({ body: '阅读正文' }).expect(200);
    const long = await as(trainer).patch(`/api/lessons/${c.lessons[1]}`).send({ body: '字'.repeat(50_001) });
    expect({ status: long.status, code: long.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    await as(trainer).post(`/api/courses/${c.id}/publish`).expect(200);
    await as(trainer).post(`/api/courses/${c.id}/enrollments`).send({ studentIds: [studentId] }).expect(200);
    const seen = await as(student).get(`/api/courses/${c.id}`).expect(200);
    const bodies = Object.fromEntries(seen.body.modules[0].lessons.map((l: { id: string; body: string }) => [l.id, l.body]));
    expect(bodies).toEqual({ [c.lessons[0]]: '', [c.lessons[1]]: '阅读正文', [made.body.id]: '第一段。\n\n第二段。' });
  });

  it('does not make a new version when nothing changed since the last publish', async () => {
    const c = await draftCourse('不变课程');
    await as(trainer).post(`/api/courses/${c.id}/publish`).expect(200);
    const again = await as(trainer).post(`/api/courses/${c.id}/publish`).expect(200);
    expect(again.body).toMatchObject({ version: 1, created: false });
  });

  it('serialises concurrent publishes into distinct versions', async () => {
    const c = await draftCourse('并发发布');
    await as(trainer).post(`/api/courses/${c.id}/publish`).expect(200);
    await as(trainer).patch(`/api/courses/${c.id}`).send({ description: '改过' }).expect(200);
    const results = await Promise.all(Array.from({ length: 5 }, () => as(trainer).post(`/api/courses/${c.id}/publish`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.version))).toEqual(new Set([2]));
    expect(results.filter((r) => r.body.created)).toHaveLength(1);
  });

  it('reorders modules, inserts at a position and refuses an incomplete order', async () => {
    const c = await draftCourse('排序课程');
    const m0 = await as(trainer).post(`/api/courses/${c.id}/modules`).send({ title: '导论', position: 1 }).expect(201);
    let draft = await as(trainer).get(`/api/courses/${c.id}`).expect(200);
    expect(draft.body.modules.map((m: { title: string }) => m.title)).toEqual(['导论', '第一章', '第二章']);
    const bad = await as(trainer).put(`/api/courses/${c.id}/modules/order`).send({ ids: [c.modules[0]] }).expect(400);
    expect(bad.body.code).toBe('REORDER_MISMATCH');
    await as(trainer).put(`/api/courses/${c.id}/modules/order`).send({ ids: [c.modules[1], c.modules[0], m0.body.id] }).expect(200);
    draft = await as(trainer).get(`/api/courses/${c.id}`).expect(200);
    expect(draft.body.modules.map((m: { title: string; position: number }) => [m.title, m.position])).toEqual([
      ['第二章', 1],
      ['第一章', 2],
      ['导论', 3],
    ]);
  });

  it('moves a lesson to another module of the same course only', async () => {
    const c = await draftCourse('移动课程');
    const other = await draftCourse('别的课程');
    await as(trainer).patch(`/api/lessons/${c.lessons[0]}`).send({ moduleId: c.modules[1] }).expect(200);
    const draft = await as(trainer).get(`/api/courses/${c.id}`).expect(200);
    expect(draft.body.modules[1].lessons.map((l: { id: string }) => l.id)).toEqual([c.lessons[2], c.lessons[0]]);
    expect(draft.body.modules[0].lessons.map((l: { position: number }) => l.position)).toEqual([1]);
    await as(trainer).patch(`/api/lessons/${c.lessons[1]}`).send({ moduleId: other.modules[0] }).expect(404);
  });

  it('refuses to publish an empty course', async () => {
    const course = await as(trainer).post('/api/courses').send({ systemCode: 'general', title: '空课程' }).expect(201);
    expect((await as(trainer).post(`/api/courses/${course.body.id}/publish`).expect(409)).body.code).toBe('NOTHING_TO_PUBLISH');
  });

  it('enrols a whole cohort, counting those already enrolled', async () => {
    const c = await draftCourse('班级选课');
    await as(trainer).post(`/api/courses/${c.id}/publish`).expect(200);
    await as(trainer).post(`/api/courses/${c.id}/enrollments`).send({ studentIds: [studentId] }).expect(200);
    const admin = await t.login('admin');
    const cohort = (await as(admin).get('/api/cohorts').expect(200)).body.items.find((x: { name: string }) => x.name === '2022 上半年');
    const res = await as(trainer).post(`/api/courses/${c.id}/enrollments`).send({ cohortId: cohort.id }).expect(200);
    expect(res.body).toEqual({ enrolled: 4, alreadyEnrolled: 1 });
    const trainerId = (await as(trainer).get('/api/me')).body.id;
    expect((await as(trainer).post(`/api/courses/${c.id}/enrollments`).send({ studentIds: [trainerId] }).expect(400)).body.code).toBe('NOT_STUDENTS');
    expect((await as(trainer).post(`/api/courses/${c.id}/enrollments`).send({}).expect(400)).body.code).toBe('ENROLLMENT_TARGET_MISSING');
  });
});
