import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildAppConfig } from '../../src/config/app-config';
import { makeSampleVideo, removeDirs, scratchDir } from '../support/media';
import { clearRedisPrefix, createTestDatabase, dropTestDatabase } from '../support/test-app';
import { serverConnection } from '../support/test-env';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The built server (npm test builds it first) as a real process, so that it can be killed with
 * SIGKILL: no shutdown hook, no flush, nothing but what was committed survives.
 */
describe('acknowledged credit survives kill -9', () => {
  const dataDir = scratchDir('durability-data');
  const samples = scratchDir('durability-samples');
  let database: string;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;
  let base: string;

  async function startServer(): Promise<void> {
    let stderr = '';
    child = spawn(process.execPath, [join(__dirname, '../../dist/src/main.js')], { env, cwd: join(__dirname, '../..'), stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d) => (stderr += d));
    for (let i = 0; i < 150; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      if (await fetch(`${base}/health/live`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start: ${stderr}`);
  }

  function killHard(): Promise<void> {
    const proc = child as ChildProcess;
    return new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${base}${path}`, { method, headers, body: payload });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  }

  async function ok(method: string, path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await call(method, path, token, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const login = async (username: string) => (await ok('POST', '/api/auth/login', undefined, { username, password: 'demo1234' })).accessToken as string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const conn = serverConnection();
    env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DEMO_MODE: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      PGHOST: conn.host,
      PGPORT: String(conn.port),
      PGUSER: conn.user,
      PGPASSWORD: conn.password,
      PGDATABASE: database,
      REDIS_HOST: process.env.REDIS_HOST ?? '127.0.0.1',
      REDIS_PORT: process.env.REDIS_PORT ?? '6379',
      QUEUE_PREFIX: `lmst-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      MEDIA_URL_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_TIME_COST: '1',
    };
  });

  afterAll(async () => {
    if (child && child.exitCode === null) await killHard();
    await clearRedisPrefix(buildAppConfig(env));
    await dropTestDatabase(database);
    removeDirs(dataDir, samples);
  });

  it('keeps the watched time and the completion it acknowledged just before the process was killed', async () => {
    await startServer();
    const trainer = await login('trainer1');
    const student = await login('student1');
    const studentId = (await ok('GET', '/api/me', student)).id as string;

    const form = new FormData();
    form.append('file', new Blob([readFileSync(await makeSampleVideo(samples, 'webm', 30))]), 'short.webm');
    const media = await ok('POST', '/api/media', trainer, form);
    const course = await ok('POST', '/api/courses', trainer, { systemCode: 'practical', title: '断电测试' });
    const module = await ok('POST', `/api/courses/${course.id}/modules`, trainer, { title: '模块' });
    const lesson = await ok('POST', `/api/modules/${module.id}/lessons`, trainer, { title: '短视频', mode: 'video', creditMinutes: 15 });
    await ok('PATCH', `/api/lessons/${lesson.id}`, trainer, { mediaId: media.id });
    await ok('POST', `/api/courses/${course.id}/publish`, trainer);
    await ok('POST', `/api/courses/${course.id}/enrollments`, trainer, { studentIds: [studentId] });
    const session = await ok('POST', `/api/lessons/${lesson.id}/playback`, student);

    const db = new Client({ ...serverConnection(), database });
    await db.connect();
    // Lets server time pass for the session without waiting (the server still decides the credit).
    const letTimePass = (seconds: number) =>
      db.query(`UPDATE playback_session SET last_heartbeat_at = last_heartbeat_at - make_interval(secs => $2) WHERE id = $1`, [session.sessionId, seconds]);
    try {
      await letTimePass(20);
      const first = await ok('POST', `/api/playback/${session.sessionId}/heartbeat`, student, { fromSecond: 0, toSecond: 20, playbackRate: 1, visible: true, clientSeq: 1 });
      expect(first).toMatchObject({ creditedSeconds: 20, completed: false });
      await letTimePass(10);
      const second = await ok('POST', `/api/playback/${session.sessionId}/heartbeat`, student, { fromSecond: 20, toSecond: 28, playbackRate: 1, visible: true, clientSeq: 2 });
      expect(second).toMatchObject({ watchedSeconds: 28, justCompleted: true });
      await killHard(); // at once: the acknowledgements above are all the server had time to give

      await startServer();
      const progress = await ok('GET', `/api/me/progress?courseId=${course.id}`, student);
      expect(progress.lessons).toEqual([expect.objectContaining({ lessonId: lesson.id, state: 'completed', watchedSeconds: 28 })]);
      const transcript = await ok('GET', '/api/me/transcript', student);
      expect(transcript.entries).toEqual([expect.objectContaining({ referenceId: lesson.id, minutes: 15, source: 'lesson_completion' })]);

      // The session's clock and sequence survived too: a replay still credits nothing, the next one continues.
      const replay = await ok('POST', `/api/playback/${session.sessionId}/heartbeat`, student, { fromSecond: 28, toSecond: 30, playbackRate: 1, visible: true, clientSeq: 2 });
      expect(replay).toMatchObject({ accepted: false, creditedSeconds: 0 });
      const [{ n }] = (await db.query(`SELECT COUNT(*)::int AS n FROM heartbeat_log WHERE session_id = $1`, [session.sessionId])).rows;
      expect(n).toBe(3);
    } finally {
      await db.end();
    }
  });
});
