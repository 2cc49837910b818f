import { auth } from '../support/exam-fixtures';
import { type Account, makeAccount } from '../support/staff';
import { startTestApp, TestApp } from '../support/test-app';

describe('courses belong to their owner and co-trainers', () => {
  let t: TestApp;
  let admin: string;
  let owner: Account;
  let co: Account;
  let other: Account;
  let student: Account;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    owner = await makeAccount(t, admin, 'trainer', 'course-owner');
    co = await makeAccount(t, admin, 'trainer', 'course-co');
    other = await makeAccount(t, admin, 'trainer', 'course-other');
    student = await makeAccount(t, admin, 'student', 'course-student');
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (p: string) => t.http().get(p).set(auth(token)),
    post: (p: string) => t.http().post(p).set(auth(token)),
    patch: (p: string) => t.http().patch(p).set(auth(token)),
    put: (p: string) => t.http().put(p).set(auth(token)),
    del: (p: string) => t.http().delete(p).set(auth(token)),
  });
  const codeOf = (res: { status: number; body: { code?: string } }) => [res.status, res.body.code];

  async function course(by: Account) {
    const c = (await as(by.token).post('/api/courses').send({ systemCode: 'professional', title: '店铺运营进阶', direction: 'store_ops', directionName: '店铺运营' }).expect(201)).body;
    const m = (await as(by.token).post(`/api/courses/${c.id}/modules`).send({ title: '第一章' }).expect(201)).body;
    const l = (await as(by.token).post(`/api/modules/${m.id}/lessons`).send({ title: '阅读', mode: 'reading', creditMinutes: 20 }).expect(201)).body;
    return { id: c.id as string, moduleId: m.id as string, lessonId: l.id as string };
  }

  /** Every write to a course and what it holds, as `who`: the statuses in order. */
  async function writeAll(who: string, c: { id: string; moduleId: string; lessonId: string }) {
    const x = as(who);
    const draft = (await as(admin).get(`/api/courses/${c.id}`).expect(200)).body;
    const moduleIds: string[] = draft.modules.map((m: { id: string }) => m.id);
    const lessonIds: string[] = draft.modules.find((m: { id: string }) => m.id === c.moduleId).lessons.map((l: { id: string }) => l.id);
    const results = [
      await x.patch(`/api/courses/${c.id}`).send({ description: '改写的简介' }),
      await x.put(`/api/courses/${c.id}/modules/order`).send({ ids: [...moduleIds].reverse() }),
      await x.post(`/api/courses/${c.id}/modules`).send({ title: '新章' }),
      await x.patch(`/api/modules/${c.moduleId}`).send({ title: '改名的章' }),
      await x.put(`/api/modules/${c.moduleId}/lessons/order`).send({ ids: [...lessonIds].reverse() }),
      await x.post(`/api/modules/${c.moduleId}/lessons`).send({ title: '新课', mode: 'reading', creditMinutes: 5 }),
      await x.patch(`/api/lessons/${c.lessonId}`).send({ title: '改名的课' }),
      await x.post(`/api/courses/${c.id}/publish`),
      await x.post(`/api/courses/${c.id}/enrollments`).send({ studentIds: [student.id] }),
    ];
    return results;
  }

  it("makes the creator the owner and refuses another trainer's every change (NOT_COURSE_OWNER)", async () => {
    const c = await course(owner);
    const draft = (await as(owner.token).get(`/api/courses/${c.id}`).expect(200)).body;
    expect(draft).toMatchObject({ ownerId: owner.id, trainerIds: [] });
    for (const res of await writeAll(other.token, c)) expect(codeOf(res)).toEqual([403, 'NOT_COURSE_OWNER']);
    expect(codeOf(await as(other.token).del(`/api/lessons/${c.lessonId}`))).toEqual([403, 'NOT_COURSE_OWNER']);
    expect(codeOf(await as(other.token).del(`/api/modules/${c.moduleId}`))).toEqual([403, 'NOT_COURSE_OWNER']);
    const unchanged = (await as(owner.token).get(`/api/courses/${c.id}`).expect(200)).body;
    expect(unchanged).toMatchObject({ description: '', status: 'draft', version: null });
    expect(unchanged.modules.map((m: { title: string }) => m.title)).toEqual(['第一章']);
    // The owner and admins may.
    for (const res of await writeAll(owner.token, c)) expect(res.status).toBeLessThan(300);
    for (const res of await writeAll(admin, c)) expect(res.status).toBeLessThan(300);
  });

  it('lets co-trainers manage the course, but only the owner (or an admin) chooses them', async () => {
    const c = await course(owner);
    const set = await as(owner.token).put(`/api/courses/${c.id}/trainers`).send({ trainerIds: [co.id] }).expect(200);
    expect(set.body).toEqual({ courseId: c.id, ownerId: owner.id, trainerIds: [co.id] });
    expect((await as(co.token).get(`/api/courses/${c.id}`).expect(200)).body.trainerIds).toEqual([co.id]);
    for (const res of await writeAll(co.token, c)) expect(res.status).toBeLessThan(300);
    const extra = (await as(co.token).post(`/api/modules/${c.moduleId}/lessons`).send({ title: '多余的课', mode: 'reading', creditMinutes: 5 }).expect(201)).body;
    await as(co.token).del(`/api/lessons/${extra.id}`).expect(204);
    for (const res of await writeAll(other.token, c)) expect(codeOf(res)).toEqual([403, 'NOT_COURSE_OWNER']);

    // A co-trainer and another trainer may not change who the co-trainers are.
    expect(codeOf(await as(co.token).put(`/api/courses/${c.id}/trainers`).send({ trainerIds: [co.id, other.id] }))).toEqual([403, 'NOT_COURSE_OWNER']);
    expect(codeOf(await as(other.token).put(`/api/courses/${c.id}/trainers`).send({ trainerIds: [other.id] }))).toEqual([403, 'NOT_COURSE_OWNER']);
    // Only trainers can be co-trainers.
    const notTrainer = await as(owner.token).put(`/api/courses/${c.id}/trainers`).send({ trainerIds: [student.id] });
    expect(codeOf(notTrainer)).toEqual([400, 'NOT_TRAINERS']);
    const unknown = await as(owner.token).put(`/api/courses/${c.id}/trainers`).send({ trainerIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(codeOf(unknown)).toEqual([400, 'NOT_TRAINERS']);
    expect((await as(owner.token).get(`/api/courses/${c.id}`).expect(200)).body.trainerIds).toEqual([co.id]);

    // An admin replaces the list; the removed co-trainer loses the course.
    await as(admin).put(`/api/courses/${c.id}/trainers`).send({ trainerIds: [other.id] }).expect(200);
    for (const res of await writeAll(co.token, c)) expect(codeOf(res)).toEqual([403, 'NOT_COURSE_OWNER']);
    for (const res of await writeAll(other.token, c)) expect(res.status).toBeLessThan(300);
    await as(owner.token).put(`/api/courses/${c.id}/trainers`).send({ trainerIds: [] }).expect(200);
    expect(codeOf(await as(other.token).patch(`/api/courses/${c.id}`).send({ description: '又改' }))).toEqual([403, 'NOT_COURSE_OWNER']);
  });

  it('leaves the seeded courses to all staff; only an admin names their co-trainers', async () => {
    const seeded = (await as(other.token).get('/api/courses?system=practical').expect(200)).body.items[0];
    expect(seeded.ownerId).toBeNull();
    await as(other.token).patch(`/api/courses/${seeded.id}`).send({ description: '所有培训师都能改' }).expect(200);
    await as(co.token).post(`/api/courses/${seeded.id}/enrollments`).send({ studentIds: [student.id] }).expect(200);
    expect(codeOf(await as(other.token).put(`/api/courses/${seeded.id}/trainers`).send({ trainerIds: [other.id] }))).toEqual([403, 'NOT_COURSE_OWNER']);
    await as(admin).put(`/api/courses/${seeded.id}/trainers`).send({ trainerIds: [other.id] }).expect(200);
  });

  it("refuses an exam on another trainer's course lesson", async () => {
    const c = (await as(owner.token).post('/api/courses').send({ systemCode: 'practical', title: '考试课程' }).expect(201)).body;
    const m = (await as(owner.token).post(`/api/courses/${c.id}/modules`).send({ title: '测验' }).expect(201)).body;
    const lesson = (await as(owner.token).post(`/api/modules/${m.id}/lessons`).send({ title: '章节测验', mode: 'exam', creditMinutes: 30 }).expect(201)).body;
    const bank = (await as(other.token).post('/api/question-banks').send({ title: '我的题库' }).expect(201)).body;
    await as(other.token).post(`/api/question-banks/${bank.id}/questions`).send({ type: 'true_false', stem: '客户第一。', answer: true, points: 1 }).expect(201);
    const exam = { title: '章节测验', timeLimitMinutes: 10, passScore: 60, draw: [{ bankId: bank.id, count: 1 }], lessonId: lesson.id };
    expect(codeOf(await as(other.token).post('/api/exams').send(exam))).toEqual([403, 'NOT_COURSE_OWNER']);
    await as(owner.token).put(`/api/courses/${c.id}/trainers`).send({ trainerIds: [other.id] }).expect(200);
    await as(other.token).post('/api/exams').send(exam).expect(201);
  });
});
