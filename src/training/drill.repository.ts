import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IntegrityFlag, RubricResult } from '@lms/grading';
import { DrillGradingEvent, GradingOutcome } from './entities/drill-grading-event.entity';
import { DrillResult } from './entities/drill-result.entity';
import { DrillReview } from './entities/drill-review.entity';
import { DrillSubmission, SubmissionStatus } from './entities/drill-submission.entity';
import type { ReviewQueue } from './dto/training.dto';

export type NewSubmission = Pick<DrillSubmission, 'scenarioId' | 'studentId' | 'clientKey' | 'reply' | 'prompt' | 'rubric' | 'requiresReview'>;

export interface MachineGrade {
  status: Exclude<SubmissionStatus, 'submitted'>;
  integrityFlags: IntegrityFlag[];
  /** An automatic pass sampled into the review queue. */
  qaSampled: boolean;
  autoScore: number;
  autoPassed: boolean;
  maxScore: number;
  result: RubricResult;
  /** Set when no review is needed: the machine's score counts. */
  score: number | null;
  passed: boolean | null;
}

export interface ReviewWithAuthor extends DrillReview {
  reviewerName: string;
}

/** A submission with what its views show around it. */
export interface SubmissionDetail extends DrillSubmission {
  scenarioTitle: string;
  studentName: string;
  reviews: ReviewWithAuthor[];
}

export interface SubmissionFilter {
  studentId?: string;
  scenarioId?: string;
  status?: SubmissionStatus;
  limit: number;
  offset: number;
}

export interface ResultWithTitle extends DrillResult {
  scenarioTitle: string;
}

/** The best graded submission of a student on a scenario: passes first, then the higher share of the maximum. */
interface BestRow {
  id: string;
  score: number;
  max_score: number;
  passed: boolean;
}

