import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { gradeAttempt, type AttemptGrade } from '@lms/grading';
import { DataSource, EntityManager } from 'typeorm';
import { AttemptSubmissionService } from '../attempt-submission.service';
import { CourseDirectory } from '../../catalog/course-directory.service';
import { CreditSources } from '../../hours/credit-sources';
import { HourLedger } from '../../hours/hour-ledger.service';
import { JobName } from '../../jobs/job-catalog';
import { JobHandlers } from '../../jobs/job-handlers';
import type { GradingKind } from './entities/grading-run.entity';
import { GradingItem, GradingRepository, LockedAttempt } from './grading.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import { inTransaction } from '../../common/transaction';

export type GradeOutcome = 'graded' | 'needs_review' | 'skipped';

/** What caused a (re)grading: recorded in the audit and used to key hour-ledger entries. */
export interface GradingCause {
  kind: GradingKind;
  /** The attempt (auto, review) or the correction (regrade). */
  id: string;
  correctionId?: string;
}

/**
 * The queue's grading handlers. Every grading re-reads the attempt and writes under its row
 * lock only what its state still calls for, so a job that runs twice (a retry, a stalled job
 * taken over, a duplicate delivery) changes nothing the second time.
 */
@Injectable()
export class AttemptGradingService implements OnModuleInit {
  private readonly logger = new Logger(AttemptGradingService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: GradingRepository,
    private readonly ledger: HourLedger,
    private readonly creditSources: CreditSources,
    private readonly submission: AttemptSubmissionService,
    private readonly handlers: JobHandlers,
    private readonly courses: CourseDirectory,
  ) {}

  onModuleInit(): void {
    this.handlers.register(JobName.GradeAttempt, ({ attemptId }) => this.grade(attemptId));
    this.handlers.register(JobName.AutoSubmitAttempt, async ({ attemptId }) => {
      const outcome = await this.submission.closeOverdue(attemptId, 'deadline');
      // Fired before the database clock reached the deadline: fail so that BullMQ retries shortly.
      if (outcome === 'not_due') throw new Error(`attempt ${attemptId} is not due yet`);
      return outcome;
    });
    this.handlers.register(JobName.RegradeAttempt, ({ attemptId, correctionId }) => this.regrade(attemptId, correctionId));
    this.creditSources.register('exam_pass', async () => {
      const passed = await this.repo.passedExamLessons();
      const credits = await this.courses.lessonCredits(passed.map((p) => p.lessonId));
      return passed.map((p) => ({ studentId: p.studentId, referenceType: 'lesson', referenceId: p.lessonId, minutes: credits.get(p.lessonId)?.minutes ?? 0, atMost: true }));
    });
  }

  /**
   * First grading of a submitted attempt; does nothing unless it is `submitted`. The hot path
   * reads without a lock and writes everything in one conditional statement (a transaction that
   * holds the row lock while it writes, and writes only if the attempt is still submitted and its
   * keys unchanged); an exam lesson's attempt (hours to credit in the same transaction), or one
   * whose conditional write lost, is graded in a transaction that locks the attempt first.
   */
  async grade(attemptId: string): Promise<GradeOutcome> {
    const read = await this.repo.readForGrading(attemptId);
    if (read && read.attempt.status !== 'submitted') return 'skipped';
    if (read && !read.attempt.lessonId) {
      const outcome = this.evaluate(read.attempt, read.items);
      if (await this.repo.writeFirstGrading(attemptId, read.keyEpoch, outcome.items, this.detailsToKeep(read.items, outcome), outcome)) return outcome.status;
    }
    return this.gradeLocked(attemptId);
  }

  /** First grading under the attempt's row lock, from the read to the last write. */
  private gradeLocked(attemptId: string): Promise<GradeOutcome> {
    return inTransaction(this.ds, async (tx) => {
      const loaded = await this.repo.loadForGrading(tx, attemptId);
      if (!loaded || loaded.attempt.status !== 'submitted') return 'skipped';
      const outcome = this.evaluate(loaded.attempt, loaded.items);
      await this.apply(tx, loaded.attempt, loaded.items, outcome, { kind: 'auto', id: attemptId });
      return outcome.status;
    });
  }

  /** The grader's detail is kept for rubric questions only: it explains a text answer's score. */
  private detailsToKeep(items: GradingItem[], outcome: AttemptGrade): Map<string, unknown> {
    const rubric = new Set(items.filter((i) => i.type === 'short_answer' || i.type === 'scenario').map((i) => i.questionId));
    return new Map(outcome.items.filter((g) => rubric.has(g.id) && g.detail).map((g) => [g.id, g.detail]));
  }

