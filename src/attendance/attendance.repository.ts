import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { sessionOverlap } from './attendance.errors';
import { AttendanceChange } from './entities/attendance-change.entity';
import { Attendance } from './entities/attendance.entity';
import { ClassSession } from './entities/class-session.entity';

export type NewAttendance = Pick<Attendance, 'sessionId' | 'studentId' | 'status' | 'source' | 'checkedInAt' | 'creditedMinutes' | 'note' | 'updatedBy'>;
export type NewAttendanceChange = Omit<AttendanceChange, 'id' | 'createdAt'>;

export interface RosterRow {
  studentId: string;
  username: string;
  displayName: string;
  enrolled: boolean;
  attendance: Attendance | null;
}

/** Counts of one session or one student over the held sessions of a course. */
export interface AttendanceCounts {
  present: number;
  late: number;
  absent: number;
  excused: number;
}

export interface SessionCountsRow extends AttendanceCounts {
  session: ClassSession;
}

export interface StudentCountsRow extends AttendanceCounts {
  studentId: string;
  username: string;
  displayName: string;
}

const COUNTS = `COUNT(*) FILTER (WHERE a.status = 'present')::int AS present,
                COUNT(*) FILTER (WHERE a.status = 'late')::int AS late,
                COUNT(*) FILTER (WHERE a.status = 'absent')::int AS absent,
                COUNT(*) FILTER (WHERE a.status = 'excused')::int AS excused`;

