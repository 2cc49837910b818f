import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config';
import { JobOutbox } from './job-outbox.service';

/** Runs in worker processes: every few seconds, enqueue what the API recorded but could not enqueue. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly outbox: JobOutbox,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    const { relayIntervalMs } = this.config.get('jobs', { infer: true });
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.outbox
        .relayPending(relayIntervalMs)
        .catch((err) => this.logger.warn(`relay failed: ${(err as Error).message}`))
        .finally(() => (this.running = undefined));
    }, relayIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
