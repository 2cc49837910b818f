import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PeriodicTask, startInWorkers } from '../../common/periodic-task';
import { appConfig } from '../../config/app.config';
import { assessmentConfig } from '../assessment.config';
import { jobsConfig } from '../../jobs/jobs.config';
import { JobAdminService } from '../../jobs/job-admin.service';
import { JobName } from '../../jobs/job-catalog';
import { jobEntry, JobOutbox } from '../../jobs/job-outbox.service';
import { AnswerKeyCorrectionService } from './answer-key-correction.service';
import { GradingRepository } from './grading.repository';

/**
 * Worker processes only: the outbox relay covers jobs that never reached Redis; this covers jobs
 * that reached it and were lost there (a Redis restarted without its data). Every
 * ATTEMPT_SWEEP_INTERVAL_MS it enqueues again the grading of attempts submitted more than
 * GRADING_STUCK_AFTER_MS ago and still ungraded, and the regrades a correction is still waiting
 * for. Adding a job whose id is queued or done is a no-op, so this never grades twice. And a job
 * that failed all its tries (listed for admins with its error) is retried FAILED_JOB_RETRY_AFTER_MS
 * after it failed, once per such period while it keeps failing.
 */
@Injectable()
export class GradingRecoverySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GradingRecoverySweep.name);
  private task: PeriodicTask | undefined;

  constructor(
    private readonly repo: GradingRepository,
    private readonly corrections: AnswerKeyCorrectionService,
    private readonly outbox: JobOutbox,
    private readonly jobs: JobAdminService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(assessmentConfig.KEY) private readonly assessment: ConfigType<typeof assessmentConfig>,
    @Inject(jobsConfig.KEY) private readonly jobSettings: ConfigType<typeof jobsConfig>,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.assessment.sweepIntervalMs;
    this.task = startInWorkers(this.app.role, 'grading recovery', interval, () => this.recover(), this.logger);
  }

  /** Enqueues what is overdue; returns how many jobs it handed to Redis. */
  async recover(): Promise<number> {
    const { stuckAfterMs } = this.assessment;
    const entries = [...(await this.repo.stuckSubmittedIds(stuckAfterMs, 500)).map((attemptId) => jobEntry(JobName.GradeAttempt, { attemptId })), ...(await this.corrections.missingRegrades(stuckAfterMs, 500))];
    let sent = 0;
    for (const entry of entries) {
      try {
        await this.outbox.publish(entry);
        sent++;
      } catch {
        break; // Redis is down: the next round tries again
      }
    }
    if (sent > 0) this.logger.warn(`grading recovery: enqueued ${sent} grading job(s) again for attempts still waiting`);
    const retried = await this.jobs.retryFailed(this.jobSettings.failedRetryAfterMs, 500);
    return sent + retried;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }
}
