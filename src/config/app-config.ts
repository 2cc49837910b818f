import type { ConfigType } from '@nestjs/config';
import { assessmentConfig } from '../assessment/assessment.config';
import { attendanceConfig } from '../attendance/attendance.config';
import { certificationConfig } from '../certification/certification.config';
import { importsConfig } from '../common/imports.config';
import { databaseConfig } from '../database/database.config';
import { authConfig } from '../identity/auth.config';
import { jobsConfig } from '../jobs/jobs.config';
import { playbackConfig } from '../learning/playback.config';
import { mediaConfig } from '../media/media.config';
import { redisConfig } from '../redis/redis.config';
import { seedsConfig } from '../seeding/seeds.config';
import { trainingConfig } from '../training/training.config';
import { appConfig } from './app.config';
import { ConfigValidationError, RawEnvironment } from './config-namespace';

/**
 * Every configuration namespace. Each is declared next to the module that reads it, with the
 * environment variables it reads; together they are every variable the process reads
 * (`.env.example` documents the same list, a test keeps the two in step).
 */
export const CONFIG_NAMESPACES = [
  appConfig,
  databaseConfig,
  redisConfig,
  authConfig,
  attendanceConfig,
  importsConfig,
  jobsConfig,
  assessmentConfig,
  mediaConfig,
  playbackConfig,
  certificationConfig,
  seedsConfig,
  trainingConfig,
] as const;

type Namespace = (typeof CONFIG_NAMESPACES)[number];

/** The whole configuration, one entry per namespace: what main.ts and tests build once and hand to AppModule. */
export type AppConfig = { [N in Namespace as N['namespace']]: ConfigType<N> };

/** Builds every namespace from the raw environment; throws naming every bad variable. */
export function buildAppConfig(raw: RawEnvironment = process.env): AppConfig {
  const config: Record<string, unknown> = {};
  const problems = new Set<string>();
  for (const namespace of CONFIG_NAMESPACES) {
    try {
      config[namespace.namespace] = namespace(raw);
    } catch (err) {
      if (!(err instanceof ConfigValidationError)) throw err;
      // A namespace that consults another (production or not) repeats that one's problems.
      for (const problem of err.problems) problems.add(problem);
    }
  }
  if (problems.size > 0) throw new ConfigValidationError([...problems]);
  return config as AppConfig;
}