@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Inserts a session; a session of the same course at an overlapping time is refused by the exclusion constraint. */
  async insertSession(session: Partial<ClassSession>): Promise<ClassSession> {
    const repo = this.ds.getRepository(ClassSession);
    try {
      return await repo.save(repo.create(session));
    } catch (err) {
      const pg = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (err instanceof QueryFailedError && pg?.code === '23P01' && pg.constraint === 'ex_class_session_overlap') throw sessionOverlap();
      throw err;
    }
  }

  findSession(id: string): Promise<ClassSession | null> {
    return this.ds.getRepository(ClassSession).findOneBy({ id });
  }

  async listSessions(courseId: string, limit: number, offset: number): Promise<{ items: ClassSession[]; total: number }> {
    const [items, total] = await this.ds.getRepository(ClassSession).findAndCount({
      where: { courseId },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  /** Opens check-in (again, if it was closed); an open check-in keeps its opening time and author. */
  async openCheckIn(id: string, by: string, now: Date): Promise<ClassSession | null> {
    const reopen = `check_in_opened_at IS NULL OR check_in_closed_at IS NOT NULL`;
    const rows: Array<{ id: string }> = await this.ds.query(
      `UPDATE class_session
          SET check_in_opened_at = CASE WHEN ${reopen} THEN $2 ELSE check_in_opened_at END,
              check_in_opened_by = CASE WHEN ${reopen} THEN $3 ELSE check_in_opened_by END,
              check_in_closed_at = NULL, updated_at = now()
        WHERE id = $1 RETURNING id`,
      [id, now, by],
    );
    return rows.length > 0 ? this.findSession(id) : null;
  }

  async closeCheckIn(id: string, now: Date): Promise<void> {
    await this.ds.query(
      `UPDATE class_session SET check_in_closed_at = $2, updated_at = now()
        WHERE id = $1 AND check_in_opened_at IS NOT NULL AND check_in_closed_at IS NULL`,
      [id, now],
    );
  }

  findAttendance(sessionId: string, studentId: string, tx?: EntityManager): Promise<Attendance | null> {
    return (tx ?? this.ds.manager).getRepository(Attendance).findOneBy({ sessionId, studentId });
  }

  /** Row lock that serialises every change of one student's attendance at one session. */
  lockAttendance(tx: EntityManager, sessionId: string, studentId: string): Promise<Attendance | null> {
    return tx.getRepository(Attendance).findOne({ where: { sessionId, studentId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts the first record of a student at a session; null when one exists already (nothing written). */
  async insertAttendance(tx: EntityManager, row: NewAttendance): Promise<Attendance | null> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(Attendance)
      .values({ ...row, revision: 1 })
      .orIgnore()
      .returning('id')
      .execute();
    const id = inserted.raw[0]?.id as string | undefined;
    return id ? tx.getRepository(Attendance).findOneBy({ id }) : null;
  }

  async updateAttendance(tx: EntityManager, id: string, patch: Partial<Attendance>): Promise<Attendance> {
    await tx.getRepository(Attendance).update({ id }, patch);
    return tx.getRepository(Attendance).findOneByOrFail({ id });
  }

  /** Records that earned credit, with the minutes the ledger holds for them. */
  creditedAttendance(): Promise<Array<{ studentId: string; sessionId: string; minutes: number }>> {
    return this.ds.query(
      `SELECT student_id AS "studentId", session_id AS "sessionId", credited_minutes AS minutes FROM attendance WHERE credited_minutes > 0`,
    );
  }

  async insertChange(tx: EntityManager, change: NewAttendanceChange): Promise<void> {
    await tx.getRepository(AttendanceChange).insert(change);
  }

  changes(attendanceId: string): Promise<AttendanceChange[]> {
    return this.ds.getRepository(AttendanceChange).find({ where: { attendanceId }, order: { revision: 'ASC' } });
  }

  /** Whether the student is enrolled in the course, or already has a record at the session. */
  async isOnRoster(session: ClassSession, studentId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM catalog_enrolment WHERE course_id = $1 AND student_id = $2
       UNION ALL SELECT 1 FROM attendance WHERE session_id = $3 AND student_id = $2 LIMIT 1`,
      [session.courseId, studentId, session.id],
    );
    return rows.length > 0;
  }

  /** Every enrolled student, plus anyone with a record who has left the course since, with their record. */
  async roster(session: ClassSession, limit: number, offset: number): Promise<{ items: RosterRow[]; total: number }> {
    const students = `SELECT student_id FROM catalog_enrolment WHERE course_id = $1 UNION SELECT student_id FROM attendance WHERE session_id = $2`;
    const [{ total }] = await this.ds.query(`SELECT COUNT(*)::int AS total FROM (${students}) s`, [session.courseId, session.id]);
    const rows: Array<{ student_id: string; username: string; display_name: string; enrolled: boolean; attendance_id: string | null }> =
      await this.ds.query(
        `SELECT s.student_id, u.username, u.display_name, a.id AS attendance_id,
                EXISTS (SELECT 1 FROM catalog_enrolment e WHERE e.course_id = $1 AND e.student_id = s.student_id) AS enrolled
           FROM (${students}) s
           JOIN identity_directory u ON u.id = s.student_id
           LEFT JOIN attendance a ON a.session_id = $2 AND a.student_id = s.student_id
          ORDER BY u.username LIMIT $3 OFFSET $4`,
        [session.courseId, session.id, limit, offset],
      );
    const ids = rows.map((r) => r.attendance_id).filter((id): id is string => id !== null);
    const records = ids.length > 0 ? await this.ds.getRepository(Attendance).findBy({ id: In(ids) }) : [];
    const byId = new Map(records.map((r) => [r.id, r]));
    return {
      items: rows.map((r) => ({
        studentId: r.student_id,
        username: r.username,
        displayName: r.display_name,
        enrolled: r.enrolled,
        attendance: r.attendance_id ? (byId.get(r.attendance_id) ?? null) : null,
      })),
      total,
    };
  }

  /** Every session of a course with the counts of its enrolled students' records. */
  async sessionCounts(courseId: string): Promise<SessionCountsRow[]> {
    const sessions = await this.ds.getRepository(ClassSession).find({ where: { courseId }, order: { startsAt: 'ASC', id: 'ASC' } });
    if (sessions.length === 0) return [];
    const rows: Array<AttendanceCounts & { session_id: string }> = await this.ds.query(
      `SELECT a.session_id, ${COUNTS}
         FROM attendance a
         JOIN catalog_enrolment e ON e.course_id = $1 AND e.student_id = a.student_id
        WHERE a.session_id = ANY($2::uuid[])
        GROUP BY a.session_id`,
      [courseId, sessions.map((s) => s.id)],
    );
    const bySession = new Map(rows.map((r) => [r.session_id, r]));
    return sessions.map((session) => {
      const c = bySession.get(session.id);
      return { session, present: c?.present ?? 0, late: c?.late ?? 0, absent: c?.absent ?? 0, excused: c?.excused ?? 0 };
    });
  }

  /** Every enrolled student with the counts of their records at the given sessions. */
  async studentCounts(courseId: string, sessionIds: string[]): Promise<StudentCountsRow[]> {
    return this.ds.query(
      `SELECT u.id AS "studentId", u.username, u.display_name AS "displayName", ${COUNTS}
         FROM catalog_enrolment e
         JOIN identity_directory u ON u.id = e.student_id
         LEFT JOIN attendance a ON a.student_id = e.student_id AND a.session_id = ANY($2::uuid[])
        WHERE e.course_id = $1
        GROUP BY u.id, u.username, u.display_name ORDER BY u.username`,
      [courseId, sessionIds],
    );
  }

  async enrolledCount(courseId: string): Promise<number> {
    const [{ n }] = await this.ds.query(`SELECT COUNT(*)::int AS n FROM catalog_enrolment WHERE course_id = $1`, [courseId]);
    return n;
  }
}
