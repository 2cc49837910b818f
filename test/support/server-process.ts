import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serverConnection } from './test-env';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a built server on its own database, Redis prefix and secrets. */
export function serverEnv(database: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  const conn = serverConnection();
  return {
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
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    DRILL_QA_SAMPLE_SHARE: '0',
    ...extra,
  };
}

/** The built server (npm test builds it first) as a real process, so that it can be killed for real. */
export class ServerProcess {
  child: ChildProcess | undefined;
  readonly base: string;

  constructor(private readonly env: Record<string, string>) {
    this.base = `http://127.0.0.1:${env.PORT}`;
  }

  async start(): Promise<void> {
    let stderr = '';
    const child = spawn(process.execPath, [join(__dirname, '../../dist/src/main.js')], { env: this.env, cwd: join(__dirname, '../..'), stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.on('data', (d) => (stderr += d));
    for (let i = 0; i < 150; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      if (await fetch(`${this.base}/health/live`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start: ${stderr}`);
  }

  /** Sends `signal` and resolves once the process has exited. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** A JSON request; FormData bodies are sent as multipart. */
  async call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body: payload });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  }

  /** Like call(), but throws on any status from 300 up. */
  async ok(method: string, path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await this.call(method, path, token, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async login(username: string, password = 'demo1234'): Promise<string> {
    return (await this.ok('POST', '/api/auth/login', undefined, { username, password })).accessToken as string;
  }
}
