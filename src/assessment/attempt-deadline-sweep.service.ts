import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PeriodicTask, startInWorkers } from '../common/periodic-task';
import { appConfig } from '../config/app.config';
import { assessmentConfig } from './assessment.config';
import { AttemptSubmissionService } from './attempt-submission.service';

/** Leave the deadline's own delayed job a moment to do its work before the sweep steps in. */
const GRACE_MS = 1000;

/**
 * Worker processes only: every ATTEMPT_SWEEP_INTERVAL_MS, submit the attempts still open past
 * their deadline — those whose delayed auto-submit job was lost (Redis restarted without its
 * data, a job that failed for good). Several workers may sweep at once: closing is atomic.
 */
@Injectable()
export class AttemptDeadlineSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttemptDeadlineSweep.name);
  private task: PeriodicTask | undefined;

  constructor(
    private readonly submission: AttemptSubmissionService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(assessmentConfig.KEY) private readonly assessment: ConfigType<typeof assessmentConfig>,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.assessment.sweepIntervalMs;
    this.task = startInWorkers(this.app.role, 'deadline sweep', interval, () => this.sweep(), this.logger);
  }

  /** Submits up to 500 overdue attempts; returns how many it closed. */
  async sweep(): Promise<number> {
    let closed = 0;
    for (const id of await this.submission.overdueIds(GRACE_MS, 500)) {
      if ((await this.submission.closeOverdue(id, 'sweep')) === 'submitted') closed++;
    }
    if (closed > 0) this.logger.log(`deadline sweep: submitted ${closed} overdue attempt(s) that their delayed job missed`);
    return closed;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }
}
