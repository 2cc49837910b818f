import { existsSync } from 'node:fs';
import pino from 'pino';
import { StartupError } from './common/startup-error';
import { AppConfig, buildAppConfig } from './config/app-config';
import { ConfigValidationError } from './config/config-namespace';
import { ensureDatabase, runPendingMigrations } from './database/database-bootstrap';
import { assertRedisReachable } from './redis/redis-connection';
import { SeedFileError } from './seeding/seed-files';

export const startupLog = pino({ name: 'startup', level: process.env.LOG_LEVEL || 'info' });

/**
 * Everything that must hold before Nest starts: valid config, a reachable
 * database (created if missing) at the latest migration, a reachable Redis.
 * Each failure stops the process with a message that says what to do.
 */
export async function prepareEnvironment(): Promise<AppConfig> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = buildAppConfig(process.env);
  if (await ensureDatabase(config.database)) startupLog.info(`created database "${config.database.database}"`);
  const applied = await runPendingMigrations(config.database);
  if (applied.length > 0) startupLog.info({ applied }, 'applied migrations');
  await assertRedisReachable(config.redis);
  if (config.auth.jwtSecretGenerated) {
    startupLog.warn('JWT_SECRET is not set: demo mode generated one; tokens stop working when the process restarts');
  }
  if (config.attendance.checkInSecretGenerated) {
    startupLog.warn('CHECK_IN_SECRET is not set: demo mode generated one; other replicas will not accept this process\'s check-in codes');
  }
  if (config.media.urlSecretGenerated) {
    startupLog.warn('MEDIA_URL_SECRET is not set: demo mode generated one; stream URLs stop working when the process restarts');
  }
  if (config.certification.keySecretGenerated) {
    startupLog.warn('CREDENTIAL_KEY_SECRET is not set: demo mode generated one; a restart starts a new signing key (earlier credentials still verify)');
  }
  return config;
}

/** Known start-up failures print their message alone; anything else prints its stack. */
export function exitOnStartupFailure(err: unknown): never {
  const known = err instanceof StartupError || err instanceof ConfigValidationError || err instanceof SeedFileError;
  process.stderr.write(`\nincubator-lms cannot start:\n${known ? (err as Error).message : (err as Error)?.stack ?? String(err)}\n\n`);
  process.exit(1);
}
