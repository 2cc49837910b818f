import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from './database.config';
import { StartupError } from '../common/startup-error';
import { createDatabase, databaseExists, withAdvisoryLock } from './database-bootstrap.repository';
import { dataSourceOptions } from './data-source-options';

/** True when the server refused the credentials (as opposed to not answering at all). */
function isAuthFailure(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  if (code === '28P01' || code === '28000') return true;
  // node-postgres refuses SCRAM/MD5 itself when it has no password to offer.
  return err instanceof Error && /SASL|client password must be a string|password authentication/i.test(err.message);
}

function describeFailure(db: DatabaseConfig, err: unknown): StartupError {
  const reason = err instanceof Error ? (err as Error & { code?: string }).code ?? err.message : String(err);
  if (isAuthFailure(err)) {
    const detail = err instanceof Error ? err.message : String(err);
    return new StartupError(
      `PostgreSQL at ${db.host}:${db.port} refused to authenticate user "${db.user}" (${detail}).\n` +
        (db.password === '' ? `  No password was given: the server asks for one.\n` : `  The password given was not accepted.\n`) +
        `  Set the password in DATABASE_URL (postgres://user:password@host:port/database) or in PGPASSWORD,\n` +
        `  and check that the user exists and pg_hba.conf allows it from this address.`,
    );
  }
  return new StartupError(
    `PostgreSQL is not reachable at ${db.host}:${db.port} as user "${db.user}" (${reason}).\n` +
      `  Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
      `  or with Docker: docker compose -f docker/compose.yml up -d postgres\n` +
      `  or point DATABASE_URL (or PGHOST/PGPORT/PGUSER/PGPASSWORD) at a running server.`,
  );
}

/** Creates the application database when it does not exist yet. Returns true when it created it. */
export async function ensureDatabase(db: DatabaseConfig): Promise<boolean> {
  const client = new Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: 'postgres',
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (err) {
    throw describeFailure(db, err);
  }
  try {
    if (await databaseExists(client, db.database)) return false;
    try {
      await createDatabase(client, db.database);
    } catch (err) {
      // Another replica created it between our check and our create.
      if ((err as { code?: string }).code !== '42P04') throw err;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** Serialises migration runs of replicas that start together. */
const MIGRATION_LOCK_KEY = 7_402_118_001;

/** Runs pending migrations under an advisory lock; returns the names applied. */
export async function runPendingMigrations(db: DatabaseConfig): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(db, { extra: { max: 2 } }));
  try {
    await ds.initialize();
  } catch (err) {
    throw describeFailure(db, err);
  }
  try {
    const applied = await withAdvisoryLock(ds, MIGRATION_LOCK_KEY, () => ds.runMigrations({ transaction: 'each' }));
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
