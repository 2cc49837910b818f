import { auth, makeChoiceBank, makeExam, makeStudents, waitFor } from '../../support/exam-fixtures';
import { startTestApp, TestApp } from '../../support/test-app';

/**
 * The delayed auto-submit job on its own: the deadline sweep is configured never to run during the
 * test (its interval is an hour), so only the job queued for the deadline can submit the attempt.
 */
describe('the delayed auto-submit job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ATTEMPT_SWEEP_INTERVAL_MS: '3600000', GRADING_STUCK_AFTER_MS: '86400000' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('submits the attempt at its deadline with the answers saved in time, and grades it', async () => {
    const [trainer, admin] = [await t.login('trainer1'), await t.login('admin')];
    const bank = await makeChoiceBank(t, trainer, 2, 'autosubmit');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 2 }], timeLimitMinutes: undefined, timeLimitSeconds: 3, passScore: 50 });
    const [student] = await makeStudents(t, admin, 1, 'as');
    const attempt = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(student.token)).expect(201)).body;
    await t.http().put(`/api/attempts/${attempt.id}/answers/${attempt.questions[0].id}`).set(auth(student.token)).send({ answer: 'A', clientSeq: 1 }).expect(200);

    const deadline = new Date(attempt.deadline).getTime();
    const [early] = await t.ds.query(`SELECT status FROM attempt WHERE id = $1`, [attempt.id]);
    expect(early.status).toBe('in_progress');

    const row = await waitFor(
      'the attempt to be submitted and graded by its delayed job',
      async () => {
        const [r] = await t.ds.query(`SELECT status, submitted_by, submitted_at, graded_at, score FROM attempt WHERE id = $1`, [attempt.id]);
        return r.status === 'graded' ? r : undefined;
      },
      15_000,
    );
    expect(row).toMatchObject({ submitted_by: 'deadline', score: 2 });
    const submittedAt = new Date(row.submitted_at).getTime();
    // At the deadline, not before it, and not a sweep round later.
    expect(submittedAt).toBeGreaterThanOrEqual(deadline);
    expect(submittedAt - deadline).toBeLessThan(3000);

    // A later answer is refused: the attempt is closed.
    const late = await t.http().put(`/api/attempts/${attempt.id}/answers/${attempt.questions[1].id}`).set(auth(student.token)).send({ answer: 'A', clientSeq: 2 });
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
  }, 40_000);
});
