import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { type JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { EntityManager } from 'typeorm';
import { redisConfig } from '../redis/redis.config';
import { jobsConfig } from './jobs.config';
import { redisOptions } from '../redis/redis-connection';
import { JobName, JobPayloads, JOBS, jobIdOf, QueueName } from './job-catalog';
import { OutboxRepository } from './outbox.repository';

/** How long publishSoon gathers jobs into one batch. */
const PUBLISH_BATCH_MS = 5;

export interface OutboxEntry {
  jobName: JobName;
  jobId: string;
  payload: Record<string, unknown>;
  runAt: Date | null;
}

/** Job `name` with `payload` as the outbox records it; the catalogue builds its id. */
export function jobEntry<N extends JobName>(name: N, payload: JobPayloads[N], opts: { runAt?: Date } = {}): OutboxEntry {
  return { jobName: name, jobId: jobIdOf(name, payload), payload: payload as unknown as Record<string, unknown>, runAt: opts.runAt ?? null };
}

/**
 * The transactional outbox. `addInTx` records a job with the state change that
 * needs it; `publish` puts it on the queue after commit and marks it sent.
 * A failed publish (Redis down) costs nothing: the relay retries, and BullMQ's
 * job id makes a second add of the same job a no-op.
 */
@Injectable()
export class JobOutbox implements OnApplicationShutdown {
  private readonly logger = new Logger(JobOutbox.name);
  private readonly queues = new Map<QueueName, Queue>();
  private readonly connection: Redis;
  private readonly batch: OutboxEntry[] = [];
  private flushScheduled = false;
  /** Tries and backoff from the configuration (JOB_ATTEMPTS, JOB_BACKOFF_MS), over the catalogue's options. */
  private readonly retrying: JobsOptions;

  constructor(
    private readonly repo: OutboxRepository,
    @Inject(redisConfig.KEY) redis: ConfigType<typeof redisConfig>,
    @Inject(jobsConfig.KEY) jobs: ConfigType<typeof jobsConfig>,
  ) {
    this.retrying = { attempts: jobs.attempts, backoff: { type: 'exponential', delay: jobs.backoffMs } };
    // The producer fails fast while Redis is down instead of buffering commands in memory.
    this.connection = new Redis(redisOptions(redis, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }));
    this.connection.on('error', () => undefined);
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection: this.connection, prefix: redis.prefix });
      queue.on('error', () => undefined); // a failed add is reported to the caller (and the relay retries)
      this.queues.set(name, queue);
    }
  }

  /** A job as the outbox records it (its id built by the catalogue), for a caller that writes it with recordJobSql. */
  entry<N extends JobName>(name: N, payload: JobPayloads[N], opts: { runAt?: Date } = {}): OutboxEntry {
    return jobEntry(name, payload, opts);
  }

  /** Records the job in the caller's transaction; returns false when that job id was already recorded. */
  async addInTx<N extends JobName>(
    tx: EntityManager,
    name: N,
    payload: JobPayloads[N],
    opts: { runAt?: Date } = {},
  ): Promise<OutboxEntry & { created: boolean }> {
    const entry = jobEntry(name, payload, opts);
    return { ...entry, created: await this.repo.record(tx, entry) };
  }

  /**
   * After commit: enqueue soon, without making the caller wait on Redis. Jobs recorded within
   * the same few milliseconds (a burst of submissions) reach Redis in one round trip and
   * are marked sent by one update.
   */
  publishSoon(entries: OutboxEntry[]): void {
    this.batch.push(...entries);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      this.flushScheduled = false;
      void this.publishMany(this.batch.splice(0)).catch(() => undefined);
    }, PUBLISH_BATCH_MS);
  }

  /** Enqueues one recorded job and marks it sent; throws when Redis refuses (the relay will retry). */
  publish(e: OutboxEntry): Promise<void> {
    return this.publishMany([e]);
  }

  /** Enqueues recorded jobs (one round trip per queue) and marks them sent; throws when Redis refuses. */
  async publishMany(entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const ids = entries.map((e) => e.jobId);
    try {
      for (const name of new Set(entries.map((e) => JOBS[e.jobName].queue))) {
        const jobs = entries
          .filter((e) => JOBS[e.jobName].queue === name)
          .map((e) => ({
            name: e.jobName,
            data: e.payload,
            opts: { ...JOBS[e.jobName].options, ...this.retrying, jobId: e.jobId, delay: e.runAt ? Math.max(0, new Date(e.runAt).getTime() - Date.now()) : 0 },
          }));
        await (this.queues.get(name) as Queue).addBulk(jobs);
      }
    } catch (err) {
      await this.repo.markRefused(ids, String((err as Error).message).slice(0, 500)).catch(() => undefined);
      throw err;
    }
    await this.repo.markEnqueued(ids);
  }

  /**
   * Publishes jobs recorded more than `olderThanMs` ago that never reached the queue.
   * Several relays may run (one per worker process); a job published twice is one job (its id).
   */
  async relayPending(olderThanMs: number, batch = 200): Promise<{ published: number; failed: number }> {
    let published = 0;
    let failed = 0;
    for (const entry of await this.repo.pending(olderThanMs, batch)) {
      try {
        await this.publish(entry);
        published++;
      } catch {
        failed++;
      }
    }
    if (published > 0) this.logger.log(`relay: enqueued ${published} job(s) that had not reached the queue`);
    if (failed > 0) this.logger.warn(`relay: ${failed} job(s) still cannot be enqueued (Redis down?); will retry`);
    return { published, failed };
  }

  /** The producer's handle on a queue (fails fast while Redis is down), for inspecting and retrying its jobs. */
  queue(name: QueueName): Queue {
    return this.queues.get(name) as Queue;
  }

  /** The producer holds nothing to flush; Queue.close() can wait forever on a connection that is still reconnecting. */
  onApplicationShutdown(): void {
    this.connection.disconnect();
  }
}
