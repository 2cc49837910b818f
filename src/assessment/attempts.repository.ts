import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AnswerKey, QuestionOption, QuestionType } from '@lms/grading';
import { DataSource, EntityManager } from 'typeorm';
import type { AttemptStatus, Submitter } from './entities/attempt.entity';
import type { ReviewPolicy } from './entities/exam.entity';
import type { ChoiceScoring } from './entities/question-version.entity';
import { preparedQuery } from '../common/prepared-query';
import { returnedRows } from '../common/returned-rows';
import type { OutboxEntry } from '../jobs/job-outbox.service';
import { recordJobSql } from '../jobs/outbox.repository';
import { MAY_TAKE } from './exams.repository';

/** An attempt with what its views need of the exam. */
export interface AttemptRow {
  id: string;
  examId: string;
  studentId: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: Date;
  deadline: Date;
  submittedAt: Date | null;
  submittedBy: Submitter | null;
  gradedAt: Date | null;
  score: number | null;
  maxScore: number;
  passed: boolean | null;
  examTitle: string;
  reviewPolicy: ReviewPolicy;
  closesAt: Date | null;
  passScore: number;
  now: Date;
}

/** An attempt's question as shown: never the key unless asked for (`reveal`). */
export interface ItemRow {
  questionId: string;
  position: number;
  type: QuestionType;
  points: number;
  optionOrder: string[] | null;
  answer: unknown;
  clientSeq: string;
  savedAt: Date | null;
  stem: string;
  options: QuestionOption[] | null;
  scoring: ChoiceScoring | null;
  blanks: number | null;
  /** Only with `reveal`: */
  score?: number | null;
  correct?: boolean | null;
  detail?: unknown;
  key?: AnswerKey;
  explanation?: string | null;
}

export interface StartState {
  now: Date;
  used: number;
  openId: string | null;
  allowed: boolean;
}

export interface NewItem {
  questionId: string;
  position: number;
  questionVersionId: string;
  type: QuestionType;
  points: number;
  optionOrder: string[] | null;
}

export interface AnswerState {
  studentId: string;
  status: AttemptStatus;
  overdue: boolean;
  itemType: QuestionType | null;
  clientSeq: string | null;
  savedAt: Date | null;
}

const ATTEMPT_COLUMNS = `a.id, a.exam_id AS "examId", a.student_id AS "studentId", a.attempt_no AS "attemptNo", a.status,
  a.started_at AS "startedAt", a.deadline, a.submitted_at AS "submittedAt", a.submitted_by AS "submittedBy",
  a.graded_at AS "gradedAt", a.score, a.max_score AS "maxScore", a.passed`;

