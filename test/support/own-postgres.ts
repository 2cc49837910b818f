import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './redis-server';

/**
 * The directory of PostgreSQL's server programs (initdb, pg_ctl), whatever the version:
 * `PG_BINDIR` if set, else `pg_config --bindir` when that directory holds initdb (Debian's
 * pg_config may come from libpq-dev alone), else the newest /usr/lib/postgresql/<version>/bin
 * (Debian's pg_ctlcluster layout), else initdb on the PATH.
 */
export function postgresBinDir(): string {
  const hasInitdb = (dir: string) => existsSync(join(dir, 'initdb'));
  if (process.env.PG_BINDIR && hasInitdb(process.env.PG_BINDIR)) return process.env.PG_BINDIR;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (hasInitdb(dir)) return dir;
  } catch {
    // no pg_config
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v) && hasInitdb(join(root, v, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && hasInitdb(dir)) return dir;
  throw new Error('PostgreSQL server programs not found: install PostgreSQL, or set PG_BINDIR to the directory holding initdb');
}

let binDir: string | undefined;
const bin = (tool: string) => join((binDir ??= postgresBinDir()), tool);

export interface OwnPostgresOptions {
  /** Password of the `postgres` superuser; with it the cluster authenticates with scram-sha-256 only. */
  password?: string;
}

/**
 * A throwaway PostgreSQL cluster of the test's own (initdb into a temporary directory, a spare
 * port), so that a test can stop and restart "the database" without touching the machine's
 * shared server. As root, the cluster runs as the `postgres` OS user.
 */
export class OwnPostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    readonly password: string | undefined,
  ) {}

  static async start(options: OwnPostgresOptions = {}): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'lms-pg-'));
    // As root, the cluster's files belong to the `postgres` OS user that runs it.
    const owner = userInfo().uid === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) } : null;
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const pg = new OwnPostgres(await freePort(), dir, options.password);
    let auth = ['-A', 'trust'];
    if (options.password !== undefined) {
      const pwfile = join(dir, 'pwfile');
      writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
      if (owner) chownSync(pwfile, owner.uid, owner.gid);
      // Every connection, local or TCP, must present the password.
      auth = ['--auth=scram-sha-256', `--pwfile=${pwfile}`];
    }
    pg.run('initdb', ['-D', pg.data, ...auth, '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    if (options.password !== undefined) rmSync(join(dir, 'pwfile'));
    pg.up();
    return pg;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  private run(tool: string, args: string[]): void {
    const root = userInfo().uid === 0;
    const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', bin(tool), ...args]] : [bin(tool), args];
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
    const c = new Client({ host: '127.0.0.1', port: this.port, user: 'postgres', password: this.password, database });
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
