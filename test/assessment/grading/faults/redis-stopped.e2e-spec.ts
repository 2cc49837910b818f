import { pool, prepareAttempts, submit, tallyWhenGraded } from '../../../support/exam-burst';
import { OwnRedis } from '../../../support/redis-server';
import { startTestApp, TestApp } from '../../../support/test-app';

/**
 * Fault: Redis dies during a burst of submissions and comes back empty (this test's own
 * redis-server, without persistence): queued jobs are gone, new ones cannot be enqueued.
 */
describe('fault: Redis stopped during a burst of submissions', () => {
  let redis: OwnRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp({
      env: {
        REDIS_PORT: String(redis.port),
        WORKER_CONCURRENCY: '4',
        OUTBOX_RELAY_INTERVAL_MS: '300',
        ATTEMPT_SWEEP_INTERVAL_MS: '300',
        GRADING_STUCK_AFTER_MS: '1500',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await redis.down();
  });

  it('answers every submit with 202 and grades them all once Redis is back', async () => {
    const [trainer, admin] = [await t.login('trainer1'), await t.login('admin')];
    const { attempts } = await prepareAttempts(t, trainer, admin, 40, 'redis');
    const ids = attempts.map((a) => a.id);
    const query = (sql: string, params?: unknown[]) => t.ds.query(sql, params);

    const first = pool(attempts.slice(0, 20), 10, (a) => submit(t, a));
    await new Promise((r) => setTimeout(r, 30));
    await redis.down(); // in the middle of the first half
    const results = [...(await first), ...(await pool(attempts.slice(20), 10, (a) => submit(t, a)))];
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(202));
    const [{ waiting }] = await t.ds.query(`SELECT COUNT(*)::int AS waiting FROM outbox_job WHERE job_name = 'grade-attempt' AND enqueued_at IS NULL`);
    expect(waiting).toBeGreaterThanOrEqual(20);

    await new Promise((r) => setTimeout(r, 500));
    await redis.up();
    const final = await tallyWhenGraded(query, ids, results.map((r) => r.id), 40_000);
    expect(final).toEqual({ acknowledged: 40, persisted: 40, graded: 40, gradedTwice: [] });
  }, 90_000);
});
