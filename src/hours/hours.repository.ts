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
  /** Unique per credit: writing the same key twice credits once. */
  idempotencyKey: string;
  reason?: string | null;
  authorId?: string | null;
}

@Injectable()
export class HoursRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Appends an entry inside the caller's transaction; returns the entry, or
   * null when an entry with the same idempotency key exists (nothing written).
   */
  async append(tx: EntityManager, entry: NewHourEntry): Promise<HourEntry | null> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(HourEntry)
      .values({ referenceType: null, referenceId: null, reason: null, authorId: null, ...entry })
      .orIgnore()
      .returning('id')
      .execute();
    const id = inserted.raw[0]?.id as string | undefined;
    return id ? tx.getRepository(HourEntry).findOneBy({ id }) : null;
  }

  async minutesBySystem(studentId: string): Promise<Map<CourseSystemCode, number>> {
    const rows: Array<{ system_code: CourseSystemCode; minutes: string }> = await this.ds.query(
      `SELECT system_code, SUM(minutes) AS minutes FROM hour_entry WHERE student_id = $1 GROUP BY system_code`,
      [studentId],
    );
    return new Map(rows.map((r) => [r.system_code, Number(r.minutes)]));
  }

  entries(studentId: string, limit: number, offset: number): Promise<[HourEntry[], number]> {
    return this.ds.getRepository(HourEntry).findAndCount({ where: { studentId }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  async requiredHours(): Promise<Array<{ code: CourseSystemCode; name: string; requiredHours: number }>> {
    return this.ds.query(`SELECT code, name, required_hours AS "requiredHours" FROM course_system ORDER BY position`);
  }

  async isStudent(id: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM app_user WHERE id = $1 AND role = 'student'`, [id]);
    return rows.length > 0;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}
