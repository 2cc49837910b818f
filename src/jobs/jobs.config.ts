import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { configNamespace, toInt } from '../config/config-namespace';

class JobsVariables {
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
}

export const jobsConfig = configNamespace('jobs', JobsVariables, (v) => ({
  workerConcurrency: v.WORKER_CONCURRENCY,
  relayIntervalMs: v.OUTBOX_RELAY_INTERVAL_MS,
  lockDurationMs: v.JOB_LOCK_DURATION_MS,
  stalledIntervalMs: v.JOB_STALLED_INTERVAL_MS,
  attempts: v.JOB_ATTEMPTS,
  backoffMs: v.JOB_BACKOFF_MS,
  /** The recovery sweep retries a job that failed all its tries this long after it failed. */
  failedRetryAfterMs: v.FAILED_JOB_RETRY_AFTER_MS,
}));
