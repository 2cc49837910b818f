import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AnswerKey, AttemptItemGrade, QuestionOption, QuestionType } from '@lms/grading';
import { DataSource, EntityManager } from 'typeorm';
import type { AttemptStatus } from '../entities/attempt.entity';
import { preparedQuery } from '../../common/prepared-query';
import { returnedRows } from '../../common/returned-rows';
import { AnswerKeyCorrection } from './entities/answer-key-correction.entity';
import type { GradingKind } from './entities/grading-run.entity';
import type { ReviewStatus } from './entities/review-task.entity';

/** An attempt as grading needs it, locked for the transaction. */
export interface LockedAttempt {
  id: string;
  examId: string;
  studentId: string;
  status: AttemptStatus;
  score: number | null;
  maxScore: number;
  passed: boolean | null;
  passScore: number;
  reviewRubrics: boolean;
  lessonId: string | null;
}

export interface LoadedAttempt {
  attempt: LockedAttempt;
  items: GradingItem[];
  /** The answer-key epoch the keys were read at: every committed correction moves it on. */
  keyEpoch: string;
}

/** A question version as grading reads it. */
type CachedVersion = Pick<GradingItem, 'type' | 'key' | 'options' | 'scoring' | 'stem'>;

type ItemTuple = [
  GradingItem['questionId'],
  GradingItem['type'],
  GradingItem['points'],
  GradingItem['response'],
  GradingItem['key'],
  GradingItem['options'],
  GradingItem['scoring'],
  GradingItem['stem'],
  GradingItem['reviewStatus'],
  GradingItem['reviewScore'],
];

export interface GradingItem {
  questionId: string;
  type: QuestionType;
  points: number;
  response: unknown;
  key: AnswerKey;
  options: QuestionOption[] | null;
  scoring: 'all_or_nothing' | 'proportional' | null;
  /** Rubric questions only: the customer's message or the question, which a reply must not just repeat. */
  stem: string | null;
  reviewStatus: ReviewStatus | null;
  reviewScore: number | null;
}

/** A review task with the attempt, question and response it is about. */
export interface ReviewRecord {
  id: string;
  status: ReviewStatus;
  attemptId: string;
  attemptStatus: AttemptStatus;
  examId: string;
  examTitle: string;
  studentId: string;
  questionId: string;
  type: QuestionType;
  stem: string;
  rubric: AnswerKey;
  response: unknown;
  detail: unknown;
  autoScore: number;
  maxScore: number;
  score: number | null;
  comment: string | null;
  reviewerId: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
}

/** A review task as trainers see it: with the student's name, which identity answers. */
export interface ReviewRow extends ReviewRecord {
  studentName: string;
}


const REVIEW_COLUMNS = `t.id, t.status, t.attempt_id AS "attemptId", a.status AS "attemptStatus", a.exam_id AS "examId", e.title AS "examTitle",
  a.student_id AS "studentId", t.question_id AS "questionId", v.type, v.stem, v.answer AS rubric,
  i.answer AS response, i.detail, t.auto_score AS "autoScore", t.max_score AS "maxScore", t.score, t.comment,
  t.reviewer_id AS "reviewerId", t.reviewed_at AS "reviewedAt", t.created_at AS "createdAt"`;
const REVIEW_FROM = `review_task t JOIN attempt a ON a.id = t.attempt_id JOIN exam e ON e.id = a.exam_id
  JOIN attempt_item i ON i.attempt_id = t.attempt_id AND i.question_id = t.question_id JOIN question_version v ON v.id = i.question_version_id`;

/** The marks of a grading as one JSON document (stringified natively) for jsonb_to_recordset. */
function marksJson(grades: AttemptItemGrade[], details: Map<string, unknown>): string {
  return JSON.stringify(grades.map((g) => ({ question_id: g.id, score: g.score, correct: g.correct, detail: details.get(g.id) ?? null })));
}

