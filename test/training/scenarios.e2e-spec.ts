import { startTestApp, TestApp } from '../support/test-app';
import { Caller, scenarioIds, signIn, submitReply, waitUntilGraded } from './drill-fixtures';


/** Trainers write scenarios and rubrics; students see the conversation, never the rubric. */
describe('training scenarios', () => {
  let t: TestApp;
  let trainer: Caller;
  let student: Caller;

  const rubric = {
    points: [
      { id: 'greet', label: '问候', score: 20, phrases: ['您好', '亲'] },
      { id: 'apologize', label: '致歉', score: 30, phrases: ['抱歉', '不好意思'] },
      { id: 'track', label: '查询物流', score: 50, phrases: ['查询物流', '物流信息'] },
    ],
    forbidden: [{ id: 'promise', label: '承诺赔偿', phrases: ['赔偿您'], penalty: 50, fatal: true }],
    sequence: { pointIds: ['greet', 'apologize', 'track'], penalty: 10 },
    passScore: 60,
  };

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await signIn(t, 'trainer1');
    student = await signIn(t, 'student1');
  });
  afterAll(() => t.close());

  const create = (body: object, caller = trainer) => t.http().post('/api/training/scenarios').set('Authorization', `Bearer ${caller.token}`).send(body);
  const patch = (id: string, body: object) => t.http().patch(`/api/training/scenarios/${id}`).set('Authorization', `Bearer ${trainer.token}`).send(body);

  it('never sends a rubric to a student, in the list or one by one', async () => {
    const list = await t.http().get('/api/training/scenarios?limit=200').set('Authorization', `Bearer ${student.token}`).expect(200);
    expect(list.body.total).toBe(33);
    for (const s of list.body.items) {
      expect(Object.keys(s).sort()).toEqual(['conversation', 'creditMinutes', 'customerMessage', 'hours', 'hoursIsDefault', 'id', 'summary', 'title']);
    }
    const one = await t.http().get(`/api/training/scenarios/${list.body.items[0].id}`).set('Authorization', `Bearer ${student.token}`).expect(200);
    expect(one.body).not.toHaveProperty('rubric');
    expect(JSON.stringify(one.body)).not.toContain('phrases');
  });

  it('shows trainers the rubric and whether the scenario requires review', async () => {
    const list = await t.http().get('/api/training/scenarios?limit=200').set('Authorization', `Bearer ${trainer.token}`).expect(200);
    expect(list.body.items.every((s: { rubric: unknown }) => s.rubric !== null && typeof s.rubric === 'object')).toBe(true);
    const review = list.body.items.filter((s: { requiresReview: boolean }) => s.requiresReview);
    expect(review.length).toBeGreaterThan(0);
    expect(review.every((s: { rubric: { requiresReview?: boolean } }) => s.rubric.requiresReview === true)).toBe(true);
  });

  it('refuses an invalid rubric with INVALID_RUBRIC and lists every problem', async () => {
    const bad = {
      ...rubric,
      points: [{ ...rubric.points[0], score: 0 }, { ...rubric.points[1], phrases: [] }, rubric.points[2]],
      sequence: { pointIds: ['greet', 'nope'], penalty: 1 },
      passScore: 500,
    };
    const res = await create({ title: '物流停滞', conversation: ['快递三天没动了'], rubric: bad, creditMinutes: 60 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_RUBRIC');
    expect(res.body.problems).toEqual(
      expect.arrayContaining([
        'points[0].score must be a positive integer',
        'points[1].phrases must be a non-empty array of strings',
        'sequence.pointIds[1] is not the id of a point',
        expect.stringMatching(/^passScore 500 exceeds the maximum score/),
      ]),
    );
    const empty = await create({ title: '物流停滞', conversation: ['快递三天没动了'], rubric: {}, creditMinutes: 60 });
    expect(empty.body).toMatchObject({ statusCode: 400, code: 'INVALID_RUBRIC', problems: expect.arrayContaining(['points must be a non-empty array']) });
  });

  it('creates a scenario that students can practise at once, and refuses a second with the same title', async () => {
    const res = await create({ title: '物流停滞', summary: '安抚并查询物流', conversation: ['快递三天没动了', '是不是丢了'], rubric: { ...rubric, extra: 'dropped' }, creditMinutes: 45 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: '物流停滞', customerMessage: '快递三天没动了', creditMinutes: 45, hours: 0.75, hoursIsDefault: false, requiresReview: false });
    expect(res.body.rubric).toEqual({ ...rubric, requiresReview: false });
    expect((await scenarioIds(t, student)).get('物流停滞')).toBe(res.body.id);

    const dup = await create({ title: '物流停滞', conversation: ['x'], rubric, creditMinutes: 45 });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('SCENARIO_TITLE_TAKEN');

    const s = await submitReply(t, student, res.body.id, '您好，非常抱歉，我马上帮您查询物流。').expect(202);
    expect(await waitUntilGraded(t, student, s.body.id)).toMatchObject({ status: 'graded', score: 100, maxScore: 100, passed: true });
  });

  it('edits a scenario and its rubric; a reply already submitted keeps the rubric it was graded under', async () => {
    const created = await create({ title: '物流停滞二', conversation: ['快递不动了'], rubric, creditMinutes: 60 }).expect(201);
    const before = await submitReply(t, student, created.body.id, '您好，很抱歉让您担心了，我这就帮您查询物流。').expect(202);
    const graded = await waitUntilGraded(t, student, before.body.id);

    const stricter = { ...rubric, passScore: 100, requiresReview: true, points: [...rubric.points.slice(0, 2), { ...rubric.points[2], score: 60 }] };
    const edited = await patch(created.body.id, { rubric: stricter, conversation: ['快递一周不动了'], creditMinutes: 90 }).expect(200);
    expect(edited.body).toMatchObject({ requiresReview: true, customerMessage: '快递一周不动了', creditMinutes: 90, title: '物流停滞二' });
    expect(edited.body.rubric.passScore).toBe(100);

    const old = await t.http().get(`/api/training/submissions/${before.body.id}`).set('Authorization', `Bearer ${trainer.token}`).expect(200);
    expect(old.body).toMatchObject({ score: graded.score, maxScore: 100, passed: true });
    expect(old.body.rubric.passScore).toBe(60);

    const after = await submitReply(t, student, created.body.id, '您好，很抱歉让您担心了，我这就帮您查询物流。').expect(202);
    expect(await waitUntilGraded(t, student, after.body.id)).toMatchObject({ status: 'needs_review', maxScore: 110, autoScore: 110 });

    const invalid = await patch(created.body.id, { rubric: { ...rubric, passScore: -1 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('INVALID_RUBRIC');
    const taken = await patch(created.body.id, { title: '物流停滞' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('SCENARIO_TITLE_TAKEN');
    const nothing = await patch(created.body.id, {}).expect(200);
    expect(nothing.body.title).toBe('物流停滞二');
    // null is not "leave it": every one of these fields needs a value, so null is refused and nothing changes.
    const nulls = await patch(created.body.id, { title: null, summary: null, conversation: null, rubric: null, creditMinutes: null, position: null }).expect(400);
    expect(nulls.body.code).toBe('VALIDATION_FAILED');
    for (const field of ['title', 'summary', 'conversation', 'rubric', 'creditMinutes', 'position']) expect(nulls.body.message).toContain(`${field}: `);
    const unchanged = await patch(created.body.id, {}).expect(200);
    expect(unchanged.body).toMatchObject({ title: '物流停滞二', creditMinutes: 90, requiresReview: true });
  });

  it('lets only trainers and admins write scenarios', async () => {
    const res = await create({ title: '学生写的', conversation: ['x'], rubric, creditMinutes: 1 }, student);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