  /**
   * Regrades an attempt after an answer-key correction, once per (attempt, correction). Trainers'
   * marks stay. An attempt still in progress needs nothing (its grading will read the corrected
   * key). A submitted one may be in the middle of its first grading with the old key: the regrade
   * fails for now, and BullMQ retries it (with backoff) once that grading is written.
   */
  regrade(attemptId: string, correctionId: string): Promise<'regraded' | 'not_graded_yet' | 'skipped'> {
    return inTransaction(this.ds, async (tx) => {
      const loaded = await this.repo.loadForGrading(tx, attemptId);
      if (!loaded || (await this.repo.regradeRecorded(tx, attemptId, correctionId))) return 'skipped';
      const { attempt, items } = loaded;
      if (attempt.status === 'submitted') throw new Error(`attempt ${attemptId} is waiting for its first grading; the regrade follows it`);
      const before = { previousStatus: attempt.status, previousScore: attempt.score, previousPassed: attempt.passed };
      if (attempt.status === 'in_progress') {
        await this.repo.recordRegrade(tx, { attemptId, correctionId, ...before, status: attempt.status, score: attempt.score, passed: attempt.passed });
        return 'not_graded_yet';
      }
      const outcome = this.evaluate(attempt, items);
      await this.apply(tx, attempt, items, outcome, { kind: 'regrade', id: correctionId, correctionId });
      await this.repo.recordRegrade(tx, { attemptId, correctionId, ...before, status: outcome.status, score: outcome.score, passed: outcome.passed });
      if (outcome.score !== attempt.score || outcome.passed !== attempt.passed) {
        this.logger.log(`regrade of ${attemptId} after correction ${correctionId}: ${attempt.score} → ${outcome.score}, passed ${attempt.passed} → ${outcome.passed}`);
      }
      return 'regraded';
    });
  }

  /** Grades the attempt's questions with the pure graders, keeping trainers' marks. */
  evaluate(attempt: LockedAttempt, items: GradingItem[]): AttemptGrade {
    return gradeAttempt(
      items.map((i) => ({
        id: i.questionId,
        question: {
          type: i.type,
          points: i.points,
          answer: i.key,
          options: i.options ?? undefined,
          scoring: i.scoring ?? undefined,
          // The customer's message (scenario) or the question: repeating it earns nothing.
          prompt: i.stem ?? undefined,
        },
        response: i.response,
        reviewedScore: i.reviewStatus === 'done' ? i.reviewScore : null,
      })),
      { passScore: attempt.passScore, reviewRubrics: attempt.reviewRubrics },
    );
  }

  /**
   * Writes a grading under the row lock: marks, reviews to open, the attempt's result, the audit row and the exam lesson's credit.
   */
  async apply(tx: EntityManager, attempt: LockedAttempt, items: GradingItem[], outcome: AttemptGrade, cause: GradingCause): Promise<void> {
    const details = this.detailsToKeep(items, outcome);
    const record = cause.kind !== 'review' || outcome.status === 'graded';
    await this.repo.writeGrading(tx, attempt.id, outcome.items, details, outcome, record ? { kind: cause.kind, correctionId: cause.correctionId ?? null } : null);
    await this.repo.openReviews(tx, attempt.id, outcome.items.filter((i) => i.needsReview));
    if (attempt.lessonId && (outcome.status === 'graded' || cause.kind === 'regrade')) await this.reconcileCredit(tx, attempt, cause);
  }

  /**
   * The exam lesson's hours follow "the student has passed an exam of this lesson": the ledger
   * credits the lesson when an attempt passes and writes a reversing entry when a regrade leaves
   * no passed attempt (credited again if one passes later). The pass is read under the student's
   * ledger lock, so concurrent gradings of two attempts agree.
   */
  private async reconcileCredit(tx: EntityManager, attempt: LockedAttempt, cause: GradingCause): Promise<void> {
    const lessonId = attempt.lessonId as string;
    await this.ledger.lockStudent(tx, attempt.studentId);
    const lesson = (await this.courses.lessonCredits([lessonId], tx)).get(lessonId);
    if (!lesson || lesson.minutes <= 0) return;
    const passed = await this.repo.lessonExamPassed(tx, lessonId, attempt.studentId);
    await this.ledger.record(tx, {
      studentId: attempt.studentId,
      systemCode: lesson.systemCode,
      courseId: lesson.courseId,
      lessonId,
      source: 'exam_pass',
      referenceType: 'lesson',
      referenceId: lessonId,
      minutes: passed ? lesson.minutes : 0,
      reason: cause.kind === 'auto' ? null : '复核或答案更正后考试通过',
      reversalReason: '答案更正后考试未通过，撤销学时',
    });
  }
}