/** Grading's SQL: one locked read, bulk writes with unnest, the review queue, the exam credit. */
@Injectable()
export class GradingRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}


  /**
   * Locks the attempt (the row lock that serialises every grading of it: reviews, regrades,
   * gradings that credit hours) and reads its frozen questions with their (possibly corrected)
   * keys, the responses and trainers' marks, in one round trip.
   */
  loadForGrading(tx: EntityManager, attemptId: string): Promise<LoadedAttempt | null> {
    return this.readAttempt(tx, 'grading-load', `SELECT id, exam_id, student_id, status, score, max_score, passed FROM attempt WHERE id = $1 FOR UPDATE`, attemptId);
  }

  /**
   * The read of a first grading, without a lock (see writeFirstGrading): the attempt and its
   * responses, with the question versions' keys from a per-process cache that is valid for one
   * answer-key epoch. Null when a correction committed while missing versions were fetched.
   */
  async readForGrading(attemptId: string): Promise<LoadedAttempt | null> {
    const rows = await preparedQuery<LockedAttempt & { items: Array<[string, string, number, unknown]>; keyEpoch: string }>(
      this.ds,
      'grading-read',
      `WITH a AS (SELECT id, exam_id, student_id, status, score, max_score, passed FROM attempt WHERE id = $1)
       SELECT a.id, a.exam_id AS "examId", a.student_id AS "studentId", a.status, a.score, a.max_score AS "maxScore", a.passed,
              e.pass_score AS "passScore", e.review_rubrics AS "reviewRubrics", e.lesson_id AS "lessonId",
              (SELECT epoch FROM answer_key_epoch) AS "keyEpoch",
              COALESCE(json_agg(json_build_array(i.question_id, i.question_version_id, i.points, i.answer)) FILTER (WHERE i.question_id IS NOT NULL), '[]') AS items
         FROM a JOIN exam e ON e.id = a.exam_id LEFT JOIN attempt_item i ON i.attempt_id = a.id
        GROUP BY a.id, a.exam_id, a.student_id, a.status, a.score, a.max_score, a.passed, e.pass_score, e.review_rubrics, e.lesson_id`,
      [attemptId],
    );
    if (rows.length === 0) return null;
    const { items, keyEpoch, ...attempt } = rows[0];
    if (attempt.status !== 'submitted') return { attempt, items: [], keyEpoch };
    const versions = await this.versionsAt(keyEpoch, [...new Set(items.map((i) => i[1]))]);
    if (!versions) return null;
    return {
      attempt,
      keyEpoch,
      items: items.map(([questionId, versionId, points, response]) => ({ questionId, points, response, ...(versions.get(versionId) as CachedVersion), reviewStatus: null, reviewScore: null })),
    };
  }

  /** What grading needs of question versions, cached for the current answer-key epoch (versions change only by a correction). */
  private readonly versionCache = new Map<string, CachedVersion>();
  private versionCacheEpoch: string | null = null;

  private async versionsAt(epoch: string, ids: string[]): Promise<Map<string, CachedVersion> | null> {
    // Epochs only grow: a newer one empties the cache; a read at an older one does not use it.
    if (this.versionCacheEpoch === null || BigInt(epoch) > BigInt(this.versionCacheEpoch) || this.versionCache.size > 20_000) {
      this.versionCache.clear();
      this.versionCacheEpoch = epoch;
    }
    const found = new Map<string, CachedVersion>();
    if (this.versionCacheEpoch === epoch) for (const id of ids) if (this.versionCache.has(id)) found.set(id, this.versionCache.get(id) as CachedVersion);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      const rows = await preparedQuery<CachedVersion & { id: string; epoch: string }>(
        this.ds,
        'grading-versions',
        `SELECT (SELECT epoch FROM answer_key_epoch) AS epoch, v.id, v.type, v.answer AS key, v.options, v.scoring,
                CASE WHEN v.type IN ('short_answer', 'scenario') THEN v.stem END AS stem
           FROM question_version v WHERE v.id = ANY($1::uuid[])`,
        [missing],
      );
      // A correction committed since the attempt was read: these keys are not the ones of that epoch.
      if (rows.some((r) => r.epoch !== epoch)) return null;
      for (const { id, epoch: _epoch, ...version } of rows) {
        found.set(id, version);
        if (this.versionCacheEpoch === epoch) this.versionCache.set(id, version);
      }
    }
    return found;
  }

  /** One row: the attempt, and its items as one JSON array of arrays (built cheaply, parsed natively). */
  private async readAttempt(on: DataSource | EntityManager, name: string, attemptSql: string, attemptId: string): Promise<LoadedAttempt | null> {
    const rows = await preparedQuery<LockedAttempt & { items: ItemTuple[]; keyEpoch: string }>(
      on,
      name,
      `WITH a AS (${attemptSql})
       SELECT a.id, a.exam_id AS "examId", a.student_id AS "studentId", a.status, a.score, a.max_score AS "maxScore", a.passed,
              e.pass_score AS "passScore", e.review_rubrics AS "reviewRubrics", e.lesson_id AS "lessonId",
              (SELECT epoch FROM answer_key_epoch) AS "keyEpoch",
              COALESCE(json_agg(json_build_array(i.question_id, v.type, i.points, i.answer, v.answer, v.options, v.scoring,
                CASE WHEN v.type IN ('short_answer', 'scenario') THEN v.stem END, t.status, t.score))
                FILTER (WHERE i.question_id IS NOT NULL), '[]') AS items
         FROM a JOIN exam e ON e.id = a.exam_id
         LEFT JOIN attempt_item i ON i.attempt_id = a.id
         LEFT JOIN question_version v ON v.id = i.question_version_id
         LEFT JOIN review_task t ON t.attempt_id = i.attempt_id AND t.question_id = i.question_id
        GROUP BY a.id, a.exam_id, a.student_id, a.status, a.score, a.max_score, a.passed, e.pass_score, e.review_rubrics, e.lesson_id`,
      [attemptId],
    );
    if (rows.length === 0) return null;
    const { items, keyEpoch, ...attempt } = rows[0];
    return {
      attempt,
      keyEpoch,
      items: items.map(([questionId, type, points, response, key, options, scoring, stem, reviewStatus, reviewScore]) => ({
        questionId,
        type,
        points,
        response,
        key,
        options,
        scoring,
        stem,
        reviewStatus,
        reviewScore,
      })),
    };
  }

  /**
   * The first grading of a submitted attempt as one statement — one transaction, holding the
   * attempt's row lock while it writes — that applies only if the attempt is still `submitted`
   * and no answer-key correction committed since the keys were read (`keyEpoch`): the marks, the
   * result, the reviews to open and the audit row. Returns false when it wrote nothing (another
   * grading got there first, or a correction came in between).
   */
  async writeFirstGrading(
    attemptId: string,
    keyEpoch: string,
    grades: AttemptItemGrade[],
    details: Map<string, unknown>,
    result: { status: AttemptStatus; score: number; maxScore: number; passed: boolean | null },
  ): Promise<boolean> {
    const review = grades.filter((g) => g.needsReview);
    const [row] = await preparedQuery<{ graded: number }>(
      this.ds,
      'grading-write-first',
      `WITH a AS (
         UPDATE attempt SET status = $3::varchar, score = $4, max_score = $5, passed = $7,
                graded_at = CASE WHEN $3::varchar = 'graded' THEN now() END
          WHERE id = $1 AND status = 'submitted' AND (SELECT epoch FROM answer_key_epoch) = $8
         RETURNING id
       ), items AS (
         UPDATE attempt_item i SET score = x.score, correct = x.correct, detail = x.detail
           FROM a, jsonb_to_recordset($2::jsonb) AS x(question_id uuid, score int, correct boolean, detail jsonb)
          WHERE i.attempt_id = a.id AND i.question_id = x.question_id RETURNING 1
       ), reviews AS (
         INSERT INTO review_task (attempt_id, question_id, auto_score, max_score)
         SELECT a.id, r.question_id, r.score, r.max_score FROM a, jsonb_to_recordset($6::jsonb) AS r(question_id uuid, score int, max_score int)
         ON CONFLICT (attempt_id, question_id) DO UPDATE SET auto_score = EXCLUDED.auto_score WHERE review_task.status = 'pending'
         RETURNING 1
       ), run AS (
         INSERT INTO grading_run (attempt_id, kind, status, score, max_score, passed)
         SELECT a.id, 'auto', $3::varchar, $4, $5, $7 FROM a RETURNING 1
       )
       SELECT (SELECT COUNT(*) FROM a)::int AS graded`,
      [
        attemptId,
        marksJson(grades, details),
        result.status,
        result.score,
        result.maxScore,
        JSON.stringify(review.map((g) => ({ question_id: g.id, score: g.score, max_score: g.maxScore }))),
        result.passed,
        keyEpoch,
      ],
    );
    return row.graded === 1;
  }

  /**
   * Writes a grading in one statement: every item's mark, the attempt's result and (unless `run`
   * is null) the audit row. `details` holds the grader's detail of the items that keep one.
   */
  async writeGrading(
    tx: EntityManager,
    attemptId: string,
    grades: AttemptItemGrade[],
    details: Map<string, unknown>,
    result: { status: AttemptStatus; score: number; maxScore: number; passed: boolean | null },
    run: { kind: GradingKind; correctionId: string | null } | null,
  ): Promise<void> {
    await preparedQuery(
      tx,
      'grading-write',
      `WITH items AS (
         UPDATE attempt_item i SET score = x.score, correct = x.correct, detail = x.detail
           FROM jsonb_to_recordset($2::jsonb) AS x(question_id uuid, score int, correct boolean, detail jsonb)
          WHERE i.attempt_id = $1 AND i.question_id = x.question_id RETURNING 1
       ), attempt AS (
         UPDATE attempt SET status = $3::varchar, score = $4, max_score = $5, passed = $6,
                graded_at = CASE WHEN $3::varchar = 'graded' THEN COALESCE(graded_at, now()) ELSE graded_at END
          WHERE id = $1 RETURNING 1
       ), run AS (
         INSERT INTO grading_run (attempt_id, kind, correction_id, status, score, max_score, passed)
         SELECT $1, $7::varchar, $8::uuid, $3::varchar, $4, $5, $6 WHERE $7::varchar IS NOT NULL RETURNING 1
       )
       SELECT (SELECT COUNT(*) FROM items) AS items, (SELECT COUNT(*) FROM attempt) AS attempts, (SELECT COUNT(*) FROM run) AS runs`,
      [
        attemptId,
        marksJson(grades, details),
        result.status,
        result.score,
        result.maxScore,
        result.passed,
        run?.kind ?? null,
        run?.correctionId ?? null,
      ],
    );
  }

  /** Opens a review for each item that waits for one; a pending review takes the new provisional score. */
  async openReviews(tx: EntityManager, attemptId: string, items: AttemptItemGrade[]): Promise<void> {
    if (items.length === 0) return;
    await tx.query(
      `INSERT INTO review_task (attempt_id, question_id, auto_score, max_score)
       SELECT $1, x.question_id, x.score, x.max_score FROM unnest($2::uuid[], $3::int[], $4::int[]) AS x(question_id, score, max_score)
       ON CONFLICT (attempt_id, question_id) DO UPDATE SET auto_score = EXCLUDED.auto_score WHERE review_task.status = 'pending'`,
      [attemptId, items.map((i) => i.id), items.map((i) => i.score), items.map((i) => i.maxScore)],
    );
  }

  async regradeRecorded(tx: EntityManager, attemptId: string, correctionId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM attempt_regrade WHERE attempt_id = $1 AND correction_id = $2`, [attemptId, correctionId]);
    return rows.length > 0;
  }

  async recordRegrade(
    tx: EntityManager,
    r: { attemptId: string; correctionId: string; previousStatus: AttemptStatus; status: AttemptStatus; previousScore: number | null; score: number | null; previousPassed: boolean | null; passed: boolean | null },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO attempt_regrade (attempt_id, correction_id, previous_status, status, previous_score, score, previous_passed, passed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [r.attemptId, r.correctionId, r.previousStatus, r.status, r.previousScore, r.score, r.previousPassed, r.passed],
    );
  }

  /** Submitted attempts still waiting for grading after `olderThanMs` (their job may have been lost). */
  async stuckSubmittedIds(olderThanMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM attempt WHERE status = 'submitted' AND submitted_at < now() - make_interval(secs => $1) ORDER BY submitted_at LIMIT $2`,
      [olderThanMs / 1000, limit],
    );
    return rows.map((r) => r.id);
  }

  // --- exam lesson credit -------------------------------------------------------------------

  /** Whether any attempt of any exam of the lesson by the student is passed (read under the student's ledger lock). */
  async lessonExamPassed(tx: EntityManager, lessonId: string, studentId: string): Promise<boolean> {
    const [row]: Array<{ passed: boolean }> = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM attempt a JOIN exam e ON e.id = a.exam_id WHERE e.lesson_id = $1 AND a.student_id = $2 AND a.passed) AS passed`,
      [lessonId, studentId],
    );
    return row.passed;
  }

  /** Exam lessons passed, per student: the ledger should credit each (at most what the lesson is worth). */
  passedExamLessons(): Promise<Array<{ studentId: string; lessonId: string }>> {
    return this.ds.query(
      `SELECT DISTINCT a.student_id AS "studentId", e.lesson_id AS "lessonId"
         FROM attempt a JOIN exam e ON e.id = a.exam_id
        WHERE a.passed AND e.lesson_id IS NOT NULL`,
    );
  }

  // --- answer-key corrections ---------------------------------------------------------------

  /**
   * Changes a question version's key in place (its revision goes up) and moves the answer-key
   * epoch on, in the correction's transaction: a first grading that read the keys before will not be written.
   */
  async correctKey(tx: EntityManager, versionId: string, answer: unknown): Promise<void> {
    await tx.query(`UPDATE question_version SET answer = $2, key_revision = key_revision + 1 WHERE id = $1`, [versionId, JSON.stringify(answer)]);
    await tx.query(`UPDATE answer_key_epoch SET epoch = epoch + 1`);
  }

  /** Every attempt that holds the question version, whatever its state. */
  async attemptsHoldingVersion(tx: EntityManager, versionId: string): Promise<string[]> {
    const rows: Array<{ attempt_id: string }> = await tx.query(`SELECT DISTINCT attempt_id FROM attempt_item WHERE question_version_id = $1`, [versionId]);
    return rows.map((r) => r.attempt_id);
  }

  async insertCorrection(tx: EntityManager, values: Partial<AnswerKeyCorrection>): Promise<AnswerKeyCorrection> {
    const repo = tx.getRepository(AnswerKeyCorrection);
    const correction = repo.create(values);
    await repo.insert(correction);
    return correction;
  }

  /** A question's corrections, newest first. */
  correctionsOf(questionId: string): Promise<AnswerKeyCorrection[]> {
    return this.ds.getRepository(AnswerKeyCorrection).find({ where: { questionId }, order: { createdAt: 'DESC' } });
  }

  /** Per correction: the attempts regraded so far, and how many of them changed score or result. */
  async regradeCounts(correctionIds: string[]): Promise<Map<string, { regraded: number; changed: number }>> {
    const rows: Array<{ correction_id: string; regraded: number; changed: number }> = await this.ds.query(
      `SELECT correction_id, COUNT(*)::int AS regraded,
              COUNT(*) FILTER (WHERE score IS DISTINCT FROM previous_score OR passed IS DISTINCT FROM previous_passed)::int AS changed
         FROM attempt_regrade WHERE correction_id = ANY($1::uuid[]) GROUP BY correction_id`,
      [correctionIds],
    );
    return new Map(rows.map((r) => [r.correction_id, { regraded: r.regraded, changed: r.changed }]));
  }

  /** Regrades of recent corrections (a week) older than `olderThanMs` that have not run. */
  missingRegrades(olderThanMs: number, limit: number): Promise<Array<{ attemptId: string; correctionId: string }>> {
    return this.ds.query(
      `SELECT x.attempt_id AS "attemptId", c.id AS "correctionId"
         FROM answer_key_correction c CROSS JOIN LATERAL unnest(c.affected_attempt_ids) AS x(attempt_id)
        WHERE c.created_at > now() - interval '7 days' AND c.created_at < now() - make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM attempt_regrade r WHERE r.attempt_id = x.attempt_id AND r.correction_id = c.id)
        LIMIT $2`,
      [olderThanMs / 1000, limit],
    );
  }

  // --- reviews ------------------------------------------------------------------------------

  async listReviews(f: { status?: ReviewStatus; examId?: string; limit: number; offset: number }): Promise<{ items: ReviewRecord[]; total: number }> {
    const where: string[] = ['TRUE'];
    const params: unknown[] = [];
    if (f.status) where.push(`t.status = $${params.push(f.status)}`);
    if (f.examId) where.push(`a.exam_id = $${params.push(f.examId)}`);
    const [{ total }] = await this.ds.query(`SELECT COUNT(*)::int AS total FROM ${REVIEW_FROM} WHERE ${where.join(' AND ')}`, params);
    const items = await this.ds.query(
      `SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM} WHERE ${where.join(' AND ')}
        ORDER BY t.created_at, t.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items, total };
  }

  async findReview(id: string, tx: EntityManager = this.ds.manager): Promise<ReviewRecord | null> {
    const rows: ReviewRecord[] = await tx.query(`SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM} WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Records a trainer's mark on a pending review (locked); false when it was already done. */
  async completeReview(tx: EntityManager, id: string, r: { score: number; comment: string | null; reviewerId: string }): Promise<boolean> {
    const rows = returnedRows(
      await tx.query(
        `UPDATE review_task SET status = 'done', score = $2, comment = $3, reviewer_id = $4, reviewed_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING id`,
        [id, r.score, r.comment, r.reviewerId],
      ),
    );
    return rows.length > 0;
  }
}
