import { randomBytes } from 'node:crypto';
import { ConfigValidationError, EnvironmentVariables, validateEnvironment } from './environment';

export type AppRole = 'api' | 'worker' | 'all';

export interface AppConfig {
  app: {
    env: 'development' | 'production' | 'test';
    role: AppRole;
    host: string;
    port: number;
    /** API processes sharing the port (Node cluster); 1: serve from this process. */
    apiProcesses: number;
    demoMode: boolean;
    logLevel: string;
    corsOrigins: string[];
    trustProxy: boolean | number | string;
  };
  database: { host: string; port: number; user: string; password: string; database: string; poolSize: number };
  redis: { host: string; port: number; password: string; prefix: string };
  auth: {
    jwtSecret: string;
    /** True when no JWT_SECRET was given and demo mode made one up (tokens die with the process). */
    jwtSecretGenerated: boolean;
    jwtTtlSeconds: number;
    loginMaxFailuresPerUser: number;
    loginMaxFailuresPerAddress: number;
    loginWindowSeconds: number;
    refreshTokenTtlDays: number;
    sessionRevocationPollMs: number;
    argon2MemoryKiB: number;
    argon2TimeCost: number;
  };
  attendance: {
    checkInSecret: string;
    /** True when no CHECK_IN_SECRET was given and demo mode made one up (replicas would disagree). */
    checkInSecretGenerated: boolean;
    codeStepSeconds: number;
    codeGraceSeconds: number;
    earlyMinutes: number;
    lateAfterMinutes: number;
    maxFailures: number;
    failureWindowSeconds: number;
  };
  imports: { maxRows: number };
  jobs: {
    workerConcurrency: number;
    relayIntervalMs: number;
    lockDurationMs: number;
    stalledIntervalMs: number;
    attempts: number;
    backoffMs: number;
    /** The recovery sweep retries a job that failed all its tries this long after it failed. */
    failedRetryAfterMs: number;
  };
  assessment: { sweepIntervalMs: number; stuckAfterMs: number };
  media: {
    dataDir: string;
    maxUploadBytes: number;
    urlSecret: string;
    /** True when no MEDIA_URL_SECRET was given and demo mode made one up (URLs die with the process). */
    urlSecretGenerated: boolean;
    urlTtlSeconds: number;
    /** `nginx`: answer checked stream requests with X-Accel-Redirect and let nginx send the bytes. */
    delivery: 'embedded' | 'nginx';
    /** A viewer taking no stream bytes for this long is disconnected; 0: never. */
    stallTimeoutMs: number;
  };
  playback: {
    maxRate: number;
    toleranceSeconds: number;
    toleranceMinIntervalMs: number;
    completionThreshold: number;
    selfPacedMinSeconds: number;
    batchWaitMs: number;
    heartbeatLogRetentionDays: number;
    heartbeatLogMaintenanceIntervalMs: number;
  };
  certification: {
    /** Seals signing keys at rest. */
    keySecret: string;
    /** True when no CREDENTIAL_KEY_SECRET was given and demo mode made one up (a restart rotates the signing key). */
    keySecretGenerated: boolean;
    publicBaseUrl: string;
    verifyPerMinute: number;
  };
  seeds: { dir: string };
  training: { qaSampleShare: number };
}

