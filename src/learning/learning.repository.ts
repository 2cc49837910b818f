import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Interval, Refusal } from '@lms/watch-time';
import { DataSource, EntityManager } from 'typeorm';
import type { CourseSystemCode } from '../catalog/entities/course-system.entity';
import { preparedQuery } from '../common/prepared-query';
import { returnedRows } from '../common/returned-rows';
import { inTransaction } from '../common/transaction';
import type { LessonProgress, ProgressState } from './entities/lesson-progress.entity';

/** The server's clock, read from PostgreSQL so that every API replica agrees on it. */
const NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::float8`;

const PROGRESS_COLUMNS = `student_id AS "studentId", lesson_id AS "lessonId", course_id AS "courseId", state, watched,
  watched_seconds AS "watchedSeconds", credited_minutes AS "creditedMinutes", furthest_second AS "furthestSecond", duration_seconds AS "durationSeconds",
  opened_at AS "openedAt", completed_at AS "completedAt", updated_at AS "updatedAt"`;

/** An active session with its lesson's progress, both locked for one heartbeat batch. */
export interface LockedSession {
  id: string;
  studentId: string;
  mediaId: string;
  lessonId: string;
  courseId: string;
  systemCode: CourseSystemCode;
  durationSeconds: number;
  allowSkipAhead: boolean;
  creditMinutes: number;
  lastClientSeq: number;
  lastAtMs: number;
  watched: Interval[];
  furthestSecond: number;
  state: ProgressState;
  nowMs: number;
}

export interface SessionWrite {
  id: string;
  lastClientSeq: number;
  lastAtMs: number;
  accepted: number;
  creditedSeconds: number;
}

export interface ProgressWrite {
  studentId: string;
  lessonId: string;
  watched: Interval[];
  watchedSeconds: number;
  furthestSecond: number;
  state: ProgressState;
  atMs: number;
}

export interface HeartbeatLogWrite {
  sessionId: string;
  clientSeq: number;
  atMs: number;
  accepted: boolean;
  visible: boolean;
  playbackRate: number;
  claimed: Interval[];
  credited: Interval[];
  creditedSeconds: number;
  refused: Refusal[];
}

export interface NewSession {
  studentId: string;
  lessonId: string;
  courseId: string;
  mediaId: string;
  systemCode: CourseSystemCode;
  durationSeconds: number;
  allowSkipAhead: boolean;
  creditMinutes: number;
}

export interface OpenedSession {
  sessionId: string;
  watched: Interval[];
  furthestSecond: number;
  state: ProgressState;
}

type ProgressRow = LessonProgress & { nowMs: number };

@Injectable()
export class LearningRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Locks the given sessions that are still active, and their progress rows, in id order (so that
   * concurrent batches, on this replica or another, never deadlock), and reads the server clock.
   */
  lockActiveSessions(tx: EntityManager, ids: string[]): Promise<LockedSession[]> {
    return preparedQuery<LockedSession>(
      tx,
      'heartbeat-lock-sessions',
      `SELECT s.id, s.student_id AS "studentId", s.media_id AS "mediaId", s.lesson_id AS "lessonId", s.course_id AS "courseId", s.system_code AS "systemCode",
              s.duration_seconds AS "durationSeconds", s.allow_skip_ahead AS "allowSkipAhead",
              s.credit_minutes AS "creditMinutes", s.last_client_seq AS "lastClientSeq",
              (extract(epoch from s.last_heartbeat_at) * 1000)::float8 AS "lastAtMs",
              p.watched, p.furthest_second AS "furthestSecond", p.state, ${NOW_MS} AS "nowMs"
         FROM playback_session s
         JOIN lesson_progress p ON p.student_id = s.student_id AND p.lesson_id = s.lesson_id
        WHERE s.id = ANY($1::uuid[]) AND s.status = 'active'
        ORDER BY s.id
          FOR UPDATE OF s, p`,
      [ids],
    );
  }

  /** Who owns the given sessions and whether they are still active (for those lockActiveSessions skipped). */
  sessionStatuses(tx: EntityManager, ids: string[]): Promise<Array<{ id: string; studentId: string; status: string }>> {
    return tx.query(`SELECT id, student_id AS "studentId", status FROM playback_session WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * One statement for a whole batch: session clocks, progress, and the audit log. Both batch
   * statements are prepared: at moderate load batches are small, and planning them was a quarter of
   * PostgreSQL's CPU per heartbeat (docs/benchmarks.md).
   */
  async writeHeartbeats(tx: EntityManager, sessions: SessionWrite[], progress: ProgressWrite[], logs: HeartbeatLogWrite[]): Promise<void> {
    await preparedQuery(
      tx,
      'heartbeat-write',
      `WITH s AS (
         UPDATE playback_session t
            SET last_client_seq = u."lastClientSeq", last_heartbeat_at = to_timestamp(u."lastAtMs" / 1000),
                heartbeat_count = t.heartbeat_count + u.accepted, credited_seconds = t.credited_seconds + u."creditedSeconds"
           FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, "lastClientSeq" int, "lastAtMs" float8, accepted int, "creditedSeconds" float8)
          WHERE t.id = u.id
       ), p AS (
         UPDATE lesson_progress t
            SET watched = u.watched, watched_seconds = u."watchedSeconds", furthest_second = u."furthestSecond", state = u.state,
                completed_at = CASE WHEN u.state = 'completed' THEN COALESCE(t.completed_at, to_timestamp(u."atMs" / 1000)) END,
                updated_at = to_timestamp(u."atMs" / 1000)
           FROM jsonb_to_recordset($2::jsonb) AS u("studentId" uuid, "lessonId" uuid, watched jsonb, "watchedSeconds" float8,
                                                    "furthestSecond" float8, state text, "atMs" float8)
          WHERE t.student_id = u."studentId" AND t.lesson_id = u."lessonId"
       )
       INSERT INTO heartbeat_log (session_id, client_seq, received_at, accepted, visible, playback_rate, claimed, credited, credited_seconds, refused)
       SELECT u."sessionId", u."clientSeq", to_timestamp(u."atMs" / 1000), u.accepted, u.visible, u."playbackRate",
              u.claimed, u.credited, u."creditedSeconds", u.refused
         FROM jsonb_to_recordset($3::jsonb) AS u("sessionId" uuid, "clientSeq" int, "atMs" float8, accepted boolean, visible boolean,
                                                  "playbackRate" real, claimed jsonb, credited jsonb, "creditedSeconds" float8, refused jsonb)`,
      [JSON.stringify(sessions), JSON.stringify(progress), JSON.stringify(logs)],
    );
  }

  /**
   * Opens a session: ends the student's active one (whose heartbeats then get 409), makes sure the
   * progress row exists, and starts the new session's clock now. Opens of one student are serialised
   * by an advisory lock; row locks are taken session first, then progress, as heartbeat batches do.
   */
  openSession(s: NewSession): Promise<OpenedSession> {
    return inTransaction(this.ds, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('playback:' || $1::text, 0))`, [s.studentId]);
      await tx.query(`UPDATE playback_session SET status = 'ended', ended_at = clock_timestamp() WHERE student_id = $1 AND status = 'active'`, [
        s.studentId,
      ]);
      const [progress]: Array<Omit<OpenedSession, 'sessionId'>> = await tx.query(
        `INSERT INTO lesson_progress (student_id, lesson_id, course_id, duration_seconds) VALUES ($1, $2, $3, $4)
         ON CONFLICT (student_id, lesson_id) DO UPDATE SET duration_seconds = EXCLUDED.duration_seconds, course_id = EXCLUDED.course_id
         RETURNING watched, furthest_second AS "furthestSecond", state`,
        [s.studentId, s.lessonId, s.courseId, s.durationSeconds],
      );
      const [session]: Array<{ id: string }> = await tx.query(
        `INSERT INTO playback_session (student_id, lesson_id, course_id, media_id, system_code, duration_seconds, allow_skip_ahead, credit_minutes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [s.studentId, s.lessonId, s.courseId, s.mediaId, s.systemCode, s.durationSeconds, s.allowSkipAhead, s.creditMinutes],
      );
      return { sessionId: session.id, ...progress };
    });
  }

  /** The progress row, created on first opening (the first opening time is kept). */
  async openProgress(studentId: string, lessonId: string, courseId: string): Promise<ProgressRow> {
    const [row]: ProgressRow[] = await this.ds.query(
      `INSERT INTO lesson_progress (student_id, lesson_id, course_id) VALUES ($1, $2, $3)
       ON CONFLICT (student_id, lesson_id) DO UPDATE SET course_id = EXCLUDED.course_id
       RETURNING ${PROGRESS_COLUMNS}, ${NOW_MS} AS "nowMs"`,
      [studentId, lessonId, courseId],
    );
    return row;
  }

  async lockProgress(tx: EntityManager, studentId: string, lessonId: string): Promise<ProgressRow | null> {
    const rows: ProgressRow[] = await tx.query(
      `SELECT ${PROGRESS_COLUMNS}, ${NOW_MS} AS "nowMs" FROM lesson_progress WHERE student_id = $1 AND lesson_id = $2 FOR UPDATE`,
      [studentId, lessonId],
    );
    return rows[0] ?? null;
  }

  async markCompleted(tx: EntityManager, studentId: string, lessonId: string, atMs: number): Promise<void> {
    await tx.query(
      `UPDATE lesson_progress SET state = 'completed', completed_at = to_timestamp($3::float8 / 1000), updated_at = to_timestamp($3::float8 / 1000)
        WHERE student_id = $1 AND lesson_id = $2`,
      [studentId, lessonId, atMs],
    );
  }

  async setCreditedMinutes(tx: EntityManager, studentId: string, lessonId: string, minutes: number): Promise<void> {
    await tx.query(`UPDATE lesson_progress SET credited_minutes = $3 WHERE student_id = $1 AND lesson_id = $2`, [studentId, lessonId, minutes]);
  }

  /** What lesson completions credited, per student and lesson, for the ledger's verification. */
  completionCredits(): Promise<Array<{ studentId: string; lessonId: string; minutes: number }>> {
    return this.ds.query(
      `SELECT student_id AS "studentId", lesson_id AS "lessonId", credited_minutes AS minutes FROM lesson_progress
        WHERE state = 'completed' AND credited_minutes > 0`,
    );
  }

  progressFor(studentId: string, lessonIds: string[]): Promise<LessonProgress[]> {
    return this.ds.query(`SELECT ${PROGRESS_COLUMNS} FROM lesson_progress WHERE student_id = $1 AND lesson_id = ANY($2::uuid[])`, [
      studentId,
      lessonIds,
    ]);
  }

  // --- revocation (unenrolment) ----------------------------------------------------------------

  /**
   * Revokes the student's playback sessions of a course, active or ended, in the caller's
   * transaction: their heartbeats and stream links are refused from the commit on.
   */
  async revokeSessions(tx: EntityManager, courseId: string, studentId: string): Promise<number> {
    const rows = returnedRows(
      await tx.query(
        `UPDATE playback_session SET status = 'revoked', ended_at = COALESCE(ended_at, clock_timestamp())
          WHERE course_id = $1 AND student_id = $2 AND status <> 'revoked' RETURNING id`,
        [courseId, studentId],
      ),
    );
    return rows.length;
  }

  /** The status of a session a stream link names, if it is that student's session of that media. */
  async streamSessionStatus(sessionId: string, studentId: string, mediaId: string): Promise<string | null> {
    const rows = await preparedQuery<{ status: string }>(
      this.ds,
      'stream-session-status',
      `SELECT status FROM playback_session WHERE id = $1 AND student_id = $2 AND media_id = $3`,
      [sessionId, studentId, mediaId],
    );
    return rows[0]?.status ?? null;
  }

  // --- heartbeat log partitions -------------------------------------------------------------

  /** Creates the monthly partitions of heartbeat_log holding `from` and the `monthsAhead` months after it, where missing. */
  async ensureHeartbeatLogPartitions(monthsAhead: number): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.ds.query(
      `SELECT heartbeat_log_ensure_partition(now() + make_interval(months => g)) AS name FROM generate_series(0, $1::int) AS g`,
      [monthsAhead],
    );
    return rows.map((r) => r.name);
  }

  /** The partitions of heartbeat_log and the end of the month each holds (exclusive). */
  async heartbeatLogPartitions(): Promise<Array<{ name: string; monthEnd: Date }>> {
    const rows: Array<{ name: string }> = await this.ds.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'heartbeat_log'::regclass ORDER BY c.relname`,
    );
    const out: Array<{ name: string; monthEnd: Date }> = [];
    for (const { name } of rows) {
      const m = /^heartbeat_log_y(\d{4})m(\d{2})$/.exec(name);
      if (m) out.push({ name, monthEnd: new Date(Date.UTC(Number(m[1]), Number(m[2]), 1)) });
    }
    return out;
  }

  /**
   * Drops one partition of heartbeat_log. Dropping locks the parent table briefly: give up after a
   * few seconds rather than hold heartbeats up behind a long transaction (the next round tries again).
   */
  async dropHeartbeatLogPartition(name: string): Promise<void> {
    if (!/^heartbeat_log_y\d{4}m\d{2}$/.test(name)) throw new Error(`not a heartbeat log partition: ${name}`);
    await inTransaction(this.ds, async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '5s'`);
      await tx.query(`DROP TABLE IF EXISTS "${name}"`);
    });
  }
}
