import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';
import { RUN_ENV, serverConnection, templateDb, withMaintenanceClient } from './test-env';

/**
 * Creates this run's template database at the latest migration. Each test
 * file clones it (CREATE DATABASE … TEMPLATE …), so files run in parallel
 * without sharing data, and the teardown drops everything the run made.
 */
export default async function globalSetup(): Promise<void> {
  const run = `lmst_${Date.now().toString(36)}_${process.pid}`;
  process.env[RUN_ENV] = run;
  await withMaintenanceClient((c) => c.query(`CREATE DATABASE "${templateDb(run)}"`));
  const ds = new DataSource({
    type: 'postgres',
    ...serverConnection(),
    username: serverConnection().user,
    database: templateDb(run),
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    installExtensions: false,
  });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