/** Builds the typed configuration from raw environment variables; throws naming every bad variable. */
export function buildAppConfig(raw: Record<string, unknown> = process.env): AppConfig {
  const env = validateEnvironment(raw);
  const production = env.NODE_ENV === 'production';
  const demoMode = env.DEMO_MODE ?? !production;
  if (production && demoMode) {
    throw new ConfigValidationError(['DEMO_MODE (got true): demo accounts have known passwords and cannot run with NODE_ENV=production']);
  }
  const missing = production ? (['JWT_SECRET', 'CHECK_IN_SECRET', 'MEDIA_URL_SECRET', 'CREDENTIAL_KEY_SECRET'] as const).filter((name) => !env[name]) : [];
  if (missing.length > 0) {
    throw new ConfigValidationError(missing.map((name) => `${name} (missing): required when NODE_ENV=production (at least 32 characters)`));
  }
  if (env.CHECK_IN_GRACE_SECONDS > env.CHECK_IN_STEP_SECONDS) {
    throw new ConfigValidationError([`CHECK_IN_GRACE_SECONDS (got ${env.CHECK_IN_GRACE_SECONDS}): at most CHECK_IN_STEP_SECONDS (${env.CHECK_IN_STEP_SECONDS})`]);
  }
  return {
    app: {
      env: env.NODE_ENV as AppConfig['app']['env'],
      role: env.APP_ROLE,
      host: env.HOST,
      port: env.PORT,
      apiProcesses: env.API_PROCESSES,
      demoMode,
      logLevel: env.LOG_LEVEL,
      corsOrigins: env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
    },
    database: databaseConfig(env),
    redis: { host: env.REDIS_HOST, port: env.REDIS_PORT, password: env.REDIS_PASSWORD, prefix: env.QUEUE_PREFIX },
    auth: {
      jwtSecret: env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
      jwtSecretGenerated: !env.JWT_SECRET,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      loginMaxFailuresPerUser: env.LOGIN_MAX_FAILURES_PER_USER,
      loginMaxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
      loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      sessionRevocationPollMs: env.SESSION_REVOCATION_POLL_MS,
      argon2MemoryKiB: env.ARGON2_MEMORY_KIB,
      argon2TimeCost: env.ARGON2_TIME_COST,
    },
    attendance: {
      checkInSecret: env.CHECK_IN_SECRET ?? randomBytes(32).toString('base64url'),
      checkInSecretGenerated: !env.CHECK_IN_SECRET,
      codeStepSeconds: env.CHECK_IN_STEP_SECONDS,
      codeGraceSeconds: env.CHECK_IN_GRACE_SECONDS,
      earlyMinutes: env.CHECK_IN_EARLY_MINUTES,
      lateAfterMinutes: env.CHECK_IN_LATE_AFTER_MINUTES,
      maxFailures: env.CHECK_IN_MAX_FAILURES,
      failureWindowSeconds: env.CHECK_IN_FAILURE_WINDOW_SECONDS,
    },
    imports: { maxRows: env.IMPORT_MAX_ROWS },
    jobs: {
      workerConcurrency: env.WORKER_CONCURRENCY,
      relayIntervalMs: env.OUTBOX_RELAY_INTERVAL_MS,
      lockDurationMs: env.JOB_LOCK_DURATION_MS,
      stalledIntervalMs: env.JOB_STALLED_INTERVAL_MS,
      attempts: env.JOB_ATTEMPTS,
      backoffMs: env.JOB_BACKOFF_MS,
      failedRetryAfterMs: env.FAILED_JOB_RETRY_AFTER_MS,
    },
    assessment: { sweepIntervalMs: env.ATTEMPT_SWEEP_INTERVAL_MS, stuckAfterMs: env.GRADING_STUCK_AFTER_MS },
    media: {
      dataDir: env.DATA_DIR,
      maxUploadBytes: env.MEDIA_MAX_UPLOAD_BYTES,
      urlSecret: env.MEDIA_URL_SECRET ?? randomBytes(32).toString('base64url'),
      urlSecretGenerated: !env.MEDIA_URL_SECRET,
      urlTtlSeconds: env.MEDIA_URL_TTL_SECONDS,
      delivery: env.MEDIA_DELIVERY,
      stallTimeoutMs: env.MEDIA_STALL_TIMEOUT_SECONDS * 1000,
    },
    playback: {
      maxRate: env.PLAYBACK_MAX_RATE,
      toleranceSeconds: env.PLAYBACK_TOLERANCE_SECONDS,
      toleranceMinIntervalMs: env.PLAYBACK_TOLERANCE_MIN_INTERVAL_MS,
      completionThreshold: env.PLAYBACK_COMPLETION_THRESHOLD,
      selfPacedMinSeconds: env.SELF_PACED_MIN_SECONDS,
      batchWaitMs: env.HEARTBEAT_BATCH_WAIT_MS,
      heartbeatLogRetentionDays: env.HEARTBEAT_LOG_RETENTION_DAYS,
      heartbeatLogMaintenanceIntervalMs: env.HEARTBEAT_LOG_MAINTENANCE_INTERVAL_MS,
    },
    certification: {
      keySecret: env.CREDENTIAL_KEY_SECRET ?? randomBytes(32).toString('base64url'),
      keySecretGenerated: !env.CREDENTIAL_KEY_SECRET,
      publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      verifyPerMinute: env.VERIFY_PER_MINUTE,
    },
    seeds: { dir: env.SEED_DIR },
    training: { qaSampleShare: env.DRILL_QA_SAMPLE_SHARE },
  };
}

/**
 * The database connection: DATABASE_URL's parts where it gives them, else the PG* variables
 * (the password: the URL's, else PGPASSWORD). Query parameters (sslmode …) are refused
 * rather than silently ignored.
 */
function databaseConfig(env: EnvironmentVariables): AppConfig['database'] {
  const fromVars = { host: env.PGHOST, port: env.PGPORT, user: env.PGUSER, password: env.PGPASSWORD, database: env.PGDATABASE, poolSize: env.PG_POOL_SIZE };
  if (!env.DATABASE_URL) return fromVars;
  const bad = (why: string) => new ConfigValidationError([`DATABASE_URL (got <hidden>): ${why}`]);
  let url: URL;
  try {
    url = new URL(env.DATABASE_URL);
  } catch {
    throw bad('not a URL; expected postgres://user:password@host:5432/database');
  }
  if (url.search) throw bad('query parameters are not supported; use the PG* variables for other settings');
  const decode = (part: string, what: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw bad(`its ${what} is not valid percent-encoding`);
    }
  };
  const port = url.port === '' ? fromVars.port : Number(url.port);
  const database = url.pathname.replace(/^\//, '');
  if (database !== '' && !/^[a-z_][a-z0-9_]{0,62}$/.test(decode(database, 'database name'))) {
    throw bad('its database name must be a lower-case identifier (letters, digits, _)');
  }
  return {
    // WHATWG URL keeps IPv6 literals in brackets; pg wants them bare.
    host: url.hostname === '' ? fromVars.host : url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: url.username === '' ? fromVars.user : decode(url.username, 'user name'),
    password: url.password === '' ? fromVars.password : decode(url.password, 'password'),
    database: database === '' ? fromVars.database : decode(database, 'database name'),
    poolSize: fromVars.poolSize,
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
