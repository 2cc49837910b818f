import { prepareAttempts, submit } from '../../support/exam-burst';
import { auth, waitFor } from '../../support/exam-fixtures';
import { OwnRedis } from '../../support/redis-server';
import { startTestApp, TestApp } from '../../support/test-app';

/**
 * A grading job that fails all its tries: today its attempt stays `submitted` for good and nobody
 * sees why. The failure is made real: a trigger refuses to record any grading of the attempt.
 */
const BLOCK_GRADING = `
  CREATE FUNCTION test_block_grading() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'grading blocked by the test'; END $$;
  CREATE TRIGGER test_block_grading BEFORE UPDATE ON attempt FOR EACH ROW
    WHEN (NEW.status IN ('graded', 'needs_review')) EXECUTE FUNCTION test_block_grading();`;
const UNBLOCK_GRADING = `DROP TRIGGER test_block_grading ON attempt; DROP FUNCTION test_block_grading();`;

interface JobRow {
  id: string;
  name: string;
  state: string;
  data: { attemptId?: string };
  attemptsMade: number;
  error: string | null;
  finishedAt: string | null;
}

async function failedJob(t: TestApp, admin: string, id: string): Promise<JobRow | undefined> {
  const res = await t.http().get('/api/admin/jobs?state=failed&limit=50&offset=0').set(auth(admin));
  if (res.status !== 200) throw new Error(`jobs: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.items as JobRow[]).find((j) => j.id === id);
}

const statusOf = async (t: TestApp, id: string) => (await t.ds.query(`SELECT status FROM attempt WHERE id = $1`, [id]))[0].status as string;

describe('grading jobs that fail all their tries', () => {
  describe('listed for admins and retried by them', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        env: {
          JOB_ATTEMPTS: '2',
          JOB_BACKOFF_MS: '50',
          // The sweep runs often, but its back-off for failed jobs is far away: only the admin retries.
          FAILED_JOB_RETRY_AFTER_MS: '3600000',
          ATTEMPT_SWEEP_INTERVAL_MS: '200',
          GRADING_STUCK_AFTER_MS: '500',
        },
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows the failed job with its error, keeps it failed, and grades the attempt on an admin retry', async () => {
      const [trainer, admin] = [await t.login('trainer1'), await t.login('admin')];
      const { attempts } = await prepareAttempts(t, trainer, admin, 2, 'fj');
      await t.ds.query(BLOCK_GRADING);
      const results = await Promise.all(attempts.map((a) => submit(t, a)));
      expect(results.map((r) => r.status)).toEqual([202, 202]);
      const [a, b] = attempts.map((x) => `grade-${x.id}`);

      const job = await waitFor('the grading job to fail for good', () => failedJob(t, admin, a));
      expect(job).toMatchObject({ name: 'grade-attempt', state: 'failed', attemptsMade: 2, data: { attemptId: attempts[0].id } });
      expect(job.error).toContain('grading blocked by the test');
      expect(job.finishedAt).not.toBeNull();
      await waitFor('the second job to fail', () => failedJob(t, admin, b));

      // Several sweep rounds later: still failed (before its back-off), still listed, not graded.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await statusOf(t, attempts[0].id)).toBe('submitted');
      expect((await failedJob(t, admin, a))?.state).toBe('failed');

      const page = await t.http().get('/api/admin/jobs?state=failed&limit=1&offset=1').set(auth(admin)).expect(200);
      expect(page.body.total).toBe(2);
      expect(page.body.items).toHaveLength(1);

      // Only admins see or retry jobs; unknown ids and bad states are refused with a code.
      await t.http().get('/api/admin/jobs?state=failed').set(auth(trainer)).expect(403);
      await t.http().post(`/api/admin/jobs/${a}/retry`).set(auth(trainer)).expect(403);
      await t.http().get('/api/admin/jobs?state=nonsense').set(auth(admin)).expect(400);
      expect((await t.http().post('/api/admin/jobs/grade-00000000-0000-4000-8000-000000000000/retry').set(auth(admin)).expect(404)).body.code).toBe('JOB_NOT_FOUND');
      expect((await t.http().post('/api/admin/jobs/no:such:job/retry').set(auth(admin)).expect(404)).body.code).toBe('JOB_NOT_FOUND');

      await t.ds.query(UNBLOCK_GRADING);
      const retried = await t.http().post(`/api/admin/jobs/${a}/retry`).set(auth(admin)).expect(202);
      expect(retried.body).toMatchObject({ id: a, name: 'grade-attempt' });
      await waitFor('the retried attempt to be graded', async () => (await statusOf(t, attempts[0].id)) === 'graded', 10_000);
      expect(await failedJob(t, admin, a)).toBeUndefined();
      // The other one was not retried: it stays failed and ungraded, in plain view.
      expect(await statusOf(t, attempts[1].id)).toBe('submitted');
      expect(await failedJob(t, admin, b)).toBeDefined();

      const again = await t.http().post(`/api/admin/jobs/${a}/retry`).set(auth(admin)).expect(409);
      expect(again.body).toMatchObject({ code: 'JOB_NOT_FAILED', state: 'completed' });
    }, 60_000);
  });

  describe('retried by the recovery sweep after its back-off', () => {
    let t: TestApp;
    const backoffMs = 2500;
    beforeAll(async () => {
      t = await startTestApp({
        env: { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '50', FAILED_JOB_RETRY_AFTER_MS: String(backoffMs), ATTEMPT_SWEEP_INTERVAL_MS: '200', GRADING_STUCK_AFTER_MS: '500' },
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('grades the attempt once the cause is gone, no sooner than the back-off after the failure', async () => {
      const [trainer, admin] = [await t.login('trainer1'), await t.login('admin')];
      const { attempts } = await prepareAttempts(t, trainer, admin, 1, 'fs');
      await t.ds.query(BLOCK_GRADING);
      expect((await submit(t, attempts[0])).status).toBe(202);
      const job = await waitFor('the grading job to fail for good', () => failedJob(t, admin, `grade-${attempts[0].id}`));
      await t.ds.query(UNBLOCK_GRADING);

      await waitFor('the sweep to grade the attempt', async () => (await statusOf(t, attempts[0].id)) === 'graded', 15_000);
      const [row] = await t.ds.query(`SELECT graded_at FROM attempt WHERE id = $1`, [attempts[0].id]);
      const failedAt = new Date(job.finishedAt as string).getTime();
      expect(new Date(row.graded_at).getTime() - failedAt).toBeGreaterThanOrEqual(backoffMs - 250);
    }, 60_000);
  });

  describe('while Redis is down', () => {
    let redis: OwnRedis;
    let t: TestApp;
    beforeAll(async () => {
      redis = await OwnRedis.start();
      t = await startTestApp({ env: { REDIS_PORT: String(redis.port) } });
    });
    afterAll(async () => {
      await t.close();
      await redis.down();
    });

    it('answers 503 with a code to the listing and the retry', async () => {
      const admin = await t.login('admin');
      await t.http().get('/api/admin/jobs').set(auth(admin)).expect(200);
      await redis.down();
      const list = await t.http().get('/api/admin/jobs?state=failed').set(auth(admin)).expect(503);
      expect(list.body.code).toBe('QUEUE_UNAVAILABLE');
      const retry = await t.http().post('/api/admin/jobs/grade-x/retry').set(auth(admin)).expect(503);
      expect(retry.body.code).toBe('QUEUE_UNAVAILABLE');
    }, 30_000);
  });
});
