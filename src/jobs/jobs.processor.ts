import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config';
import type { Job } from 'bullmq';
import { QueueName } from './job-catalog';
import { JobHandlers } from './job-handlers';

/**
 * The one processor of the grading queue: dispatches each job to its registered
 * handler. Errors escape so BullMQ retries. A killed worker's jobs are taken
 * over once their lock (15 s) lapses; the stalled check runs every 5 s.
 */
@Processor(QueueName.Grading, { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 5 })
export class GradingQueueProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(GradingQueueProcessor.name);

  constructor(
    private readonly handlers: JobHandlers,
    private readonly config: ConfigService<AppConfig, true>,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.get('jobs', { infer: true }).workerConcurrency;
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
