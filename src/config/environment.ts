import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

/**
 * Every environment variable the process reads, with its default. `.env.example`
 * documents the same list; a test keeps the two in step.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @IsIn(['api', 'worker', 'all'])
  APP_ROLE: 'api' | 'worker' | 'all' = 'all';

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

  @IsString()
  @MinLength(1)
  PGHOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PGPORT = 5432;

  @IsString()
  @MinLength(1)
  PGUSER = 'postgres';

  @IsString()
  PGPASSWORD = '';

  @IsString()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'PGDATABASE must be a lower-case identifier (letters, digits, _)' })
  PGDATABASE = 'incubator_lms';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  PG_POOL_SIZE = 20;

  /**
   * postgres://user:password@host:port/database; when set it wins over PGHOST, PGPORT, PGUSER and
   * PGDATABASE (each part it leaves out falls back to its PG* variable, the password to PGPASSWORD).
   */
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must look like postgres://user:password@host:5432/database' })
  DATABASE_URL?: string = undefined;

  @IsString()
  @MinLength(1)
  REDIS_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT = 6379;

  @IsString()
  REDIS_PASSWORD = '';

  /** Key prefix of every BullMQ queue and of the app's own Redis keys. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'QUEUE_PREFIX may hold letters, digits, ":", "_" and "-" (1–64)' })
  QUEUE_PREFIX = 'lms';

  /** HS256 secret; required in production, generated (with a warning) in demo mode. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  /** Failed logins per username within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_USER = 5;

  /** Failed logins per client address within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** How long a login lasts without being used: every refresh moves its end this far ahead (sliding). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** How often each API process re-reads ended logins from PostgreSQL, besides the Redis broadcast. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  SESSION_REVOCATION_POLL_MS = 2000;

  /** argon2id cost; the defaults follow OWASP's 19 MiB / 2 passes minimum. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  ARGON2_MEMORY_KIB = 19456;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  ARGON2_TIME_COST = 2;

  /** HMAC secret of the rotating check-in codes and classroom-screen links; shared by every API replica. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CHECK_IN_SECRET must be at least 32 characters' })
  CHECK_IN_SECRET?: string = undefined;

  /** A new check-in code every this many seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(300)
  CHECK_IN_STEP_SECONDS = 30;

  /** How long into a step the previous code is still accepted (at most CHECK_IN_STEP_SECONDS). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  CHECK_IN_GRACE_SECONDS = 10;

  /** Check-in opens this many minutes before a class session starts. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(240)
  CHECK_IN_EARLY_MINUTES = 15;

  /** A check-in later than this many minutes after the start counts as late. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(720)
  CHECK_IN_LATE_AFTER_MINUTES = 10;

  /** Wrong check-in codes per student within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  CHECK_IN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  CHECK_IN_FAILURE_WINDOW_SECONDS = 600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  IMPORT_MAX_ROWS = 2000;

  /** Jobs one worker process runs at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY = 16;

  /** How often worker processes enqueue outbox jobs that never reached Redis, in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  OUTBOX_RELAY_INTERVAL_MS = 2000;

  /** How long a worker holds a job before another worker may take it over (a killed worker's jobs wait this long), in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  JOB_LOCK_DURATION_MS = 15_000;

  /** How often workers look for jobs whose worker died (lock lapsed), in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  JOB_STALLED_INTERVAL_MS = 5000;

  /** Tries a queue job gets (the first run included) before it counts as failed and is listed for admins. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOB_ATTEMPTS = 12;

  /** Delay before a failed try is retried, in ms; doubled after every further failure. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  JOB_BACKOFF_MS = 1000;

  /** A job that failed all its tries is retried by the recovery sweep this long after its last failure, in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(7 * 86_400_000)
  FAILED_JOB_RETRY_AFTER_MS = 600_000;

  /** How often worker processes submit attempts past their deadline that a lost job missed, in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ATTEMPT_SWEEP_INTERVAL_MS = 10_000;

  /** A submitted attempt still ungraded after this long has its grading job enqueued again (Redis lost it), in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(86_400_000)
  GRADING_STUCK_AFTER_MS = 60_000;

  /** Where uploaded media live (local-disk storage driver). */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** Largest accepted video upload, in bytes (default 1 GiB). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 ** 3)
  MEDIA_MAX_UPLOAD_BYTES = 1024 ** 3;

  /** HMAC secret of signed stream URLs; required in production, generated (with a warning) in demo mode. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MEDIA_URL_SECRET must be at least 32 characters' })
  MEDIA_URL_SECRET?: string = undefined;

  /**
   * How long a signed stream URL stays valid, in seconds: heartbeats bring a fresh one, so this
   * need only outlast a few missed heartbeats.
   */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 86400)
  MEDIA_URL_TTL_SECONDS = 300;

  /**
   * Who sends the bytes of a checked stream request: `embedded` streams them from this process;
   * `nginx` answers with `X-Accel-Redirect: /_media/<key>`, and an nginx in front (docker/nginx.conf)
   * sends the file with its own sendfile and range handling.
   */
  @IsIn(['embedded', 'nginx'])
  MEDIA_DELIVERY: 'embedded' | 'nginx' = 'embedded';

  /**
   * A viewer whose connection takes no stream bytes for this long is disconnected, as nginx's
   * send_timeout does (a player that still wants the video asks again); 0 waits for ever.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  MEDIA_STALL_TIMEOUT_SECONDS = 60;

  /** Highest playback rate credited: a heartbeat adds at most elapsed server time × this (+ tolerance). */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(16)
  PLAYBACK_MAX_RATE = 2;

  /** Slack per heartbeat for network jitter, in seconds of media. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(30)
  PLAYBACK_TOLERANCE_SECONDS = 2;

  /** A heartbeat sooner than this after the previous one earns no tolerance (stops tolerance farming). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  PLAYBACK_TOLERANCE_MIN_INTERVAL_MS = 5000;

  /** Share of a video's duration that completes the lesson. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(1)
  PLAYBACK_COMPLETION_THRESHOLD = 0.9;

  /** Reading and self-study lessons can be completed this long after the student opened them. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  SELF_PACED_MIN_SECONDS = 60;

  /** Heartbeats arriving within this many ms share one database transaction (group commit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  HEARTBEAT_BATCH_WAIT_MS = 2;

  /** Heartbeat log partitions (one per month) wholly older than this many days are dropped. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  HEARTBEAT_LOG_RETENTION_DAYS = 180;

  /** How often worker processes create next months' heartbeat log partitions and drop expired ones, in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  HEARTBEAT_LOG_MAINTENANCE_INTERVAL_MS = 3_600_000;

  /** Share of automatically passed drill replies also sampled into the quality-review (质检) queue. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  DRILL_QA_SAMPLE_SHARE = 0.1;

  /** The reviewed seed files (curriculum, scenarios, question banks). */
  @IsString()
  @MinLength(1)
  SEED_DIR = './seeds';

  /** Seals the issuer's private signing keys (AES-256-GCM); required in production, generated (with a warning) in demo mode. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CREDENTIAL_KEY_SECRET must be at least 32 characters' })
  CREDENTIAL_KEY_SECRET?: string = undefined;

  /** Where the public reaches this application: certificates' QR codes and credentials point here. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL without query or fragment' })
  PUBLIC_BASE_URL?: string = undefined;

  /** Public verification requests per client address per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  VERIFY_PER_MINUTE = 60;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Validates the raw environment and returns it typed, with defaults filled in. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariables());
  const picked: Record<string, unknown> = {};
  for (const key of known) {
    const value = raw[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const env = plainToInstance(EnvironmentVariables, picked);
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((e) => {
        const got = raw[e.property];
        const shown = e.property.includes('SECRET') || e.property.includes('PASSWORD') || e.property === 'DATABASE_URL' ? '<hidden>' : JSON.stringify(got);
        return `${e.property} (got ${shown}): ${Object.values(e.constraints ?? {}).join('; ')}`;
      }),
    );
  }
  return env;
}
