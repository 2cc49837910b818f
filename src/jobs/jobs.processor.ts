import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Job, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { jobsConfig } from './jobs.config';
import { REDIS } from '../redis/redis.module';
import { QueueName } from './job-catalog';
import { JobHandlers } from './job-handlers';

/**
 * The one processor of the grading queue: dispatches each job to its registered
 * handler. Errors escape so BullMQ retries. A killed worker's jobs are taken
 * over once their lock lapses (JOB_LOCK_DURATION_MS, default 15 s); the stalled
 * check runs every JOB_STALLED_INTERVAL_MS (default 5 s). Registered through
 * `gradingQueueProcessor(timing)`, which applies those settings.
 */
@Injectable()
export class GradingQueueProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GradingQueueProcessor.name);

  constructor(
    private readonly handlers: JobHandlers,
    @Inject(jobsConfig.KEY) private readonly jobs: ConfigType<typeof jobsConfig>,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QueueName.Grading) queue: Queue,
  ) {
    super();
    queue.on('error', () => undefined); // the same outage the worker reports
  }

  /** Takes jobs only once every module has registered its handlers (the worker is created with autorun off). */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.jobs.workerConcurrency;
    this.worker.run().catch((err) => this.logger.error(`grading worker stopped: ${(err as Error).message}`));
  }

  /** Without a listener an 'error' event (Redis gone, or back without a job's keys) would be thrown. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`grading worker: ${err.message}`);
  }

  /**
   * A graceful close waits for the jobs in hand, but while Redis is unreachable it would wait
   * forever for the blocked fetch: then close at once (jobs in hand go back to the queue when
   * their lock lapses, and handlers are idempotent).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close(this.redis.status !== 'ready');
  }

  /** A job out of tries: say so loudly; admins see it at GET /api/admin/jobs?state=failed, and the recovery sweep retries it later. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(`job ${job.name} ${job.id} failed all its tries (${err.message}); listed for admins and retried by the recovery sweep after its back-off`);
  }

  async process(job: Job): Promise<unknown> {
    try {
      return await this.handlers.dispatch(job);
    } catch (err) {
      this.logger.warn(`job ${job.name} ${job.id} failed (attempt ${job.attemptsMade + 1}): ${(err as Error).message}`);
      throw err;
    }
  }
}

/** The processor class with the lock and stalled-check timing of this process's configuration. */
export function gradingQueueProcessor(timing: { lockDurationMs: number; stalledIntervalMs: number }): Type<GradingQueueProcessor> {
  @Processor(QueueName.Grading, { lockDuration: timing.lockDurationMs, stalledInterval: timing.stalledIntervalMs, maxStalledCount: 5, autorun: false })
  class ConfiguredGradingQueueProcessor extends GradingQueueProcessor {}
  return ConfiguredGradingQueueProcessor;
}
