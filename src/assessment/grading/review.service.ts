import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit/audit-log.service';
import type { AuthUser } from '../../identity/auth.decorators';
import { UserDirectory } from '../../identity/user-directory.service';
import { AttemptGradingService } from './attempt-grading.service';
import type { ReviewStatus } from './entities/review-task.entity';
import { reviewAlreadyDone, reviewNotFound, reviewScoreOutOfRange } from './grading.errors';
import { GradingRepository, ReviewRecord, ReviewRow } from './grading.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import { inTransaction } from '../../common/transaction';
import { DataSource } from 'typeorm';

/** Trainers' review of rubric-scored answers; the last review of an attempt makes it `graded`. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: GradingRepository,
    private readonly grading: AttemptGradingService,
    private readonly audit: AuditLog,
    private readonly users: UserDirectory,
  ) {}

  async list(f: { status?: ReviewStatus; examId?: string; limit: number; offset: number }): Promise<{ items: ReviewRow[]; total: number }> {
    const { items, total } = await this.repo.listReviews(f);
    return { items: await this.withNames(items), total };
  }

  /** The students' names, from identity in one query for the page. */
  private async withNames(records: ReviewRecord[]): Promise<ReviewRow[]> {
    const names = await this.users.namesOf(records.map((r) => r.studentId));
    return records.map((r) => ({ ...r, studentName: names.get(r.studentId) ?? '' }));
  }

  /**
   * Records the trainer's score and comment, then regrades the attempt with every trainer mark
   * in one transaction under the attempt's lock: when no review is left it becomes `graded`
   * (and a passed exam lesson credits its hours).
   */
  async review(id: string, input: { score: number; comment?: string }, reviewer: AuthUser): Promise<ReviewRow> {
    const task = await this.repo.findReview(id);
    if (!task) throw reviewNotFound();
    if (input.score > task.maxScore) {
      throw reviewScoreOutOfRange(task.maxScore);
    }
    await inTransaction(this.ds, async (tx) => {
      // Lock the attempt first (as every grading does), then mark the review, then read the marks.
      const locked = await this.repo.loadForGrading(tx, task.attemptId);
      const done = await this.repo.completeReview(tx, id, { score: input.score, comment: input.comment?.trim() || null, reviewerId: reviewer.id });
      if (!locked || !done) throw reviewAlreadyDone();
      const { attempt, items } = (await this.repo.loadForGrading(tx, task.attemptId)) as NonNullable<typeof locked>;
      const outcome = this.grading.evaluate(attempt, items);
      await this.grading.apply(tx, attempt, items, outcome, { kind: 'review', id: attempt.id });
      // The trainer's mark replaces the grader's: what the machine gave, what the trainer gave, and what it did to the attempt.
      await this.audit.record(tx, {
        actorId: reviewer.id,
        action: 'exam_review.score',
        targetType: 'attempt',
        targetId: attempt.id,
        changes: {
          reviewId: id,
          studentId: task.studentId,
          questionId: task.questionId,
          maxScore: task.maxScore,
          before: { score: task.autoScore, attemptStatus: attempt.status, attemptScore: attempt.score, passed: attempt.passed },
          after: { score: input.score, comment: input.comment?.trim() || null, attemptStatus: outcome.status, attemptScore: outcome.score, passed: outcome.passed },
        },
      });
    });
    const [row] = await this.withNames([(await this.repo.findReview(id)) as ReviewRecord]);
    return row;
  }
}
