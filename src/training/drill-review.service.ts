import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { inTransaction } from '../common/transaction';
import type { AuthUser } from '../identity/auth.decorators';
import { ReviewDto, ReviewListQuery } from './dto/training.dto';
import { DrillOutcomeService } from './drill-outcome.service';
import { DrillRepository, SubmissionDetail } from './drill.repository';
import { reviewScoreOutOfRange, submissionNotFound, submissionNotGraded } from './training.errors';

/**
 * Trainers' quality review (质检). A review confirms or overrides the score of a submission the
 * scorer has graded: one waiting in the review queue (its rubric requires review) or any graded
 * one (a spot check). Every review is kept with its author; the latest decides the score, and
 * the student's standing and hours follow it in the same transaction.
 */
@Injectable()
export class DrillReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly drills: DrillRepository,
    private readonly outcome: DrillOutcomeService,
    private readonly audit: AuditLog,
  ) {}

  queue(q: ReviewListQuery): Promise<{ items: SubmissionDetail[]; total: number }> {
    return this.drills.listForReview(q.status, q.scenarioId, q.limit, q.offset);
  }

  async review(id: string, dto: ReviewDto, reviewer: AuthUser): Promise<SubmissionDetail> {
    await inTransaction(this.ds, async (tx) => {
      const s = await this.drills.lockSubmission(tx, id);
      if (!s) throw submissionNotFound();
      if (s.status === 'submitted' || s.maxScore === null || s.result === null) throw submissionNotGraded();
      if (dto.score > s.maxScore) throw reviewScoreOutOfRange(s.maxScore);
      // Without an explicit decision the rubric decides, including its veto (一票否决).
      const vetoed = s.result.forbidden.some((f) => f.fatal);
      const passed = dto.passed ?? (dto.score >= (s.rubric.passScore ?? 0) && !vetoed);
      await this.drills.insertReview(tx, {
        submissionId: s.id,
        reviewerId: reviewer.id,
        previousScore: s.status === 'graded' ? s.score : null,
        previousPassed: s.status === 'graded' ? s.passed : null,
        score: dto.score,
        maxScore: s.maxScore,
        passed,
        comment: dto.comment,
      });
      await this.drills.saveReviewDecision(tx, s.id, { score: dto.score, passed, comment: dto.comment, reviewerId: reviewer.id });
      await this.outcome.apply(tx, s.studentId, s.scenarioId, reviewer.id);
      await this.audit.record(tx, {
        actorId: reviewer.id,
        action: 'drill_review.decide',
        targetType: 'drill_submission',
        targetId: s.id,
        changes: {
          studentId: s.studentId,
          scenarioId: s.scenarioId,
          maxScore: s.maxScore,
          // Before: the standing the review replaced (the scorer's or an earlier review's).
          before: { status: s.status, score: s.score, passed: s.passed },
          after: { status: 'graded', score: dto.score, passed, comment: dto.comment },
        },
      });
    });
    return (await this.drills.findSubmission(id)) as SubmissionDetail;
  }
}
