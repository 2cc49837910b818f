import { startTestApp, TestApp } from '../support/test-app';
import { awayFromStepBoundary, Caller, caller, codeOf, makeGeneralCourse, openSession, userId, wrongCode } from './attendance-fixtures';

describe('check-in throttling', () => {
  let t: TestApp;
  let trainer: Caller;
  let guesser: Caller;
  let neighbour: Caller;
  let ids: string[];
  /** Sessions of one course may not overlap: each session gets a course of its own, with the same students. */
  const freshCourse = () => makeGeneralCourse(trainer, ids, undefined, 2);

  beforeAll(async () => {
    t = await startTestApp({ env: { CHECK_IN_MAX_FAILURES: '3', CHECK_IN_FAILURE_WINDOW_SECONDS: '600' } });
    trainer = caller(t, await t.login('trainer1'));
    const g = await t.login('student1');
    const n = await t.login('student2');
    guesser = caller(t, g);
    neighbour = caller(t, n);
    ids = [await userId(t, g), await userId(t, n)];
  });
  afterAll(() => t.close());

  it('refuses a student with 429 after repeated wrong codes, even with the right code, and leaves others alone', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    const wrong = wrongCode(t, sessionId);
    for (let i = 0; i < 3; i++) {
      const res = await guesser.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: wrong }).expect(400);
      expect(res.body.code).toBe('CHECK_IN_CODE_WRONG');
    }
    await awayFromStepBoundary(t, 5_000);
    const blocked = await guesser.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: codeOf(t, sessionId) }).expect(429);
    expect(blocked.body).toMatchObject({ code: 'CHECK_IN_THROTTLED', retryAfterSeconds: expect.any(Number) });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(600);
    await neighbour.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: codeOf(t, sessionId) }).expect(200);
  });

  it('does not let a burst of parallel guesses past the limit', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    const wrong = wrongCode(t, sessionId);
    const results = await Promise.all(Array.from({ length: 10 }, () => neighbour.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: wrong })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 400)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('does not count a right code or a malformed one against the student', async () => {
    const t2 = await startTestApp({ env: { CHECK_IN_MAX_FAILURES: '1' }, database: t.config.database.database });
    try {
      const token = await t2.login('student3');
      const student = caller(t2, token);
      const staff = caller(t2, await t2.login('trainer1'));
      const course = await makeGeneralCourse(staff, [await userId(t2, token)], '计数课程');
      const sessionId = await openSession(staff, course);
      await student.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: 'abcdef' }).expect(400);
      await student.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: '１２' }).expect(400);
      await awayFromStepBoundary(t2, 5_000);
      await student.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: codeOf(t2, sessionId) }).expect(200);
      await student.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: codeOf(t2, sessionId) }).expect(200);
      expect((await student.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: wrongCode(t2, sessionId) }).expect(400)).body.code).toBe('CHECK_IN_CODE_WRONG');
      expect((await student.post(`/api/class-sessions/${sessionId}/check-in`).send({ code: wrongCode(t2, sessionId) }).expect(429)).body.code).toBe('CHECK_IN_THROTTLED');
    } finally {
      await t2.close();
    }
  });
});