/** Attempts and their items: the hot paths (start, autosave, submit) are one or two statements each. */
@Injectable()
export class AttemptsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}


  /**
   * Starts an attempt in one statement (one transaction, one round trip): reads the server
   * time, the attempts used, the open attempt and whether the student may take the exam, and
   * only when every rule holds inserts the attempt (deadline from the database clock, capped by
   * the exam's close), its items and its auto-submit job's outbox row. Concurrent starts of one
   * student are decided by the unique indexes. `attemptNo` is null when nothing was inserted;
   * the state says why.
   */
  async start(
    a: { id: string; examId: string; studentId: string; timeLimitSeconds: number; opensAt: Date | null; closesAt: Date | null; maxAttempts: number; maxScore: number },
    items: NewItem[],
    job: OutboxEntry,
  ): Promise<StartState & { attemptNo: number | null; startedAt: Date | null; deadline: Date | null }> {
    const [row] = await preparedQuery<StartState & { attemptNo: number | null; startedAt: Date | null; deadline: Date | null }>(
      this.ds,
      'attempt-start',
      `WITH st AS (
         SELECT now() AS now,
                (SELECT COUNT(*)::int FROM attempt WHERE exam_id = $1 AND student_id = $2) AS used,
                (SELECT id FROM attempt WHERE exam_id = $1 AND student_id = $2 AND status = 'in_progress') AS open_id,
                EXISTS (SELECT 1 FROM exam e WHERE e.id = $1 AND ${MAY_TAKE('$2')}) AS allowed
       ), ins AS (
         INSERT INTO attempt (id, exam_id, student_id, attempt_no, status, started_at, deadline, max_score)
         SELECT $3, $1, $2, st.used + 1, 'in_progress', st.now,
                LEAST(st.now + make_interval(secs => $4), COALESCE($5::timestamptz, 'infinity')), $6
           FROM st
          WHERE st.open_id IS NULL AND st.allowed AND st.used < $7
            AND ($8::timestamptz IS NULL OR st.now >= $8) AND ($5::timestamptz IS NULL OR st.now < $5)
         ON CONFLICT DO NOTHING
         RETURNING id, attempt_no, started_at, deadline
       ), items AS (
         INSERT INTO attempt_item (attempt_id, question_id, position, question_version_id, type, points, option_order)
         SELECT ins.id, x.question_id, x.position, x.version_id, x.type, x.points,
                CASE WHEN x.option_order IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(x.option_order)) END
           FROM ins, unnest($9::uuid[], $10::int[], $11::uuid[], $12::text[], $13::int[], $14::jsonb[])
                AS x(question_id, position, version_id, type, points, option_order)
       ), job AS (
         ${recordJobSql('ins', { jobName: '$15', jobId: '$16', payload: '$17', runAt: 'ins.deadline' })}
       )
       SELECT st.now, st.used, st.open_id AS "openId", st.allowed,
              ins.attempt_no AS "attemptNo", ins.started_at AS "startedAt", ins.deadline
         FROM st LEFT JOIN ins ON TRUE`,
      [
        a.examId,
        a.studentId,
        a.id,
        a.timeLimitSeconds,
        a.closesAt,
        a.maxScore,
        a.maxAttempts,
        a.opensAt,
        items.map((i) => i.questionId),
        items.map((i) => i.position),
        items.map((i) => i.questionVersionId),
        items.map((i) => i.type),
        items.map((i) => i.points),
        items.map((i) => (i.optionOrder ? JSON.stringify(i.optionOrder) : null)),
        job.jobName,
        job.jobId,
        JSON.stringify(job.payload),
      ],
    );
    return row;
  }

  async findOpenAttemptId(examId: string, studentId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.ds.query(`SELECT id FROM attempt WHERE exam_id = $1 AND student_id = $2 AND status = 'in_progress'`, [
      examId,
      studentId,
    ]);
    return rows[0]?.id ?? null;
  }

  async findAttempt(id: string): Promise<AttemptRow | null> {
    const rows = await preparedQuery<AttemptRow>(
      this.ds,
      'attempt-find',
      `SELECT ${ATTEMPT_COLUMNS}, e.title AS "examTitle", e.review_policy AS "reviewPolicy", e.closes_at AS "closesAt",
              e.pass_score AS "passScore", now() AS now
         FROM attempt a JOIN exam e ON e.id = a.exam_id WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The attempt's questions in order; keys, explanations and marks only when `reveal`. */
  async items(attemptId: string, reveal: boolean): Promise<ItemRow[]> {
    const revealed = reveal ? `, i.score, i.correct, i.detail, v.answer AS key, v.explanation` : '';
    return preparedQuery<ItemRow>(
      this.ds,
      reveal ? 'attempt-items-revealed' : 'attempt-items',
      `SELECT i.question_id AS "questionId", i.position, i.type, i.points, i.option_order AS "optionOrder", i.answer,
              i.client_seq AS "clientSeq", i.saved_at AS "savedAt", v.stem, v.options, v.scoring,
              CASE WHEN i.type = 'fill_blank' THEN jsonb_array_length(v.answer) END AS blanks ${revealed}
         FROM attempt_item i JOIN question_version v ON v.id = i.question_version_id
        WHERE i.attempt_id = $1 ORDER BY i.position`,
      [attemptId],
    );
  }

  /**
   * Autosave in one statement: writes only while the attempt is the student's, open and before
   * its deadline, only a newer client sequence number, and only an answer of the question's
   * shape. The attempt row is share-locked, so a submit waits for a save in flight and a save
   * after the submit sees it. Returns null when nothing was written (see answerState).
   */
  async saveAnswer(
    attemptId: string,
    studentId: string,
    questionId: string,
    answerJson: string,
    clientSeq: number,
    types: readonly QuestionType[],
  ): Promise<{ clientSeq: string; savedAt: Date } | null> {
    const rows = await preparedQuery<{ clientSeq: string; savedAt: Date }>(
      this.ds,
      'attempt-save-answer',
      `WITH a AS (
         SELECT id FROM attempt WHERE id = $1 AND student_id = $2 AND status = 'in_progress' AND deadline > now() FOR SHARE
       )
       UPDATE attempt_item i SET answer = NULLIF($4::jsonb, 'null'::jsonb), client_seq = $5, saved_at = now()
         FROM a
        WHERE i.attempt_id = a.id AND i.question_id = $3 AND i.client_seq < $5 AND i.type = ANY($6::text[])
        RETURNING i.client_seq AS "clientSeq", i.saved_at AS "savedAt"`,
      [attemptId, studentId, questionId, answerJson, clientSeq, types],
    );
    return rows[0] ?? null;
  }

  /** Why an autosave wrote nothing. */
  async answerState(attemptId: string, questionId: string): Promise<AnswerState | null> {
    const rows = await preparedQuery<AnswerState>(
      this.ds,
      'attempt-answer-state',
      `SELECT a.student_id AS "studentId", a.status, a.deadline <= now() AS overdue, i.type AS "itemType",
              i.client_seq AS "clientSeq", i.saved_at AS "savedAt"
         FROM attempt a LEFT JOIN attempt_item i ON i.attempt_id = a.id AND i.question_id = $2
        WHERE a.id = $1`,
      [attemptId, questionId],
    );
    return rows[0] ?? null;
  }

  /**
   * in_progress → submitted by the student, with the grading job's outbox row, in one statement
   * (one transaction, one round trip); null when it was not the student's open attempt.
   */
  async submit(attemptId: string, studentId: string, job: OutboxEntry): Promise<Date | null> {
    const rows = await preparedQuery<{ submittedAt: Date }>(
      this.ds,
      'attempt-submit',
      `WITH s AS (
         UPDATE attempt SET status = 'submitted', submitted_at = now(), submitted_by = 'student'
          WHERE id = $1 AND student_id = $2 AND status = 'in_progress' RETURNING submitted_at
       ), job AS (
         ${recordJobSql('s', { jobName: '$3', jobId: '$4', payload: '$5' })}
       )
       SELECT submitted_at AS "submittedAt" FROM s`,
      [attemptId, studentId, job.jobName, job.jobId, JSON.stringify(job.payload)],
    );
    return rows[0]?.submittedAt ?? null;
  }

  /** in_progress → submitted once the deadline has passed (database clock); false when not due or already closed. */
  async closeOverdue(tx: EntityManager, attemptId: string, by: Submitter): Promise<boolean> {
    const rows = returnedRows(
      await tx.query(
        `UPDATE attempt SET status = 'submitted', submitted_at = now(), submitted_by = $2
          WHERE id = $1 AND status = 'in_progress' AND deadline <= now() RETURNING id`,
        [attemptId, by],
      ),
    );
    return rows.length > 0;
  }

  async statusOf(attemptId: string): Promise<{ studentId: string; status: AttemptStatus; submittedAt: Date | null; overdue: boolean } | null> {
    const rows = await this.ds.query(
      `SELECT student_id AS "studentId", status, submitted_at AS "submittedAt", deadline <= now() AS overdue FROM attempt WHERE id = $1`,
      [attemptId],
    );
    return rows[0] ?? null;
  }

  /** Open attempts whose deadline passed more than `graceMs` ago (their delayed job should have closed them). */
  async overdueIds(graceMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM attempt WHERE status = 'in_progress' AND deadline <= now() - make_interval(secs => $1) ORDER BY deadline LIMIT $2`,
      [graceMs / 1000, limit],
    );
    return rows.map((r) => r.id);
  }
}
