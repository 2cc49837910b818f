import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PeriodicTask } from '../common/periodic-task';
import { jobsConfig } from './jobs.config';
import { JobOutbox } from './job-outbox.service';

/** Registered in worker processes only: every few seconds, enqueue what the API recorded but could not enqueue. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private task: PeriodicTask | undefined;

  constructor(
    private readonly outbox: JobOutbox,
    @Inject(jobsConfig.KEY) private readonly jobs: ConfigType<typeof jobsConfig>,
  ) {}

  onApplicationBootstrap(): void {
    const { relayIntervalMs } = this.jobs;
    this.task = new PeriodicTask('outbox relay', relayIntervalMs, () => this.outbox.relayPending(relayIntervalMs), this.logger);
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }
}
