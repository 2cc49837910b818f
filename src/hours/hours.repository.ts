import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CourseSystemCode } from '../catalog/entities/course-system.entity';
import { HourEntry, HourSource } from './entities/hour-entry.entity';

export interface NewHourEntry {
  studentId: string;
  systemCode: CourseSystemCode;
  minutes: number;
  source: HourSource;
  referenceType?: string | null;
  referenceId?: string | null;
  courseId?: string | null;
  lessonId?: string | null;
  /** Unique per entry: writing the same key twice writes once. */
  idempotencyKey: string;
  reason?: string | null;
  authorId?: string | null;
}

/** What the ledger holds for one source's reference (one scenario, one class session, one lesson …) of one student. */
export interface ReferenceState {
  net: number;
  entries: number;
}

/** The net minutes of one (student, source, reference), as the ledger holds them. */
export interface LedgerNet {
  studentId: string;
  source: HourSource;
  referenceType: string;
  referenceId: string;
  minutes: number;
}

@Injectable()
export class HoursRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Serialises every write to one student's ledger (released when the transaction ends). */
  async lockStudent(tx: EntityManager, studentId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('hour-ledger:' || $1::text, 0))`, [studentId]);
  }

  /**
   * Appends an entry inside the caller's transaction; returns the entry, or
   * null when an entry with the same idempotency key exists (nothing written).
   */
  async append(tx: EntityManager, entry: NewHourEntry): Promise<HourEntry | null> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(HourEntry)
      .values({ referenceType: null, referenceId: null, courseId: null, lessonId: null, reason: null, authorId: null, ...entry })
      .orIgnore()
      .returning('id')
      .execute();
    const id = inserted.raw[0]?.id as string | undefined;
    return id ? tx.getRepository(HourEntry).findOneBy({ id }) : null;
  }

  async referenceState(tx: EntityManager, studentId: string, source: HourSource, referenceType: string, referenceId: string): Promise<ReferenceState> {
    const [row]: ReferenceState[] = await tx.query(
      `SELECT COALESCE(SUM(minutes), 0)::int AS net, COUNT(*)::int AS entries FROM hour_entry
        WHERE student_id = $1 AND reference_type = $3 AND reference_id = $4 AND source = $2`,
      [studentId, source, referenceType, referenceId],
    );
    return row;
  }

  async courseNet(tx: EntityManager, studentId: string, courseId: string): Promise<number> {
    const [row]: Array<{ net: number }> = await tx.query(
      `SELECT COALESCE(SUM(minutes), 0)::int AS net FROM hour_entry WHERE student_id = $1 AND course_id = $2`,
      [studentId, courseId],
    );
    return row.net;
  }

  async minutesBySystem(studentId: string): Promise<Map<CourseSystemCode, number>> {
    const rows: Array<{ system_code: CourseSystemCode; minutes: string }> = await this.ds.query(
      `SELECT system_code, SUM(minutes) AS minutes FROM hour_entry WHERE student_id = $1 GROUP BY system_code`,
      [studentId],
    );
    return new Map(rows.map((r) => [r.system_code, Number(r.minutes)]));
  }

  /** Net minutes per course system for many students at once. */
  async minutesBySystemOf(studentIds: string[]): Promise<Array<{ studentId: string; systemCode: CourseSystemCode; minutes: number }>> {
    if (studentIds.length === 0) return [];
    return this.ds.query(
      `SELECT student_id AS "studentId", system_code AS "systemCode", SUM(minutes)::int AS minutes
         FROM hour_entry WHERE student_id = ANY($1::uuid[]) GROUP BY student_id, system_code`,
      [studentIds],
    );
  }

  /** Net minutes per lesson for the given lessons (lessons with no entry are absent). */
  async netByLesson(studentId: string, lessonIds: string[]): Promise<Map<string, number>> {
    if (lessonIds.length === 0) return new Map();
    const rows: Array<{ lessonId: string; minutes: number }> = await this.ds.query(
      `SELECT lesson_id AS "lessonId", SUM(minutes)::int AS minutes FROM hour_entry
        WHERE student_id = $1 AND lesson_id = ANY($2::uuid[]) GROUP BY lesson_id`,
      [studentId, lessonIds],
    );
    return new Map(rows.map((r) => [r.lessonId, r.minutes]));
  }

  /** Net minutes per course for the given courses (courses with no entry are absent). */
  async netByCourse(studentId: string, courseIds: string[]): Promise<Map<string, number>> {
    if (courseIds.length === 0) return new Map();
    const rows: Array<{ courseId: string; minutes: number }> = await this.ds.query(
      `SELECT course_id AS "courseId", SUM(minutes)::int AS minutes FROM hour_entry
        WHERE student_id = $1 AND course_id = ANY($2::uuid[]) GROUP BY course_id`,
      [studentId, courseIds],
    );
    return new Map(rows.map((r) => [r.courseId, r.minutes]));
  }

  /** Every (student, source, reference) the ledger credits or ever credited, with its net minutes (adjustments aside). */
  allReferenceNets(): Promise<LedgerNet[]> {
    return this.ds.query(
      `SELECT student_id AS "studentId", source, reference_type AS "referenceType", reference_id AS "referenceId", SUM(minutes)::int AS minutes
         FROM hour_entry WHERE source <> 'adjustment'
        GROUP BY student_id, source, reference_type, reference_id`,
    );
  }

  /** Net minutes per student and course (adjustments, which name no course, aside). */
  courseNets(): Promise<Array<{ studentId: string; courseId: string; minutes: number }>> {
    return this.ds.query(
      `SELECT student_id AS "studentId", course_id AS "courseId", SUM(minutes)::int AS minutes
         FROM hour_entry WHERE course_id IS NOT NULL GROUP BY student_id, course_id`,
    );
  }

  entries(studentId: string, limit: number, offset: number): Promise<[HourEntry[], number]> {
    return this.ds.getRepository(HourEntry).findAndCount({ where: { studentId }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  /** For reads outside a transaction by the services of this module. */
  manager(): EntityManager {
    return this.ds.manager;
  }

}
