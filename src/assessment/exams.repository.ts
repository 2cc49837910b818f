import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DrawCandidate, QuestionOption } from '@lms/grading';
import { DataSource, EntityManager } from 'typeorm';
import type { AttemptStatus } from './entities/attempt.entity';
import type { ChoiceScoring } from './entities/question-version.entity';
import { Exam } from './entities/exam.entity';

/** A question of the draw pool with what an attempt freezes and shows of its current version (never its key). */
export interface PoolQuestion extends DrawCandidate {
  versionId: string;
  points: number;
  options: QuestionOption[] | null;
  stem: string;
  scoring: ChoiceScoring | null;
  blanks: number | null;
}

export interface AttemptSummary {
  id: string;
  examId: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: Date;
  deadline: Date;
  submittedAt: Date | null;
  score: number | null;
  maxScore: number;
  passed: boolean | null;
}

/**
 * SQL condition: student $S may take exam e (enrolled in the exam lesson's course; in one of its
 * cohorts), through the views catalog and identity publish for it: one query on the start path.
 */
export const MAY_TAKE = (s: string) => `(e.lesson_id IS NULL OR EXISTS (
    SELECT 1 FROM catalog_enrolled_lesson el WHERE el.lesson_id = e.lesson_id AND el.student_id = ${s}))
  AND (cardinality(e.cohort_ids) = 0 OR (SELECT u.cohort_id FROM identity_directory u WHERE u.id = ${s}) = ANY(e.cohort_ids))`;

@Injectable()
export class ExamsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insertExam(values: Partial<Exam>, tx: EntityManager = this.ds.manager): Promise<Exam> {
    const repo = tx.getRepository(Exam);
    const exam = repo.create(values);
    await repo.insert(exam);
    return exam;
  }

  /** Inserts unless an exam with the seed key exists; returns whether it was new. */
  async insertSeededExam(tx: EntityManager, values: Partial<Exam> & { seedKey: string }): Promise<boolean> {
    const res = await tx.createQueryBuilder().insert().into(Exam).values(values).orIgnore().returning('id').execute();
    return res.raw.length > 0;
  }

  async seedKeyExists(tx: EntityManager, seedKey: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM exam WHERE seed_key = $1`, [seedKey]);
    return rows.length > 0;
  }

  findExam(id: string): Promise<Exam | null> {
    return this.ds.getRepository(Exam).findOneBy({ id });
  }

  listExams(limit: number, offset: number): Promise<[Exam[], number]> {
    return this.ds.getRepository(Exam).findAndCount({ order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  async listExamsFor(studentId: string, limit: number, offset: number): Promise<[Exam[], number]> {
    const [{ total }] = await this.ds.query(`SELECT COUNT(*)::int AS total FROM exam e WHERE ${MAY_TAKE('$1')}`, [studentId]);
    const ids: Array<{ id: string }> = await this.ds.query(
      `SELECT e.id FROM exam e WHERE ${MAY_TAKE('$1')} ORDER BY e.created_at, e.id LIMIT $2 OFFSET $3`,
      [studentId, limit, offset],
    );
    const exams = ids.length ? await this.ds.getRepository(Exam).findBy(ids.map((r) => ({ id: r.id }))) : [];
    const byId = new Map(exams.map((e) => [e.id, e]));
    return [ids.map((r) => byId.get(r.id) as Exam), total];
  }

  async mayTake(examId: string, studentId: string, tx: EntityManager = this.ds.manager): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM exam e WHERE e.id = $1 AND ${MAY_TAKE('$2')}`, [examId, studentId]);
    return rows.length > 0;
  }

  /** The questions of the given banks in a stable order, with their current versions. */
  async drawPool(bankIds: string[]): Promise<PoolQuestion[]> {
    const rows: Array<Omit<PoolQuestion, 'bankId' | 'versionId'> & { bank_id: string; version_id: string }> = await this.ds.query(
      `SELECT q.id, q.bank_id, q.type, q.tags, q.difficulty, q.current_version_id AS version_id, v.points, v.options, v.stem, v.scoring,
              CASE WHEN v.type = 'fill_blank' THEN jsonb_array_length(v.answer) END AS blanks
         FROM question q JOIN question_version v ON v.id = q.current_version_id
        WHERE q.bank_id = ANY($1::uuid[]) ORDER BY q.created_at, q.id`,
      [bankIds],
    );
    return rows.map(({ bank_id, version_id, ...r }) => ({ ...r, bankId: bank_id, versionId: version_id }));
  }

  /** The draw pool's candidates seen from inside a transaction (the seed import checks questions it has just written). */
  async drawCandidatesIn(tx: EntityManager, bankIds: string[]): Promise<DrawCandidate[]> {
    const rows: Array<{ id: string; bank_id: string; type: never; tags: string[]; difficulty: never }> = await tx.query(
      `SELECT id, bank_id, type, tags, difficulty FROM question WHERE bank_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [bankIds],
    );
    return rows.map((r) => ({ id: r.id, bankId: r.bank_id, type: r.type, tags: r.tags, difficulty: r.difficulty }));
  }

  async existingBankIds(ids: string[], tx: EntityManager = this.ds.manager): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM question_bank WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** A student's attempts at the given exams, oldest first. */
  async attemptsOf(studentId: string, examIds: string[]): Promise<AttemptSummary[]> {
    if (examIds.length === 0) return [];
    return this.ds.query(
      `SELECT id, exam_id AS "examId", attempt_no AS "attemptNo", status, started_at AS "startedAt", deadline,
              submitted_at AS "submittedAt", score, max_score AS "maxScore", passed
         FROM attempt WHERE student_id = $1 AND exam_id = ANY($2::uuid[]) ORDER BY exam_id, attempt_no`,
      [studentId, examIds],
    );
  }

  /** Every attempt at an exam (staff), newest first. */
  async attemptsAt(examId: string, limit: number, offset: number): Promise<{ items: Array<AttemptSummary & { studentId: string; username: string }>; total: number }> {
    const [{ total }] = await this.ds.query(`SELECT COUNT(*)::int AS total FROM attempt WHERE exam_id = $1`, [examId]);
    const items = await this.ds.query(
      `SELECT a.id, a.exam_id AS "examId", a.attempt_no AS "attemptNo", a.status, a.started_at AS "startedAt", a.deadline,
              a.submitted_at AS "submittedAt", a.score, a.max_score AS "maxScore", a.passed, a.student_id AS "studentId", u.username
         FROM attempt a JOIN identity_directory u ON u.id = a.student_id
        WHERE a.exam_id = $1 ORDER BY a.started_at DESC, a.id LIMIT $2 OFFSET $3`,
      [examId, limit, offset],
    );
    return { items, total };
  }
}
