import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runId } from '../support/test-env';

/** Runs the built server (npm test builds it first) and returns how it ended. */
function startServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '../../dist/src/main.js')], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', ...env },
      cwd: join(__dirname, '../..'),
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('start-up failures stop the process with a clear message', () => {
  it('names a malformed variable', async () => {
    const { code, stderr } = await startServer({ PGPORT: 'five-four-three-two' });
    expect(code).toBe(1);
    expect(stderr).toContain('PGPORT');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names a variable that production requires', async () => {
    const { code, stderr } = await startServer({ NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(stderr).toContain('JWT_SECRET');
    expect(stderr).toContain('required when NODE_ENV=production');
  });

  it('refuses demo accounts in production', async () => {
    const { code, stderr } = await startServer({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEMO_MODE: 'true' });
    expect(code).toBe(1);
    expect(stderr).toContain('DEMO_MODE');
  });

  it('says which database could not be reached, where, and how to start it', async () => {
    const { code, stderr } = await startServer({ PGHOST: '127.0.0.1', PGPORT: '1' });
    expect(code).toBe(1);
    expect(stderr).toContain('PostgreSQL is not reachable at 127.0.0.1:1');
    expect(stderr).toContain('pg_ctlcluster');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('says when Redis cannot be reached', async () => {
    const { code, stderr } = await startServer({ PGDATABASE: `${runId()}_startup`, REDIS_PORT: '1' });
    expect(code).toBe(1);
    expect(stderr).toContain('Redis is not reachable at 127.0.0.1:1');
    expect(stderr).toContain('redis-server');
  });
});
