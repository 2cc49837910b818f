import { Queue } from 'bullmq';
import { JobName, QueueName } from '../../src/jobs/job-catalog';
import { JobOutbox } from '../../src/jobs/job-outbox.service';
import { OwnRedis } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';

/** The transactional outbox on its own (an API-role app, so no worker takes the jobs). */
describe('job outbox', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let outbox: JobOutbox;
  let queue: Queue;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp({ seeded: false, env: { REDIS_PORT: String(redis.port), APP_ROLE: 'api' } });
    outbox = t.app.get(JobOutbox);
    queue = new Queue(QueueName.Grading, { connection: { port: redis.port, maxRetriesPerRequest: null }, prefix: t.config.redis.prefix });
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
    await redis.down();
  });

  const record = (attemptId: string) => t.ds.transaction((tx) => outbox.addInTx(tx, JobName.GradeAttempt, { attemptId }));
  const pending = async () => (await t.ds.query(`SELECT job_id FROM outbox_job WHERE enqueued_at IS NULL ORDER BY job_id`)).map((r: { job_id: string }) => r.job_id);

  it('records a job once per job id and puts it on the queue once', async () => {
    const first = await record('a1');
    const again = await record('a1');
    expect([first.created, again.created]).toEqual([true, false]);
    await outbox.publish(first);
    await outbox.publish(first);
    expect(await queue.getJobCountByTypes('waiting', 'delayed')).toBe(1);
    expect((await queue.getJob('grade-a1'))?.data).toEqual({ attemptId: 'a1' });
    expect(await pending()).toEqual([]);
  });

  it('keeps a job recorded while Redis is down, and the relay enqueues it when Redis is back', async () => {
    await redis.down();
    const entry = await record('a2');
    await expect(outbox.publish(entry)).rejects.toThrow();
    expect(await pending()).toEqual(['grade-a2']);
    const [{ enqueue_attempts: attempts }] = await t.ds.query(`SELECT enqueue_attempts FROM outbox_job WHERE job_id = 'grade-a2'`);
    expect(attempts).toBe(1);
    await redis.up();
    for (let i = 0; i < 50 && (await pending()).length > 0; i++) {
      await outbox.relayPending(0).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await pending()).toEqual([]);
    expect(await queue.getJob('grade-a2')).toBeDefined();
  });

  it('delays a job recorded to run later', async () => {
    const entry = await t.ds.transaction((tx) =>
      outbox.addInTx(tx, JobName.AutoSubmitAttempt, { attemptId: 'x' }, { runAt: new Date(Date.now() + 60_000) }),
    );
    await outbox.publish(entry);
    const job = await queue.getJob('autosubmit-x');
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBeGreaterThan(50_000);
  });
});
