import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ConfigValidationError, RawEnvironment, configNamespace, toBool, toInt } from './config-namespace';

export type AppRole = 'api' | 'worker' | 'all';

/** The process as a whole: what it runs, where it listens, how it logs. */
class AppVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(['api', 'worker', 'all'])
  APP_ROLE: AppRole = 'all';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** API processes sharing the port (one per CPU core uses the whole machine); 1 runs in this process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES = 1;

  /** Demo mode seeds the demo accounts; defaults to on outside production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEMO_MODE?: boolean = undefined;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Which proxies' X-Forwarded-For to believe for the client address (login
   * throttling): Express "trust proxy" syntax, e.g. "loopback", "10.0.0.0/8", "1", "false".
   */
  @IsString()
  @Matches(/^[A-Za-z0-9.,:/ _-]{1,200}$/, { message: 'TRUST_PROXY must be "false", a hop count, or addresses/subnets/loopback' })
  TRUST_PROXY = 'loopback';

  /** Comma-separated origins allowed by CORS; empty keeps CORS off. */
  @IsString()
  CORS_ORIGINS = '';

  /**
   * gzip answers over a kilobyte that compress (JSON, scripts, CSV). On for a process that faces
   * browsers itself (npm start); off behind nginx, which compresses at the edge (docker/compose.yml).
   */
  @Transform(toBool)
  @IsBoolean()
  HTTP_COMPRESSION = true;
}

export const appConfig = configNamespace('app', AppVariables, (v) => {
  const production = v.NODE_ENV === 'production';
  const demoMode = v.DEMO_MODE ?? !production;
  if (production && demoMode) {
    throw new ConfigValidationError(['DEMO_MODE (got true): demo accounts have known passwords and cannot run with NODE_ENV=production']);
  }
  return {
    env: v.NODE_ENV,
    role: v.APP_ROLE,
    host: v.HOST,
    port: v.PORT,
    /** API processes sharing the port (Node cluster); 1: serve from this process. */
    apiProcesses: v.API_PROCESSES,
    demoMode,
    logLevel: v.LOG_LEVEL,
    corsOrigins: v.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(v.TRUST_PROXY),
    compression: v.HTTP_COMPRESSION,
  };
});

/** For namespaces whose rules differ in production (secrets that must be given). */
export const isProduction = (raw: RawEnvironment): boolean => appConfig(raw).env === 'production';

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
