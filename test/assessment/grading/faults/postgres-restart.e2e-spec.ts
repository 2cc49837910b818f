import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { buildAppConfig } from '../../../../src/config/app-config';
import { pool, prepareAttempts, submit, SubmitResult, tallyWhenGraded } from '../../../support/exam-burst';
import { Http } from '../../../support/exam-fixtures';
import { OwnPostgres } from '../../../support/own-postgres';
import { SpawnedApp } from '../../../support/spawned-app';
import { clearRedisPrefix } from '../../../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Fault: PostgreSQL restarts during a burst of submissions. The shared server is left alone:
 * the built API and worker run as child processes against a throwaway cluster of this test.
 */
describe('fault: PostgreSQL restarted during a burst of submissions', () => {
  let pg: OwnPostgres;
  let api: SpawnedApp;
  let worker: SpawnedApp;
  let env: Record<string, string>;
  const database = 'lms_fault';

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    env = {
      PGHOST: '127.0.0.1',
      PGPORT: String(pg.port),
      PGUSER: 'postgres',
      PGDATABASE: database,
      PG_POOL_SIZE: '8',
      REDIS_HOST: process.env.REDIS_HOST ?? '127.0.0.1',
      REDIS_PORT: process.env.REDIS_PORT ?? '6379',
      QUEUE_PREFIX: `lmst-pg-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DEMO_MODE: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '300',
      ATTEMPT_SWEEP_INTERVAL_MS: '300',
      GRADING_STUCK_AFTER_MS: '5000',
    };
    api = await SpawnedApp.start('api', env); // creates the database, migrates and seeds
    worker = await SpawnedApp.start('worker', env);
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    pg?.destroy();
    if (env) await clearRedisPrefix(buildAppConfig(env));
  });

  it('grades every acknowledged submit; the others got 503 DATABASE_UNAVAILABLE and succeed on retry', async () => {
    const t: Http = { http: () => request(api.base as string) };
    const login = async (username: string) => (await t.http().post('/api/auth/login').send({ username, password: 'demo1234' }).expect(200)).body.accessToken as string;
    const [trainer, admin] = [await login('trainer1'), await login('admin')];
    const { attempts } = await prepareAttempts(t, trainer, admin, 40, 'pg');
    const ids = attempts.map((a) => a.id);

    const firstTries: SubmitResult[] = [];
    const burst = pool(attempts, 4, async (a) => {
      firstTries.push(await submit(t, a));
      await sleep(100);
    });
    await sleep(300);
    pg.down();
    await sleep(1000);
    pg.up();
    await burst;

    const refused = firstTries.filter((r) => r.status !== 202);
    expect(refused.length).toBeGreaterThan(0); // the restart did hit the burst
    for (const r of refused) expect(r).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '2' });

    // A client retries what was refused.
    const acknowledged = new Set(firstTries.filter((r) => r.status === 202).map((r) => r.id));
    for (const r of refused) {
      for (let i = 0; i < 30 && !acknowledged.has(r.id); i++) {
        const again = await submit(t, attempts.find((a) => a.id === r.id)!);
        if (again.status === 202) acknowledged.add(r.id);
        else await sleep(300);
      }
    }
    expect(acknowledged.size).toBe(40);
    const final = await tallyWhenGraded((sql, p) => pg.query(database, sql, p), ids, [...acknowledged], 60_000);
    expect(final).toEqual({ acknowledged: 40, persisted: 40, graded: 40, gradedTwice: [] });
  }, 120_000);
});
