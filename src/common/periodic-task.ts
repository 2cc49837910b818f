import type { Logger } from '@nestjs/common';
import type { AppRole } from '../config/app.config';

/**
 * Runs `work` every `intervalMs`, never two runs at once, logging (not throwing) failures. The
 * timer does not keep the process alive; `stop` waits for a run in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.work()
      .catch((err) => this.logger.warn(`${this.name} failed: ${(err as Error).message}`))
      .finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/** Starts a periodic task in processes that run workers (APP_ROLE worker or all); none in API-only ones. */
export function startInWorkers(role: AppRole, name: string, intervalMs: number, work: () => Promise<unknown>, logger: Logger): PeriodicTask | undefined {
  if (role === 'api') return undefined;
  const task = new PeriodicTask(name, intervalMs, work, logger);
  task.start();
  return task;
}
