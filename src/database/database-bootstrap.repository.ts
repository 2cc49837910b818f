import type { Client } from 'pg';
import type { DataSource } from 'typeorm';

// The bootstrap's SQL, run before the application (and its repositories) exists.

/** Whether the database exists, asked on the server's maintenance database. */
export async function databaseExists(client: Client, name: string): Promise<boolean> {
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (found.rowCount ?? 0) > 0;
}

export async function createDatabase(client: Client, name: string): Promise<void> {
  await client.query(`CREATE DATABASE "${name}"`);
}

/** Runs `work` holding the session-level advisory lock `key` on a connection of its own. */
export async function withAdvisoryLock<T>(ds: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}
