import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PeriodicTask } from '../common/periodic-task';
import type { AppConfig } from '../config/app-config';
import { JobOutbox } from './job-outbox.service';

/** Registered in worker processes only: every few seconds, enqueue what the API recorded but could not enqueue. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private task: PeriodicTask | undefined;

  constructor(
    private readonly outbox: JobOutbox,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    const { relayIntervalMs } = this.config.get('jobs', { infer: true });
    this.task = new PeriodicTask('outbox relay', relayIntervalMs, () => this.outbox.relayPending(relayIntervalMs), this.logger);
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }
}
