import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { checkReplyIntegrity, sampledForReview, scoreRubric } from '@lms/grading';
import { UnrecoverableError } from 'bullmq';
import { trainingConfig } from './training.config';
import { DataSource } from 'typeorm';
import { inTransaction } from '../common/transaction';
import { JobName } from '../jobs/job-catalog';
import { JobHandlers } from '../jobs/job-handlers';
import { DrillOutcomeService } from './drill-outcome.service';
import { DrillRepository } from './drill.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type GradingRun = 'graded' | 'skipped' | 'missing';

/**
 * The handler of GradeDrillSubmission jobs. One transaction per run: lock the submission,
 * do nothing if it is no longer `submitted`, else score it with its rubric snapshot, save the
 * result, and (when no review is required) apply the outcome to the student's standing and
 * hours. Each run is recorded (`graded` / `skipped`), so exactly-once grading can be checked.
 *
 * A reply goes to review (`needs_review`, no credit yet) when its rubric requires review, or when
 * it would pass but looks gamed: mostly the rubric's phrases without sentences, or a copy of the
 * customer's message (@lms/grading checkReplyIntegrity). Of the replies that pass on their own,
 * a share (DRILL_QA_SAMPLE_SHARE) is sampled into the review queue as well: they stay passed and
 * credited, and a reviewer's decision can still overturn them.
 */
@Injectable()
export class DrillGradingService implements OnModuleInit {
  private readonly logger = new Logger(DrillGradingService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly drills: DrillRepository,
    private readonly outcome: DrillOutcomeService,
    private readonly handlers: JobHandlers,
    @Inject(trainingConfig.KEY) training: ConfigType<typeof trainingConfig>,
  ) {
    this.qaSampleShare = training.qaSampleShare;
  }

  private readonly qaSampleShare: number;

  onModuleInit(): void {
    this.handlers.register(JobName.GradeDrillSubmission, async ({ submissionId }, job) => this.grade(submissionId, job.id ?? null));
  }

  async grade(submissionId: unknown, jobId: string | null = null): Promise<GradingRun> {
    // A malformed payload will never succeed: fail the job without retries.
    if (typeof submissionId !== 'string' || !UUID.test(submissionId)) throw new UnrecoverableError(`bad submissionId ${String(submissionId)}`);
    return inTransaction(this.ds, async (tx) => {
      const s = await this.drills.lockSubmission(tx, submissionId);
      if (!s) {
        this.logger.warn(`drill submission ${submissionId} does not exist; nothing to grade`);
        return 'missing';
      }
      if (s.status !== 'submitted') {
        await this.drills.recordGradingRun(tx, s.id, 'skipped', jobId);
        return 'skipped';
      }
      const result = scoreRubric(s.rubric, s.reply, { prompt: s.prompt });
      const { flags } = checkReplyIntegrity(s.rubric, s.reply, { prompt: s.prompt });
      const final = !s.requiresReview && !(result.passed && flags.length > 0);
      await this.drills.saveMachineGrade(tx, s.id, {
        status: final ? 'graded' : 'needs_review',
        integrityFlags: flags,
        qaSampled: final && result.passed && sampledForReview(s.id, this.qaSampleShare),
        autoScore: result.score,
        autoPassed: result.passed,
        maxScore: result.maxScore,
        result,
        score: final ? result.score : null,
        passed: final ? result.passed : null,
      });
      await this.drills.recordGradingRun(tx, s.id, 'graded', jobId);
      if (final) await this.outcome.apply(tx, s.studentId, s.scenarioId, null);
      return 'graded';
    });
  }
}
