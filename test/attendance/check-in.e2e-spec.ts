import { startTestApp, TestApp } from '../support/test-app';
import {
  awayFromStepBoundary,
  Caller,
  caller,
  codeOf,
  ledgerMinutes,
  makeGeneralCourse,
  openSession,
  scheduleSession,
  userId,
  wrongCode,
} from './attendance-fixtures';

/**
 * Students checking in with the rotating code. The app runs with a 120 s step and a grace of a
 * whole step, so that "the previous code" is accepted whatever the moment of the test, and the
 * code two steps back is always expired.
 */
describe('check-in with the rotating code', () => {
  let t: TestApp;
  let trainer: Caller;
  let students: Caller[];
  let studentIds: string[];
  let outsider: Caller;

  beforeAll(async () => {
    t = await startTestApp({ env: { CHECK_IN_STEP_SECONDS: '120', CHECK_IN_GRACE_SECONDS: '120', CHECK_IN_MAX_FAILURES: '50' } });
    trainer = caller(t, await t.login('trainer1'));
    students = [];
    studentIds = [];
    for (const name of ['student1', 'student2', 'student3', 'student4']) {
      const token = await t.login(name);
      students.push(caller(t, token));
      studentIds.push(await userId(t, token));
    }
    outsider = caller(t, await t.login('student5'));
  });
  afterAll(() => t.close());

  /** Sessions of one course may not overlap: each session that has begun gets a course of its own, with the same students. */
  const freshCourse = () => makeGeneralCourse(trainer, studentIds, undefined, 2);
  const checkIn = (who: Caller, sessionId: string, code: string) => who.post(`/api/class-sessions/${sessionId}/check-in`).send({ code });

  it('accepts the code on the screen, records present and credits the session minutes to the general system', async () => {
    const sessionId = await scheduleSession(trainer, await freshCourse(), { startsInMinutes: -5, durationMinutes: 120, creditMinutes: 110 });
    await awayFromStepBoundary(t);
    const opened = await trainer.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    expect(opened.body.code).toMatch(/^\d{6}$/);
    expect(opened.body.code).toBe(codeOf(t, sessionId));
    expect(new Date(opened.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(opened.body.checkIn.open).toBe(true);

    const res = await checkIn(students[0], sessionId, opened.body.code).expect(200);
    expect(res.body).toMatchObject({ sessionId, studentId: studentIds[0], status: 'present', source: 'check_in', creditedMinutes: 110, revision: 1, alreadyCheckedIn: false });
    expect(await ledgerMinutes(t, studentIds[0], sessionId)).toEqual({ sum: 110, entries: [110] });
    const [entry] = await t.ds.query(`SELECT reference_type, author_id, reason FROM hour_entry WHERE reference_id = $1`, [sessionId]);
    expect(entry).toEqual({ reference_type: 'class_session', author_id: null, reason: '线下课签到出勤' });
  });

  it('accepts the previous code during its grace', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    await awayFromStepBoundary(t);
    const previous = codeOf(t, sessionId, 1);
    const res = await checkIn(students[1], sessionId, previous).expect(200);
    expect(res.body.status).toBe('present');
  });

  it('refuses an expired code, and says it is expired', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    const res = await checkIn(students[0], sessionId, codeOf(t, sessionId, 2)).expect(400);
    expect(res.body.code).toBe('CHECK_IN_CODE_EXPIRED');
    expect((await ledgerMinutes(t, studentIds[0], sessionId)).entries).toEqual([]);
  });

  it('refuses the code of another session', async () => {
    const mine = await openSession(trainer, await freshCourse());
    const other = await openSession(trainer, await freshCourse());
    await awayFromStepBoundary(t);
    const valid = new Set([0, 1, -1].map((back) => codeOf(t, mine, back)));
    const otherCode = [0, 1].map((back) => codeOf(t, other, back)).find((c) => !valid.has(c)) as string;
    const res = await checkIn(students[0], mine, otherCode).expect(400);
    expect(res.body.code).toBe('CHECK_IN_CODE_WRONG');
    // The same code is good where it belongs.
    await checkIn(students[0], other, otherCode).expect(200);
  });

  it('refuses a wrong code and something that is not a code', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    expect((await checkIn(students[0], sessionId, wrongCode(t, sessionId)).expect(400)).body.code).toBe('CHECK_IN_CODE_WRONG');
    expect((await checkIn(students[0], sessionId, '12ab56').expect(400)).body.code).toBe('CHECK_IN_CODE_MALFORMED');
    const roster = await trainer.get(`/api/class-sessions/${sessionId}/attendance`).expect(200);
    expect(roster.body.items.every((r: { status: string | null }) => r.status === null)).toBe(true);
  });

  it('accepts a code typed with full-width digits and a space', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    await awayFromStepBoundary(t);
    const code = codeOf(t, sessionId);
    const typed = `${[...code.slice(0, 3)].map((d) => String.fromCodePoint(0xff10 + Number(d))).join('')} ${code.slice(3)}`;
    await checkIn(students[2], sessionId, typed).expect(200);
  });

  it('refuses a student who is not enrolled in the course', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    const res = await checkIn(outsider, sessionId, codeOf(t, sessionId)).expect(403);
    expect(res.body.code).toBe('NOT_ENROLLED');
  });

  it('refuses check-in before the window opens and after the session ends', async () => {
    const early = await scheduleSession(trainer, await freshCourse(), { startsInMinutes: 60 });
    const ended = await scheduleSession(trainer, await freshCourse(), { startsInMinutes: -180, durationMinutes: 120 });
    for (const sessionId of [early, ended]) {
      const open = await trainer.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(409);
      expect(open.body.code).toBe('OUTSIDE_SESSION_WINDOW');
      const res = await checkIn(students[0], sessionId, codeOf(t, sessionId)).expect(409);
      expect(res.body).toMatchObject({ code: 'OUTSIDE_SESSION_WINDOW', opensAt: expect.any(String), closesAt: expect.any(String) });
    }
  });

  it('opens the window a little before the start, and counts that check-in as present', async () => {
    const sessionId = await openSession(trainer, await freshCourse(), { startsInMinutes: 10 });
    await awayFromStepBoundary(t);
    const res = await checkIn(students[3], sessionId, codeOf(t, sessionId)).expect(200);
    expect(res.body.status).toBe('present');
  });

  it('records a check-in after the late grace as late, still credited', async () => {
    const sessionId = await openSession(trainer, await freshCourse(), { startsInMinutes: -30, durationMinutes: 90 });
    await awayFromStepBoundary(t);
    const res = await checkIn(students[0], sessionId, codeOf(t, sessionId)).expect(200);
    expect(res.body).toMatchObject({ status: 'late', creditedMinutes: 90 });
    expect((await ledgerMinutes(t, studentIds[0], sessionId)).sum).toBe(90);
  });

  it('refuses check-in until the trainer opens it, and after the trainer closes it', async () => {
    const sessionId = await scheduleSession(trainer, await freshCourse());
    expect((await checkIn(students[0], sessionId, codeOf(t, sessionId)).expect(409)).body.code).toBe('CHECK_IN_NOT_OPEN');
    await trainer.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    await trainer.del(`/api/class-sessions/${sessionId}/check-in-code`).expect(204);
    expect((await checkIn(students[0], sessionId, codeOf(t, sessionId)).expect(409)).body.code).toBe('CHECK_IN_NOT_OPEN');
    const reopened = await trainer.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    await checkIn(students[0], sessionId, reopened.body.code).expect(200);
  });

  it('changes nothing on a second check-in, and credits once under concurrent check-ins', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    await awayFromStepBoundary(t);
    const code = codeOf(t, sessionId);
    const results = await Promise.all(Array.from({ length: 8 }, () => checkIn(students[1], sessionId, code)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(results.filter((r) => !r.body.alreadyCheckedIn)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const again = await checkIn(students[1], sessionId, codeOf(t, sessionId)).expect(200);
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, revision: 1, checkedInAt: results[0].body.checkedInAt });
    expect(await ledgerMinutes(t, studentIds[1], sessionId)).toEqual({ sum: 120, entries: [120] });
    const record = await trainer.get(`/api/class-sessions/${sessionId}/attendance/${studentIds[1]}`).expect(200);
    expect(record.body.changes).toEqual([expect.objectContaining({ revision: 1, fromStatus: null, toStatus: 'present', ledgerMinutes: 120, authorId: studentIds[1] })]);
  });

  it('refuses a check-in over a trainer-recorded absence, which only the trainer may change', async () => {
    const sessionId = await openSession(trainer, await freshCourse());
    await trainer.put(`/api/class-sessions/${sessionId}/attendance/${studentIds[2]}`).send({ status: 'absent' }).expect(200);
    await awayFromStepBoundary(t);
    const res = await checkIn(students[2], sessionId, codeOf(t, sessionId)).expect(409);
    expect(res.body.code).toBe('ATTENDANCE_SET_BY_TRAINER');
    expect((await ledgerMinutes(t, studentIds[2], sessionId)).entries).toEqual([]);
  });

  it('shows a student the session and their own record', async () => {
    const ownCourse = await freshCourse();
    const sessionId = await openSession(trainer, ownCourse);
    await awayFromStepBoundary(t);
    const before = await students[3].get(`/api/class-sessions/${sessionId}`).expect(200);
    expect(before.body).toMatchObject({ id: sessionId, courseId: ownCourse, checkIn: { open: true }, myAttendance: null });
    expect(before.body).not.toHaveProperty('code');
    await checkIn(students[3], sessionId, codeOf(t, sessionId)).expect(200);
    const after = await students[3].get(`/api/class-sessions/${sessionId}`).expect(200);
    expect(after.body.myAttendance).toMatchObject({ status: 'present', studentId: studentIds[3] });
    expect((await outsider.get(`/api/class-sessions/${sessionId}`).expect(403)).body.code).toBe('NOT_ENROLLED');
  });
});
