import { startTestApp, TestApp } from '../support/test-app';
import { awayFromStepBoundary, Caller, caller, codeOf, ledgerMinutes, makeGeneralCourse, openSession, scheduleSession, userId } from './attendance-fixtures';

describe('attendance corrections, the ledger and attendance rates', () => {
  let t: TestApp;
  let trainer: Caller;
  let trainerId: string;
  let students: Caller[];
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp();
    const trainerToken = await t.login('trainer1');
    trainer = caller(t, trainerToken);
    trainerId = await userId(t, trainerToken);
    students = [];
    ids = [];
    for (const name of ['student1', 'student2', 'student3', 'student4']) {
      const token = await t.login(name);
      students.push(caller(t, token));
      ids.push(await userId(t, token));
    }
  });
  afterAll(() => t.close());

  const correct = (sessionId: string, studentId: string, body: object) => trainer.put(`/api/class-sessions/${sessionId}/attendance/${studentId}`).send(body);

  async function checkedIn(courseId: string, who: number, minutes = 120): Promise<string> {
    const sessionId = await openSession(trainer, courseId, { creditMinutes: minutes });
    await awayFromStepBoundary(t, 5_000);
    await students[who].post(`/api/class-sessions/${sessionId}/check-in`).send({ code: codeOf(t, sessionId) }).expect(200);
    return sessionId;
  }

  async function transcriptGeneralMinutes(studentId: string): Promise<number> {
    const res = await trainer.get(`/api/students/${studentId}/transcript`).expect(200);
    return res.body.systems.find((s: { code: string }) => s.code === 'general').creditedMinutes;
  }

  it('reverses the credit with a new negative entry when corrected to absent, and credits again when corrected back', async () => {
    const courseId = await makeGeneralCourse(trainer, ids);
    const before = await transcriptGeneralMinutes(ids[0]);
    const sessionId = await checkedIn(courseId, 0, 100);
    expect(await ledgerMinutes(t, ids[0], sessionId)).toEqual({ sum: 100, entries: [100] });

    const absent = await correct(sessionId, ids[0], { status: 'absent', note: '中途离场' }).expect(200);
    expect(absent.body).toMatchObject({ status: 'absent', source: 'trainer', creditedMinutes: 0, revision: 2, note: '中途离场', updatedBy: trainerId });
    expect(await ledgerMinutes(t, ids[0], sessionId)).toEqual({ sum: 0, entries: [100, -100] });

    await correct(sessionId, ids[0], { status: 'excused', note: '病假' }).expect(200);
    expect(await ledgerMinutes(t, ids[0], sessionId)).toEqual({ sum: 0, entries: [100, -100] });

    const late = await correct(sessionId, ids[0], { status: 'late' }).expect(200);
    expect(late.body).toMatchObject({ status: 'late', creditedMinutes: 100, revision: 4, note: null });
    await correct(sessionId, ids[0], { status: 'present' }).expect(200);
    expect(await ledgerMinutes(t, ids[0], sessionId)).toEqual({ sum: 100, entries: [100, -100, 100] });
    expect(await transcriptGeneralMinutes(ids[0])).toBe(before + 100);

    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM hour_entry WHERE reference_id = $1 AND minutes < 0 AND author_id = $2`, [sessionId, trainerId]);
    expect(n).toBe(1);
  });

  it('records every change with its author, status before and after, note and ledger effect', async () => {
    const courseId = await makeGeneralCourse(trainer, ids);
    const sessionId = await checkedIn(courseId, 1, 60);
    await correct(sessionId, ids[1], { status: 'absent', note: '未到场，代签' }).expect(200);
    await correct(sessionId, ids[1], { status: 'absent', note: '未到场，代签' }).expect(200);
    await correct(sessionId, ids[1], { status: 'absent', note: '未到场（代签已核实）' }).expect(200);
    const record = await trainer.get(`/api/class-sessions/${sessionId}/attendance/${ids[1]}`).expect(200);
    expect(record.body.revision).toBe(3);
    expect(record.body.changes.map((c: Record<string, unknown>) => [c.revision, c.fromStatus, c.toStatus, c.note, c.ledgerMinutes, c.authorId])).toEqual([
      [1, null, 'present', null, 60, ids[1]],
      [2, 'present', 'absent', '未到场，代签', -60, trainerId],
      [3, 'absent', 'absent', '未到场（代签已核实）', 0, trainerId],
    ]);
  });

  it('lets the trainer record a student who never checked in, crediting present and not absent', async () => {
    const courseId = await makeGeneralCourse(trainer, ids);
    const sessionId = await scheduleSession(trainer, courseId, { creditMinutes: 45 });
    const present = await correct(sessionId, ids[2], { status: 'present', note: '手机没电，现场核实' }).expect(200);
    expect(present.body).toMatchObject({ status: 'present', source: 'trainer', checkedInAt: null, creditedMinutes: 45, revision: 1 });
    await correct(sessionId, ids[3], { status: 'absent' }).expect(200);
    expect(await ledgerMinutes(t, ids[2], sessionId)).toEqual({ sum: 45, entries: [45] });
    expect(await ledgerMinutes(t, ids[3], sessionId)).toEqual({ sum: 0, entries: [] });
    const [entry] = await t.ds.query(`SELECT author_id, reason FROM hour_entry WHERE reference_id = $1`, [sessionId]);
    expect(entry).toEqual({ author_id: trainerId, reason: '线下课考勤登记为出勤' });
  });

  it('writes each credit and reversal exactly once under racing corrections', async () => {
    const courseId = await makeGeneralCourse(trainer, ids);
    const sessionId = await checkedIn(courseId, 2, 90);
    const burst = (status: string) => Promise.all(Array.from({ length: 8 }, () => correct(sessionId, ids[2], { status })));
    expect((await burst('absent')).map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await ledgerMinutes(t, ids[2], sessionId)).toEqual({ sum: 0, entries: [90, -90] });
    await burst('present');
    expect(await ledgerMinutes(t, ids[2], sessionId)).toEqual({ sum: 90, entries: [90, -90, 90] });

    // Alternating writers: whatever order wins, the ledger holds exactly what the final record says.
    await Promise.all(Array.from({ length: 12 }, (_, i) => correct(sessionId, ids[2], { status: i % 2 ? 'absent' : 'late' })));
    const record = await trainer.get(`/api/class-sessions/${sessionId}/attendance/${ids[2]}`).expect(200);
    const ledger = await ledgerMinutes(t, ids[2], sessionId);
    expect(ledger.sum).toBe(record.body.creditedMinutes);
    expect(ledger.sum).toBe(['present', 'late'].includes(record.body.status) ? 90 : 0);
    expect(ledger.entries.length).toBe(record.body.changes.filter((c: { ledgerMinutes: number }) => c.ledgerMinutes !== 0).length);
    expect(record.body.changes.map((c: { revision: number }) => c.revision)).toEqual(Array.from({ length: record.body.revision }, (_, i) => i + 1));
  });

  it('creates one record when a trainer correction races the first check-in', async () => {
    const courseId = await makeGeneralCourse(trainer, ids);
    const sessionId = await openSession(trainer, courseId, { creditMinutes: 30 });
    await awayFromStepBoundary(t, 5_000);
    const [checkIn, correction] = await Promise.all([
      students[3].post(`/api/class-sessions/${sessionId}/check-in`).send({ code: codeOf(t, sessionId) }),
      correct(sessionId, ids[3], { status: 'excused' }),
    ]);
    expect(correction.status).toBe(200);
    expect([200, 409]).toContain(checkIn.status);
    const record = await trainer.get(`/api/class-sessions/${sessionId}/attendance/${ids[3]}`).expect(200);
    expect(record.body.status).toBe('excused');
    expect((await ledgerMinutes(t, ids[3], sessionId)).sum).toBe(0);
  });

  it('refuses corrections before the session has begun and for students outside the course', async () => {
    const courseId = await makeGeneralCourse(trainer, ids.slice(0, 2));
    const future = await scheduleSession(trainer, courseId, { startsInMinutes: 24 * 60 });
    expect((await correct(future, ids[0], { status: 'present' }).expect(409)).body.code).toBe('SESSION_NOT_STARTED');
    const now = await scheduleSession(trainer, courseId);
    expect((await correct(now, ids[3], { status: 'present' }).expect(404)).body.code).toBe('STUDENT_NOT_ENROLLED');
    expect((await correct(now, trainerId, { status: 'present' }).expect(404)).body.code).toBe('STUDENT_NOT_ENROLLED');
    expect((await trainer.get(`/api/class-sessions/${now}/attendance/${ids[0]}`).expect(404)).body.code).toBe('ATTENDANCE_NOT_FOUND');
  });

  it('lists the roster of a session: every enrolled student, recorded or not', async () => {
    const courseId = await makeGeneralCourse(trainer, ids.slice(0, 3));
    const sessionId = await checkedIn(courseId, 0);
    await correct(sessionId, ids[1], { status: 'excused', note: '事假' }).expect(200);
    const roster = await trainer.get(`/api/class-sessions/${sessionId}/attendance`).expect(200);
    expect(roster.body.total).toBe(3);
    expect(roster.body.items.map((r: { username: string; status: string | null; enrolled: boolean }) => [r.username, r.status, r.enrolled])).toEqual([
      ['student1', 'present', true],
      ['student2', 'excused', true],
      ['student3', null, true],
    ]);
    const page = await trainer.get(`/api/class-sessions/${sessionId}/attendance?limit=1&offset=1`).expect(200);
    expect(page.body).toMatchObject({ total: 3, items: [{ username: 'student2' }] });
  });

  it('computes attendance rates per session, per student and for the course', async () => {
    const courseId = await makeGeneralCourse(trainer, ids.slice(0, 3), '职业素养（考勤率）');
    // Session A: student1 present, student2 late, student3 nothing recorded (absent).
    const a = await checkedIn(courseId, 0);
    await correct(a, ids[1], { status: 'late' }).expect(200);
    // Session B (held before A: sessions of a course never overlap): student1 absent, student2 excused, student3 present.
    const b = await scheduleSession(trainer, courseId, { startsInMinutes: -300, durationMinutes: 120 });
    await correct(b, ids[0], { status: 'absent' }).expect(200);
    await correct(b, ids[1], { status: 'excused' }).expect(200);
    await correct(b, ids[2], { status: 'present' }).expect(200);
    // Session C has not started: listed, not counted.
    const c = await scheduleSession(trainer, courseId, { startsInMinutes: 7 * 24 * 60 });

    const report = await trainer.get(`/api/courses/${courseId}/attendance`).expect(200);
    expect(report.body).toMatchObject({
      courseId,
      courseTitle: '职业素养（考勤率）',
      enrolledStudents: 3,
      scheduledSessions: 3,
      heldSessions: 2,
      present: 2,
      late: 1,
      absent: 1,
      excused: 1,
      unrecorded: 1,
      attended: 3,
      expected: 5,
      rate: 0.6,
    });
    const bySession = Object.fromEntries(report.body.sessions.map((s: { sessionId: string }) => [s.sessionId, s]));
    expect(bySession[a]).toMatchObject({ held: true, attended: 2, unrecorded: 1, expected: 3, rate: 0.6667 });
    expect(bySession[b]).toMatchObject({ held: true, attended: 1, absent: 1, excused: 1, expected: 2, rate: 0.5 });
    expect(bySession[c]).toMatchObject({ held: false, attended: 0, expected: 0, rate: null });
    const byStudent = Object.fromEntries(report.body.students.map((s: { username: string }) => [s.username, s]));
    expect(byStudent.student1).toMatchObject({ present: 1, absent: 1, attended: 1, expected: 2, rate: 0.5 });
    expect(byStudent.student2).toMatchObject({ late: 1, excused: 1, attended: 1, expected: 1, rate: 1 });
    expect(byStudent.student3).toMatchObject({ present: 1, unrecorded: 1, attended: 1, expected: 2, rate: 0.5 });
  });
});
