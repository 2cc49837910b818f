import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { awayFromStepBoundary, caller, codeOf, lessonsOf, makeGeneralCourse, scheduleSession } from '../attendance/attendance-fixtures';
import { scenarioIds, seededScenarios, signIn, submitReply, waitUntilGraded } from '../training/drill-fixtures';
import { auth, makeChoiceBank, makeExam, waitFor } from '../support/exam-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '../..');

/**
 * `npm run ledger:verify` and `GET /api/admin/ledger/verify` recompute every credit from its
 * source records: after scenarios of every source they find nothing; a stray entry written
 * past the HourLedger service is a difference.
 */
describe('ledger verification', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { SELF_PACED_MIN_SECONDS: '1' } });
    admin = await t.login('admin');
    trainer = await t.login('trainer1');
  });
  afterAll(() => t.close());

  const get = async (token: string, path: string) => (await t.http().get(path).set(auth(token)).expect(200)).body;
  const verify = async () => get(admin, '/api/admin/ledger/verify');

  /** The built CLI (`npm test` builds first) against this test's database. */
  const cli = () =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const db = t.config.database;
      const child = spawn(process.execPath, [join(ROOT, 'dist/src/cli/ledger-verify.js')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DEMO_MODE: 'true',
          PGHOST: db.host,
          PGPORT: String(db.port),
          PGUSER: db.user,
          PGPASSWORD: db.password,
          PGDATABASE: db.database,
          REDIS_HOST: t.config.redis.host,
          REDIS_PORT: String(t.config.redis.port),
          QUEUE_PREFIX: t.config.redis.prefix,
          JWT_SECRET: t.config.auth.jwtSecret,
          // The app's key secret: with another, the CLI could not unseal the stored signing key and would warn on stdout.
          CREDENTIAL_KEY_SECRET: t.config.certification.keySecret,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  it('finds no difference after credits and reversals of every source', async () => {
    // Lesson completion: a reading lesson of the practical course.
    const s1 = await t.login('student1');
    const s1Id = (await get(s1, '/api/me')).id;
    const course = (await get(s1, '/api/courses?system=practical')).items[0];
    const lessons = (await get(s1, `/api/courses/${course.id}`)).modules.flatMap((m: { lessons: Array<{ id: string; mode: string }> }) => m.lessons);
    const reading = lessons.find((l: { mode: string }) => l.mode === 'reading');
    await t.http().post(`/api/lessons/${reading.id}/open`).set(auth(s1)).expect(200);
    await t.ds.query(`UPDATE lesson_progress SET opened_at = opened_at - interval '5 seconds' WHERE student_id = $1 AND lesson_id = $2`, [s1Id, reading.id]);
    await t.http().post(`/api/lessons/${reading.id}/complete`).set(auth(s1)).expect(200);

    // Exam pass: an exam lesson passed, then a key correction reverses it.
    const examLesson = lessons.find((l: { mode: string }) => l.mode === 'exam');
    const bank = await makeChoiceBank(t, trainer, 1, '核对');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], passScore: 100, lessonId: examLesson.id });
    const attempt = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s1)).expect(201)).body;
    const questionId = attempt.questions[0].id;
    await t.http().put(`/api/attempts/${attempt.id}/answers/${questionId}`).set(auth(s1)).send({ answer: 'A', clientSeq: 1 }).expect(200);
    await t.http().post(`/api/attempts/${attempt.id}/submit`).set(auth(s1)).expect(202);
    await waitFor('the exam graded', async () => (await get(s1, `/api/attempts/${attempt.id}`)).status === 'graded');
    const s2 = await t.login('student2');
    const other = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s2)).expect(201)).body;
    await t.http().put(`/api/attempts/${other.id}/answers/${questionId}`).set(auth(s2)).send({ answer: 'B', clientSeq: 1 }).expect(200);
    await t.http().post(`/api/attempts/${other.id}/submit`).set(auth(s2)).expect(202);
    await waitFor('the failed exam graded', async () => (await get(s2, `/api/attempts/${other.id}`)).status === 'graded');
    // The key was wrong: B is right. student1's credit is reversed and student2's written.
    await t.http().post(`/api/questions/${questionId}/answer-key-corrections`).set(auth(trainer)).send({ answer: 'B', reason: '原答案误标' }).expect(201);
    await waitFor('regrades', async () => (await get(s2, `/api/attempts/${other.id}`)).passed === true && (await get(s1, `/api/attempts/${attempt.id}`)).passed === false);
    await waitFor('the reversal', async () => {
      const [{ m }] = await t.ds.query(`SELECT COALESCE(SUM(minutes), 0)::int AS m FROM hour_entry WHERE student_id = $1 AND reference_id = $2`, [s1Id, examLesson.id]);
      return m === 0;
    });

    // Drill pass: passed, and another one overridden to a fail by a review.
    const drillStudent = await signIn(t, 'student3');
    const automatic = seededScenarios().filter((s) => !s.rubric.requiresReview);
    const ids = await scenarioIds(t, drillStudent);
    const passes = [];
    for (const s of automatic.slice(0, 2)) {
      const submitted = await submitReply(t, drillStudent, ids.get(s.title) as string, s.modelReply).expect(202);
      passes.push(await waitUntilGraded(t, drillStudent, submitted.body.id));
    }
    expect(passes.map((p) => p.passed)).toEqual([true, true]);
    await t.http().post(`/api/training/submissions/${passes[1].id}/review`).set(auth(trainer)).send({ score: 30, comment: '照搬话术。', passed: false }).expect(200);

    // Attendance: a check-in, a trainer's present, and a correction to absent.
    const staff = caller(t, trainer);
    const s4 = await t.login('student4');
    const s4Id = (await get(s4, '/api/me')).id;
    const s5Id = (await get(await t.login('student5'), '/api/me')).id;
    const general = await makeGeneralCourse(staff, [s4Id, s5Id], '核对课程', 3);
    const [first] = await lessonsOf(staff, general);
    const sessionId = await scheduleSession(staff, general, { lessonId: first.id });
    await staff.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    await awayFromStepBoundary(t);
    await t.http().post(`/api/class-sessions/${sessionId}/check-in`).set(auth(s4)).send({ code: codeOf(t, sessionId) }).expect(200);
    await staff.put(`/api/class-sessions/${sessionId}/attendance/${s5Id}`).send({ status: 'present' }).expect(200);
    await staff.put(`/api/class-sessions/${sessionId}/attendance/${s5Id}`).send({ status: 'absent' }).expect(200);
    const earlier = await scheduleSession(staff, general, { startsInMinutes: -400, durationMinutes: 120 });
    await staff.put(`/api/class-sessions/${earlier}/attendance/${s4Id}`).send({ status: 'late' }).expect(200);

    // Adjustment: no source but itself.
    await t.http().post(`/api/students/${s4Id}/hour-adjustments`).set(auth(admin)).send({ system: 'general', minutes: 45, reason: '补录' }).expect(201);

    const sources = await t.ds.query(`SELECT DISTINCT source FROM hour_entry ORDER BY source`);
    expect(sources.map((r: { source: string }) => r.source)).toEqual(['adjustment', 'attendance', 'drill_pass', 'exam_pass', 'lesson_completion']);
    const [{ reversals }] = await t.ds.query(`SELECT COUNT(*)::int AS reversals FROM hour_entry WHERE minutes < 0`);
    expect(reversals).toBe(3);

    const result = await verify();
    expect(result.differences).toEqual([]);
    expect(result.checked).toBeGreaterThanOrEqual(8);
    expect((await t.http().get('/api/admin/ledger/verify').set(auth(trainer))).status).toBe(403);
    expect((await t.http().get('/api/admin/ledger/verify')).status).toBe(401);

    const run = await cli();
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(result);
  });

  it('lists an entry written past the HourLedger service as a difference, and the CLI exits 1', async () => {
    const s4 = await t.login('student4');
    const s4Id = (await get(s4, '/api/me')).id;
    const [{ id: sessionId }] = await t.ds.query(
      `SELECT a.session_id AS id FROM attendance a WHERE a.student_id = $1 AND a.credited_minutes > 0 ORDER BY a.created_at LIMIT 1`,
      [s4Id],
    );
    const stray = '44444444-4444-4444-8444-444444444444';
    await t.ds.query(
      `INSERT INTO hour_entry (student_id, system_code, minutes, source, reference_type, reference_id, idempotency_key)
       VALUES ($1, 'general', 30, 'attendance', 'class_session', $2, 'tampered-1'), ($1, 'training', 60, 'drill_pass', 'scenario', $3, 'tampered-2')`,
      [s4Id, sessionId, stray],
    );
    const result = await verify();
    expect(result.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'amount', studentId: s4Id, source: 'attendance', referenceId: sessionId, expectedMinutes: 120, ledgerMinutes: 150 }),
        expect.objectContaining({ kind: 'unexpected', studentId: s4Id, source: 'drill_pass', referenceId: stray, expectedMinutes: 0, ledgerMinutes: 60 }),
      ]),
    );
    expect(result.differences).toHaveLength(2);
    const run = await cli();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('2 difference(s)');
  });
});
