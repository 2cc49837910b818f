import { type Account, makeAccount } from '../support/staff';
import { startTestApp, TestApp } from '../support/test-app';
import { caller, makeGeneralCourse, scheduleSession } from './attendance-fixtures';

describe("class sessions are run by their course's owner, co-trainers and admins", () => {
  let t: TestApp;
  let admin: string;
  let owner: Account;
  let co: Account;
  let other: Account;
  let student: Account;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    owner = await makeAccount(t, admin, 'trainer', 'session-owner');
    co = await makeAccount(t, admin, 'trainer', 'session-co');
    other = await makeAccount(t, admin, 'trainer', 'session-other');
    student = await makeAccount(t, admin, 'student', 'session-student');
  });
  afterAll(() => t.close());

  const codeOf = (res: { status: number; body: { code?: string } }) => [res.status, res.body.code];
  const sessionBody = (courseId: string, startsInMinutes: number) => ({
    courseId,
    startsAt: new Date(Date.now() + startsInMinutes * 60_000).toISOString(),
    durationMinutes: 60,
    place: '孵化基地 3 号培训室',
    delivery: 'offline',
  });

  it("refuses another trainer's scheduling, check-in and corrections on the owner's course", async () => {
    const courseId = await makeGeneralCourse(caller(t, owner.token), [student.id], '客户沟通（线下）');
    const x = caller(t, other.token);
    expect(codeOf(await x.post('/api/class-sessions').send(sessionBody(courseId, -5)))).toEqual([403, 'NOT_COURSE_OWNER']);
    const sessionId = await scheduleSession(caller(t, owner.token), courseId, { startsInMinutes: -5, durationMinutes: 60 });
    expect(codeOf(await x.post(`/api/class-sessions/${sessionId}/check-in-code`))).toEqual([403, 'NOT_COURSE_OWNER']);
    expect(codeOf(await x.del(`/api/class-sessions/${sessionId}/check-in-code`))).toEqual([403, 'NOT_COURSE_OWNER']);
    expect(codeOf(await x.put(`/api/class-sessions/${sessionId}/attendance/${student.id}`).send({ status: 'present' }))).toEqual([403, 'NOT_COURSE_OWNER']);
    expect(await t.ds.query(`SELECT 1 FROM attendance WHERE session_id = $1`, [sessionId])).toEqual([]);
    const session = (await caller(t, owner.token).get(`/api/class-sessions/${sessionId}`).expect(200)).body;
    expect(session.checkIn).toMatchObject({ openedAt: null });

    // The owner, then an admin, run it.
    await caller(t, owner.token).post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    await caller(t, admin).put(`/api/class-sessions/${sessionId}/attendance/${student.id}`).send({ status: 'present' }).expect(200);
    await caller(t, admin).del(`/api/class-sessions/${sessionId}/check-in-code`).expect(204);
  });

  it('lets a co-trainer schedule and run sessions of the course', async () => {
    const courseId = await makeGeneralCourse(caller(t, owner.token), [student.id], '团队协作（线下）');
    await caller(t, owner.token).put(`/api/courses/${courseId}/trainers`).send({ trainerIds: [co.id] }).expect(200);
    const c = caller(t, co.token);
    const sessionId = (await c.post('/api/class-sessions').send(sessionBody(courseId, -5)).expect(201)).body.id;
    await c.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    const corrected = await c.put(`/api/class-sessions/${sessionId}/attendance/${student.id}`).send({ status: 'late', note: '迟到 10 分钟' }).expect(200);
    expect(corrected.body).toMatchObject({ status: 'late' });
    await c.del(`/api/class-sessions/${sessionId}/check-in-code`).expect(204);
    // Another trainer still may not.
    expect(codeOf(await caller(t, other.token).put(`/api/class-sessions/${sessionId}/attendance/${student.id}`).send({ status: 'absent' }))).toEqual([403, 'NOT_COURSE_OWNER']);
  });

  it('leaves sessions of the seeded general courses to all staff', async () => {
    const courses = (await caller(t, other.token).get('/api/courses?system=general&limit=100').expect(200)).body.items as Array<{ id: string; ownerId: string | null }>;
    const seeded = courses.find((c) => c.ownerId === null);
    if (!seeded) throw new Error('no seeded general course');
    const sessionId = (await caller(t, other.token).post('/api/class-sessions').send(sessionBody(seeded.id, 600)).expect(201)).body.id;
    await caller(t, co.token).del(`/api/class-sessions/${sessionId}/check-in-code`).expect(204);
  });
});
