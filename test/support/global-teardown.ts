import { rmSync } from 'node:fs';
import { RUN_ENV, runDataDir, withMaintenanceClient } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const run = process.env[RUN_ENV];
  if (!run) return;
  rmSync(runDataDir(run), { recursive: true, force: true });
  await withMaintenanceClient(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
    // Drop clones before templates: a template with clones being created cannot go.
    for (const { datname } of rows.sort((a, b) => (a.datname.endsWith('_tpl') ? 1 : 0) - (b.datname.endsWith('_tpl') ? 1 : 0))) {
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