@Injectable()
export class DrillRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  // -- submissions ------------------------------------------------------------------------------

  /** Inserts the submission; null when the student already used this client key (nothing written). */
  async insertSubmission(tx: EntityManager, s: NewSubmission): Promise<string | null> {
    const res = await tx
      .createQueryBuilder()
      .insert()
      .into(DrillSubmission)
      .values({ ...s, status: 'submitted' })
      .orIgnore()
      .returning('id')
      .execute();
    return (res.raw[0]?.id as string | undefined) ?? null;
  }

  findByClientKey(tx: EntityManager, studentId: string, clientKey: string): Promise<DrillSubmission | null> {
    return tx.getRepository(DrillSubmission).findOneBy({ studentId, clientKey });
  }

  /** Locks the submission row until the transaction ends: grading and reviews of it run one at a time. */
  lockSubmission(tx: EntityManager, id: string): Promise<DrillSubmission | null> {
    return tx.getRepository(DrillSubmission).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
  }

  async saveMachineGrade(tx: EntityManager, id: string, g: MachineGrade): Promise<void> {
    await tx.getRepository(DrillSubmission).update({ id }, { ...g, gradedAt: () => 'now()' } as never);
  }

  async saveReviewDecision(tx: EntityManager, id: string, d: { score: number; passed: boolean; comment: string; reviewerId: string }): Promise<void> {
    await tx.getRepository(DrillSubmission).update({ id }, {
      status: 'graded',
      score: d.score,
      passed: d.passed,
      reviewComment: d.comment,
      reviewedBy: d.reviewerId,
      reviewedAt: () => 'clock_timestamp()',
    } as never);
  }

  async recordGradingRun(tx: EntityManager, submissionId: string, outcome: GradingOutcome, jobId: string | null): Promise<void> {
    await tx.getRepository(DrillGradingEvent).insert({ submissionId, outcome, jobId });
  }

  async insertReview(tx: EntityManager, review: Omit<DrillReview, 'id' | 'createdAt'>): Promise<void> {
    await tx.getRepository(DrillReview).insert(review);
  }

  async findSubmission(id: string): Promise<SubmissionDetail | null> {
    const [row] = await this.selectSubmissions('s.id = $1', [id], 'ORDER BY s.created_at', 1, 0);
    if (!row) return null;
    const reviews: ReviewWithAuthor[] = await this.ds.query(
      `SELECT r.id, r.submission_id AS "submissionId", r.reviewer_id AS "reviewerId", u.display_name AS "reviewerName",
              r.previous_score AS "previousScore", r.previous_passed AS "previousPassed", r.score, r.max_score AS "maxScore",
              r.passed, r.comment, r.created_at AS "createdAt"
         FROM drill_review r JOIN identity_directory u ON u.id = r.reviewer_id
        WHERE r.submission_id = $1 ORDER BY r.created_at, r.id`,
      [id],
    );
    return { ...row, reviews };
  }

  async listSubmissions(f: SubmissionFilter): Promise<{ items: SubmissionDetail[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.studentId) add('s.student_id = ?', f.studentId);
    if (f.scenarioId) add('s.scenario_id = ?', f.scenarioId);
    if (f.status) add('s.status = ?', f.status);
    return this.page(where, params, 'ORDER BY s.created_at DESC, s.id', f.limit, f.offset);
  }

  /**
   * The quality-review queue: pending (waiting for review, or an automatic pass sampled for
   * review and not reviewed yet) is oldest first (first in, first reviewed); the others newest first.
   */
  async listForReview(queue: ReviewQueue, scenarioId: string | undefined, limit: number, offset: number): Promise<{ items: SubmissionDetail[]; total: number }> {
    const where = [
      queue === 'pending' ? `(s.status = 'needs_review' OR (s.qa_sampled AND s.reviewed_at IS NULL))` : queue === 'graded' ? `s.status = 'graded'` : `s.reviewed_at IS NOT NULL`,
    ];
    const params: unknown[] = [];
    if (scenarioId) {
      params.push(scenarioId);
      where.push(`s.scenario_id = $${params.length}`);
    }
    const order = queue === 'pending' ? 'ORDER BY s.created_at, s.id' : queue === 'reviewed' ? 'ORDER BY s.reviewed_at DESC, s.id' : 'ORDER BY s.graded_at DESC, s.id';
    return this.page(where, params, order, limit, offset);
  }

  private async page(where: string[], params: unknown[], order: string, limit: number, offset: number): Promise<{ items: SubmissionDetail[]; total: number }> {
    const clause = where.length ? where.join(' AND ') : 'TRUE';
    const [items, [{ total }]] = await Promise.all([
      this.selectSubmissions(clause, params, order, limit, offset),
      this.ds.query(`SELECT COUNT(*)::int AS total FROM drill_submission s WHERE ${clause}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return { items: items.map((s) => ({ ...s, reviews: [] })), total };
  }

  private selectSubmissions(where: string, params: unknown[], order: string, limit: number, offset: number): Promise<Omit<SubmissionDetail, 'reviews'>[]> {
    return this.ds.query(
      `SELECT s.id, s.scenario_id AS "scenarioId", s.student_id AS "studentId", s.client_key AS "clientKey", s.reply, s.prompt, s.rubric,
              s.requires_review AS "requiresReview", s.status, s.auto_score AS "autoScore", s.auto_passed AS "autoPassed",
              s.max_score AS "maxScore", s.result, s.score, s.passed, s.graded_at AS "gradedAt", s.reviewed_at AS "reviewedAt",
              s.reviewed_by AS "reviewedBy", s.review_comment AS "reviewComment", s.created_at AS "createdAt",
              s.integrity_flags AS "integrityFlags", s.qa_sampled AS "qaSampled",
              t.title AS "scenarioTitle", u.display_name AS "studentName"
         FROM drill_submission s
         JOIN training_scenario t ON t.id = s.scenario_id
         JOIN identity_directory u ON u.id = s.student_id
        WHERE ${where} ${order} LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      params,
    );
  }

  // -- results (best per student and scenario) ---------------------------------------------------

  /** The student's result row on the scenario, created if missing, locked until the transaction ends. */
  async lockResult(tx: EntityManager, studentId: string, scenarioId: string): Promise<DrillResult> {
    await tx.createQueryBuilder().insert().into(DrillResult).values({ studentId, scenarioId }).orIgnore().execute();
    return tx
      .getRepository(DrillResult)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.student_id = :studentId AND r.scenario_id = :scenarioId', { studentId, scenarioId })
      .getOneOrFail();
  }

  /** The best graded submission and how many are graded, as the transaction sees them. */
  async bestGraded(tx: EntityManager, studentId: string, scenarioId: string): Promise<{ best: BestRow | null; gradedCount: number }> {
    const rows: Array<BestRow & { graded_count: number }> = await tx.query(
      `SELECT id, score, max_score, passed, COUNT(*) OVER ()::int AS graded_count
         FROM drill_submission
        WHERE student_id = $1 AND scenario_id = $2 AND status = 'graded'
        ORDER BY passed DESC, score::float8 / NULLIF(max_score, 0) DESC NULLS LAST, graded_at, id
        LIMIT 1`,
      [studentId, scenarioId],
    );
    return { best: rows[0] ?? null, gradedCount: rows[0]?.graded_count ?? 0 };
  }

  /** Results whose pass is credited, with the minutes the ledger holds for them. */
  creditedResults(): Promise<Array<{ studentId: string; scenarioId: string; minutes: number }>> {
    return this.ds.query(
      `SELECT student_id AS "studentId", scenario_id AS "scenarioId", credited_minutes AS minutes FROM drill_result WHERE credited AND credited_minutes > 0`,
    );
  }

  async saveResult(tx: EntityManager, r: DrillResult): Promise<void> {
    const { studentId, scenarioId, updatedAt: _updatedAt, ...fields } = r;
    await tx.getRepository(DrillResult).update({ studentId, scenarioId }, fields);
  }

  async listResults(studentId: string | undefined, limit: number, offset: number): Promise<{ items: ResultWithTitle[]; total: number }> {
    const params: unknown[] = studentId ? [studentId] : [];
    const clause = studentId ? 'r.student_id = $1' : 'TRUE';
    const [items, [{ total }]] = await Promise.all([
      this.ds.query(
        `SELECT r.student_id AS "studentId", r.scenario_id AS "scenarioId", t.title AS "scenarioTitle",
                r.best_submission_id AS "bestSubmissionId", r.best_score AS "bestScore", r.best_max_score AS "bestMaxScore",
                r.passed, r.graded_count AS "gradedCount", r.credited, r.credited_minutes AS "creditedMinutes",
                r.credit_generation AS "creditGeneration", r.first_passed_at AS "firstPassedAt", r.updated_at AS "updatedAt"
           FROM drill_result r JOIN training_scenario t ON t.id = r.scenario_id
          WHERE ${clause} ORDER BY t.position, t.title, r.student_id LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
        params,
      ) as Promise<ResultWithTitle[]>,
      this.ds.query(`SELECT COUNT(*)::int AS total FROM drill_result r WHERE ${clause}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return { items, total };
  }
}
