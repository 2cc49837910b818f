import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './redis-server';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A throwaway PostgreSQL cluster of the test's own (initdb into a temporary directory, a spare
 * port), so that a test can stop and restart "the database" without touching the machine's
 * shared server. As root, the cluster runs as the `postgres` OS user.
 */
export class OwnPostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'lms-pg-'));
    const root = userInfo().uid === 0;
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    const pg = new OwnPostgres(await freePort(), dir);
    pg.run('initdb', ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    pg.up();
    return pg;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  private run(tool: string, args: string[]): void {
    const root = userInfo().uid === 0;
    const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]] : [join(BIN, tool), args];
    execFileSync(cmd, argv, { stdio: 'ignore' });
  }

  up(): void {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    this.run('pg_ctl', ['-D', this.data, '-o', opts, '-l', join(this.dir, 'log'), '-w', 'start']);
  }

  /** Fast shutdown: open connections are terminated, as in a restart of the database server. */
  down(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }

  async query<T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  destroy(): void {
    try {
      this.down();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
