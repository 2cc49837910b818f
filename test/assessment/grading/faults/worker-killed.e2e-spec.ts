import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '../../../../src/jobs/job-catalog';
import { OpenAttempt, pool, prepareAttempts, submit, SubmitResult, tally, tallyWhenGraded } from '../../../support/exam-burst';
import { waitFor } from '../../../support/exam-fixtures';
import { SpawnedApp } from '../../../support/spawned-app';
import { startTestApp, TestApp } from '../../../support/test-app';

/**
 * Fault: the worker process dies (SIGKILL) while grading transactions are open and a burst of
 * submissions is arriving; more arrive while no worker runs; a new worker starts.
 */
describe('fault: worker killed with SIGKILL in the middle of a burst', () => {
  let t: TestApp;
  let queue: Queue;
  const workers: SpawnedApp[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { APP_ROLE: 'api' } });
    queue = new Queue(QueueName.Grading, { connection: { host: t.config.redis.host, port: t.config.redis.port, maxRetriesPerRequest: null }, prefix: t.config.redis.prefix });
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await queue.close();
    await t.close();
  });

  const workerEnv = () => {
    const db = t.config.database;
    return {
      PGHOST: db.host,
      PGPORT: String(db.port),
      PGUSER: db.user,
      PGPASSWORD: db.password,
      PGDATABASE: db.database,
      REDIS_HOST: t.config.redis.host,
      REDIS_PORT: String(t.config.redis.port),
      QUEUE_PREFIX: t.config.redis.prefix,
      JWT_SECRET: t.config.auth.jwtSecret,
      WORKER_CONCURRENCY: '8',
      JOB_LOCK_DURATION_MS: '2000',
      JOB_STALLED_INTERVAL_MS: '500',
      OUTBOX_RELAY_INTERVAL_MS: '500',
      ATTEMPT_SWEEP_INTERVAL_MS: '500',
      // Recovery of lost jobs stays out of the way: what saves the killed worker's jobs is BullMQ's stalled-job check.
      GRADING_STUCK_AFTER_MS: '600000',
    };
  };

  it('grades every acknowledged attempt exactly once after a new worker starts', async () => {
    const [trainer, admin] = [await t.login('trainer1'), await t.login('admin')];
    const { attempts } = await prepareAttempts(t, trainer, admin, 30, 'kill');
    const ids = attempts.map((a) => a.id);
    const held = attempts.slice(0, 4);
    const query = (sql: string, params?: unknown[]) => t.ds.query(sql, params);

    const results: SubmitResult[] = [];
    const burst = async (list: OpenAttempt[]) => results.push(...(await pool(list, 10, (a) => submit(t, a))));
    // The first submissions wait in the queue; their rows are then held, so that the worker's gradings
    // of them are in flight (waiting for the row lock) when it dies.
    await burst(held);
    const holder = new Client({ host: t.config.database.host, port: t.config.database.port, user: t.config.database.user, database: t.config.database.database });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM attempt WHERE id = ANY($1::uuid[]) FOR UPDATE', [held.map((a) => a.id)]);
      workers.push(await SpawnedApp.start('worker', workerEnv()));
      await burst(attempts.slice(4, 15));
      await waitFor('jobs in flight and some graded', async () => (await queue.getActiveCount()) >= 4 && (await tally(query, ids, ids)).graded >= 5, 20_000, 50);
      await workers[0].kill();
      await holder.query('ROLLBACK');
      // A statement the dead worker had already sent may still finish; then nothing grades until a worker starts.
      await new Promise((r) => setTimeout(r, 300));
      const before = await tally(query, ids, ids);
      await burst(attempts.slice(15)); // acknowledged while no worker runs
      expect((await tally(query, ids, ids)).graded).toBe(before.graded);
    } finally {
      await holder.end();
    }

    workers.push(await SpawnedApp.start('worker', workerEnv()));
    const acknowledged = results.filter((r) => r.status === 202).map((r) => r.id);
    expect(acknowledged).toHaveLength(30);
    const final = await tallyWhenGraded(query, ids, acknowledged, 40_000);
    expect(final).toEqual({ acknowledged: 30, persisted: 30, graded: 30, gradedTwice: [] });
    // The killed worker's jobs are taken over as stalled ones (not re-created), and their second run grades nothing again.
    const states = await waitFor('the killed worker’s jobs to be taken over', async () => {
      const jobs = await Promise.all(held.map((a) => queue.getJob(`grade-${a.id}`)));
      return jobs.every((j) => j?.finishedOn) ? jobs.map((j) => ({ stalled: (j?.stalledCounter ?? 0) >= 1, failed: j?.failedReason ?? null })) : undefined;
    }, 30_000);
    expect(states).toEqual(held.map(() => ({ stalled: true, failed: null })));
    expect(await tally(query, ids, acknowledged)).toEqual({ acknowledged: 30, persisted: 30, graded: 30, gradedTwice: [] });
  }, 120_000);
});
