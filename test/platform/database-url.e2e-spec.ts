import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildAppConfig } from '../../src/config/app-config';
import { OwnPostgres } from '../support/own-postgres';
import { SpawnedApp } from '../support/spawned-app';
import { clearRedisPrefix } from '../support/test-app';

/** Runs the built server until it exits (or 30 s pass) and returns how it ended. */
function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '../../dist/src/main.js')], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', ...env },
      cwd: join(__dirname, '../..'),
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('DATABASE_URL is read into the database connection', () => {
  const base = { PGHOST: 'pg.example', PGPORT: '6543', PGUSER: 'lms', PGPASSWORD: 'from-env', PGDATABASE: 'from_env' };

  it('takes every part the URL gives, percent-decoded', () => {
    const { database } = buildAppConfig({ ...base, DATABASE_URL: 'postgresql://app%40user:p%40ss%3Aw%2Frd@db.internal:5433/lms_prod' });
    expect(database).toMatchObject({ host: 'db.internal', port: 5433, user: 'app@user', password: 'p@ss:w/rd', database: 'lms_prod' });
  });

  it('falls back to the PG* variables, and to PGPASSWORD, for the parts it leaves out', () => {
    const { database } = buildAppConfig({ ...base, DATABASE_URL: 'postgres://db.internal' });
    expect(database).toMatchObject({ host: 'db.internal', port: 6543, user: 'lms', password: 'from-env', database: 'from_env' });
  });

  it('refuses a malformed URL, naming the variable without showing its value', () => {
    for (const url of ['mysql://u:secretpw@h/db', 'postgres://u:secretpw@h/db?sslmode=require', 'postgres://u:secretpw@h/Not-An-Identifier']) {
      let message = '';
      try {
        buildAppConfig({ ...base, DATABASE_URL: url });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('secretpw');
    }
  });
});

/**
 * A machine that is not this one: PostgreSQL that asks every connection for a password
 * (scram-sha-256), on a port of its own, reached through DATABASE_URL or PGPASSWORD.
 */
describe('the app on a PostgreSQL with password authentication', () => {
  const password = `Pw ${randomBytes(6).toString('hex')} @:/?#`;
  const database = 'lms_url';
  let pg: OwnPostgres;
  let env: Record<string, string>;
  let url: (pw: string) => string;

  beforeAll(async () => {
    pg = await OwnPostgres.start({ password });
    url = (pw) => `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${pg.port}/${database}`;
    env = {
      // Every PG* variable points elsewhere: only DATABASE_URL can reach the cluster.
      PGHOST: '127.0.0.1',
      PGPORT: '1',
      PGUSER: 'nobody',
      PGPASSWORD: '',
      PGDATABASE: 'elsewhere',
      REDIS_HOST: process.env.REDIS_HOST ?? '127.0.0.1',
      REDIS_PORT: process.env.REDIS_PORT ?? '6379',
      QUEUE_PREFIX: `lmst-url-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DEMO_MODE: 'true',
      DRILL_QA_SAMPLE_SHARE: '0',
    };
  });
  afterAll(async () => {
    pg?.destroy();
    if (env) await clearRedisPrefix(buildAppConfig(env));
  });

  it('really asks for a password', async () => {
    const c = new Client({ host: '127.0.0.1', port: pg.port, user: 'postgres', password: 'wrong', database: 'postgres' });
    await expect(c.connect()).rejects.toMatchObject({ code: '28P01' });
    const ok = new Client({ host: '127.0.0.1', port: pg.port, user: 'postgres', password, database: 'postgres' });
    await ok.connect();
    expect((await ok.query('SHOW password_encryption')).rows[0].password_encryption).toBe('scram-sha-256');
    await ok.end();
  });

  it('creates, migrates and seeds its database through DATABASE_URL, and a demo user logs in', async () => {
    const app = await SpawnedApp.start('all', { ...env, DATABASE_URL: url(password) }, 60_000);
    try {
      const res = await fetch(`${app.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'student1', password: 'demo1234' }),
      });
      expect(res.status).toBe(200);
      const { accessToken } = (await res.json()) as { accessToken: string };
      const me = await fetch(`${app.base}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { username: string }).username).toBe('student1');
      expect((await fetch(`${app.base}/health`)).status).toBe(200);
    } finally {
      await app.stop();
    }
    const rows = await pg.query<{ n: number }>(database, `SELECT COUNT(*)::int AS n FROM app_user WHERE username = 'student1'`);
    expect(rows[0].n).toBe(1);
  });

  it('also connects with PGPASSWORD and the PG* variables', async () => {
    const app = await SpawnedApp.start('api', { ...env, PGPORT: String(pg.port), PGUSER: 'postgres', PGPASSWORD: password, PGDATABASE: database }, 60_000);
    try {
      const res = await fetch(`${app.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'trainer1', password: 'demo1234' }),
      });
      expect(res.status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('stops with a clear message, and without the password, when the password is wrong', async () => {
    const wrong = `wrong-${randomBytes(4).toString('hex')}`;
    const { code, stderr } = await runUntilExit({ ...env, DATABASE_URL: url(wrong) });
    expect(code).toBe(1);
    expect(stderr).toContain(`PostgreSQL at 127.0.0.1:${pg.port} refused to authenticate user "postgres"`);
    expect(stderr).toContain('The password given was not accepted');
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toContain(wrong);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with a clear message when no password is given at all', async () => {
    const { code, stderr } = await runUntilExit({ ...env, DATABASE_URL: `postgres://postgres@127.0.0.1:${pg.port}/${database}` });
    expect(code).toBe(1);
    expect(stderr).toContain('refused to authenticate user "postgres"');
    expect(stderr).toContain('No password was given');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
