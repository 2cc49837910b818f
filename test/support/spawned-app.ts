import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './redis-server';

const ROOT = join(__dirname, '../..');

/**
 * The built server (`node dist/src/main.js`; `npm test` builds first) as a child process of the
 * test, so that the test can kill it with SIGKILL and start it again.
 */
export class SpawnedApp {
  private readonly child: ChildProcess;
  private output = '';
  readonly exited: Promise<number | null>;

  private constructor(
    readonly role: 'api' | 'worker' | 'all',
    readonly base: string | null,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ARGON2_MEMORY_KIB: '1024', ARGON2_TIME_COST: '1', ...env, APP_ROLE: role },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Keep the last few KB of output for a failure message; reading also keeps the pipes from filling up.
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-8000));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Starts the process and resolves once it serves (api, all) or its worker has started (worker). */
  static async start(role: 'api' | 'worker' | 'all', env: Record<string, string>, timeoutMs = 30_000): Promise<SpawnedApp> {
    const port = role === 'worker' ? null : await freePort();
    const app = new SpawnedApp(role, port ? `http://127.0.0.1:${port}` : null, { ...env, PORT: String(port ?? 0) });
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (app.child.exitCode !== null) throw new Error(`${role} exited with ${app.child.exitCode}: ${app.output}`);
      if (await app.ready()) return app;
      if (Date.now() > until) {
        app.child.kill('SIGKILL');
        throw new Error(`${role} did not start within ${timeoutMs} ms: ${app.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async ready(): Promise<boolean> {
    if (!this.base) return this.output.includes('worker started');
    try {
      return (await fetch(`${this.base}/health/live`)).ok;
    } catch {
      return false;
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get log(): string {
    return this.output;
  }

  /** SIGKILL: no shutdown hooks, no graceful close, jobs in hand are left as they are. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it has not stopped within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
