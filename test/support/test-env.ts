// Names shared by the global setup, the per-file helpers and the teardown.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export const RUN_ENV = 'LMS_TEST_RUN';

export function runId(): string {
  const id = process.env[RUN_ENV];
  if (!id) throw new Error(`${RUN_ENV} is not set: run the tests through jest (npm test)`);
  return id;
}

export const templateDb = (run: string) => `${run}_tpl`;
export const seededTemplateDb = (run: string) => `${run}_seeded`;
/**
 * The run's media directory (DATA_DIR unless a test names its own): the seeded template's demo
 * sample video lives here, so every clone of the template finds its file.
 */
export const runDataDir = (run: string) => join(tmpdir(), `${run}_data`);

/**
 * The connection every test uses for the server itself (not a test database): like the app,
 * DATABASE_URL's host, port, user and password first, then the PG* variables. (Its database
 * part is ignored: every test makes databases of its own.)
 */
export function serverConnection() {
  const url = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : null;
  return {
    host: url?.hostname.replace(/^\[(.*)\]$/, '$1') || (process.env.PGHOST ?? '127.0.0.1'),
    port: Number(url?.port || (process.env.PGPORT ?? 5432)),
    user: (url?.username && decodeURIComponent(url.username)) || (process.env.PGUSER ?? 'postgres'),
    password: (url?.password && decodeURIComponent(url.password)) || (process.env.PGPASSWORD ?? ''),
  };
}

export async function withMaintenanceClient<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...serverConnection(), database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
