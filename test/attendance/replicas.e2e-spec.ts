import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { awayFromStepBoundary, Caller, caller, codeOf, ledgerMinutes, makeGeneralCourse, scheduleSession, userId, wrongCode } from './attendance-fixtures';

/**
 * Two API processes on one database and one Redis, configured alike (the same CHECK_IN_SECRET
 * and key prefix), as replicas behind a load balancer would be. Neither keeps state the
 * other needs: a code shown by one is accepted by the other, and throttling counts on both.
 */
describe('two API replicas', () => {
  let a: TestApp;
  let b: TestApp;
  const shared = { CHECK_IN_SECRET: randomBytes(32).toString('hex'), QUEUE_PREFIX: `lmst-${randomBytes(4).toString('hex')}`, CHECK_IN_MAX_FAILURES: '4' };

  beforeAll(async () => {
    a = await startTestApp({ env: shared });
    b = await startTestApp({ env: shared, database: a.config.database.database });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  async function as(app: TestApp, name: string): Promise<{ c: Caller; id: string }> {
    const token = await app.login(name);
    return { c: caller(app, token), id: await userId(app, token) };
  }

  it('accept each other\'s check-in codes, in both directions', async () => {
    const trainerA = await as(a, 'trainer1');
    const trainerB = await as(b, 'trainer1');
    const s1 = await as(b, 'student1');
    const s2 = await as(a, 'student2');
    const courseId = await makeGeneralCourse(trainerA.c, [s1.id, s2.id]);

    const first = await scheduleSession(trainerA.c, courseId, { creditMinutes: 120 });
    await awayFromStepBoundary(a, 5_000);
    const shownByA = await trainerA.c.post(`/api/class-sessions/${first}/check-in-code`).expect(200);
    const onB = await s1.c.post(`/api/class-sessions/${first}/check-in`).send({ code: shownByA.body.code }).expect(200);
    expect(onB.body).toMatchObject({ status: 'present', alreadyCheckedIn: false });

    // Another course with the same students (sessions of one course never overlap).
    const second = await scheduleSession(trainerB.c, await makeGeneralCourse(trainerB.c, [s1.id, s2.id], '沟通与表达（第二门）', 2), { creditMinutes: 60 });
    await awayFromStepBoundary(b, 5_000);
    const shownByB = await trainerB.c.post(`/api/class-sessions/${second}/check-in-code`).expect(200);
    await s2.c.post(`/api/class-sessions/${second}/check-in`).send({ code: shownByB.body.code }).expect(200);

    // A second check-in through the other replica changes nothing.
    await awayFromStepBoundary(a, 5_000);
    const again = await (await as(a, 'student1')).c.post(`/api/class-sessions/${first}/check-in`).send({ code: codeOf(b, first) }).expect(200);
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, id: onB.body.id });
    expect(await ledgerMinutes(a, s1.id, first)).toEqual({ sum: 120, entries: [120] });
    expect(await ledgerMinutes(b, s2.id, second)).toEqual({ sum: 60, entries: [60] });
  });

  it('count wrong codes together, whichever replica receives them', async () => {
    const trainer = await as(a, 'trainer1');
    const onA = await as(a, 'student3');
    const onB = await as(b, 'student3');
    const courseId = await makeGeneralCourse(trainer.c, [onA.id]);
    const sessionId = await scheduleSession(trainer.c, courseId);
    await trainer.c.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    const wrong = wrongCode(a, sessionId);
    for (const c of [onA.c, onB.c, onA.c, onB.c]) await c.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: wrong }).expect(400);
    expect((await onA.c.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: wrong }).expect(429)).body.code).toBe('CHECK_IN_THROTTLED');
    expect((await onB.c.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: wrong }).expect(429)).body.code).toBe('CHECK_IN_THROTTLED');
  });
});
