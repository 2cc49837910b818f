import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppConfig, buildAppConfig } from '../../src/config/app-config';
import { configureHttpApp } from '../../src/http-app';
import { CurriculumSeeder } from '../../src/seeding/curriculum-seeder.service';
import { runDataDir, runId, seededTemplateDb, serverConnection, templateDb, withMaintenanceClient } from './test-env';

/** Cheap password hashing for tests that do not measure it. */
const FAST_ARGON2 = { ARGON2_MEMORY_KIB: '1024', ARGON2_TIME_COST: '1' };

export function testConfig(database: string, env: Record<string, string> = {}): AppConfig {
  const conn = serverConnection();
  return buildAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_MODE: 'true',
    PGHOST: conn.host,
    PGPORT: String(conn.port),
    PGUSER: conn.user,
    PGPASSWORD: conn.password,
    PGDATABASE: database,
    PG_POOL_SIZE: '10',
    REDIS_HOST: process.env.REDIS_HOST ?? '127.0.0.1',
    REDIS_PORT: process.env.REDIS_PORT ?? '6379',
    QUEUE_PREFIX: `lmst-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...FAST_ARGON2,
    // No random spot checks unless a test asks for them: queues and results stay deterministic.
    DRILL_QA_SAMPLE_SHARE: '0',
    // As behind nginx: the API tests leave gzip out (test/web/serving and the browser tests turn it on).
    HTTP_COMPRESSION: 'false',
    DATA_DIR: runDataDir(runId()),
    ...env,
  });
}

const SEED_TEMPLATE_LOCK = 7_402_118_900;

/** The migrated template with the seed import applied; made once per run by whichever file needs it first. */
async function ensureSeededTemplate(): Promise<string> {
  const run = runId();
  const name = seededTemplateDb(run);
  await withMaintenanceClient(async (c) => {
    await c.query('SELECT pg_advisory_lock($1)', [SEED_TEMPLATE_LOCK]);
    try {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount) return;
      await c.query(`CREATE DATABASE "${name}_build" TEMPLATE "${templateDb(run)}"`);
      const ctx = await NestFactory.createApplicationContext(AppModule.register(testConfig(`${name}_build`)), { logger: false });
      await ctx.get(CurriculumSeeder).run();
      await ctx.close();
      // Renamed only when complete, so a crash never leaves a half-seeded template behind.
      await c.query(`ALTER DATABASE "${name}_build" RENAME TO "${name}"`);
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [SEED_TEMPLATE_LOCK]);
    }
  });
  return name;
}

/** A fresh database for one test file: migrated, and seeded unless `seeded: false`. */
export async function createTestDatabase(opts: { seeded?: boolean } = {}): Promise<string> {
  const template = opts.seeded === false ? templateDb(runId()) : await ensureSeededTemplate();
  const name = `${runId()}_${randomBytes(5).toString('hex')}`;
  await withMaintenanceClient((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withMaintenanceClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function clearRedisPrefix(config: AppConfig): Promise<void> {
  const redis = new Redis({ host: config.redis.host, port: config.redis.port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redis.prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // A test that stopped its own Redis has nothing left to clear.
  } finally {
    redis.disconnect();
  }
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  ds: DataSource;
  http: () => TestAgent;
  login: (username: string, password?: string) => Promise<string>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  seeded?: boolean;
  env?: Record<string, string>;
  /** Share an existing database (e.g. two API instances); the caller drops it. */
  database?: string;
}

/** The whole HTTP app as main.ts configures it, on its own database and Redis prefix. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase({ seeded: opts.seeded }));
  const config = testConfig(database, opts.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { logger: false, bodyParser: false, abortOnError: false });
  configureHttpApp(app, config);
  await app.init();
  const http = () => request(app.getHttpServer());
  return {
    app,
    config,
    ds: app.get(DataSource),
    http,
    login: async (username, password = 'demo1234') => {
      const res = await http().post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    close: async () => {
      await app.close();
      await clearRedisPrefix(config);
      if (!opts.database) await dropTestDatabase(database);
    },
  };
}
