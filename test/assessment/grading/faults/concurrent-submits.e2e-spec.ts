import { prepareAttempts, submit, tallyWhenGraded } from '../../../support/exam-burst';
import { startTestApp, TestApp } from '../../../support/test-app';

/** Fault: a student's client submits ten times at once, through two API replicas. */
describe('fault: 10 concurrent submits of one attempt', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.config.database.database, env: { APP_ROLE: 'api', QUEUE_PREFIX: a.config.redis.prefix, JWT_SECRET: a.config.auth.jwtSecret } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('answers 202 to all of them and grades the attempt once', async () => {
    const [trainer, admin] = [await a.login('trainer1'), await a.login('admin')];
    const { attempts } = await prepareAttempts(a, trainer, admin, 1, 'twice');
    const [attempt] = attempts;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => submit(i % 2 ? b : a, attempt)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
    const final = await tallyWhenGraded((sql, p) => a.ds.query(sql, p), [attempt.id], [attempt.id], 20_000);
    expect(final).toEqual({ acknowledged: 1, persisted: 1, graded: 1, gradedTwice: [] });
    const [{ runs, outbox }] = await a.ds.query(
      `SELECT (SELECT COUNT(*)::int FROM grading_run WHERE attempt_id = $1) AS runs, (SELECT COUNT(*)::int FROM outbox_job WHERE job_id = $2) AS outbox`,
      [attempt.id, `grade-${attempt.id}`],
    );
    expect({ runs, outbox }).toEqual({ runs: 1, outbox: 1 });
  });
});
