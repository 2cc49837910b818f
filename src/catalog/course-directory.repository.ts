import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CourseSystemCode } from './entities/course-system.entity';

/** What a lesson is worth on the ledger: its minutes, in its course's system. */
export interface LessonCredit {
  lessonId: string;
  minutes: number;
  systemCode: CourseSystemCode;
  courseId: string;
}

export interface DirectionCourses {
  code: string;
  name: string | null;
  courseIds: string[];
}

@Injectable()
export class CourseDirectoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Published professional courses grouped by direction. */
  directions(): Promise<DirectionCourses[]> {
    return this.ds.query(
      `SELECT direction AS code, MAX(direction_name) AS name, array_agg(id ORDER BY id) AS "courseIds"
         FROM course WHERE system_code = 'professional' AND direction IS NOT NULL AND status = 'published'
        GROUP BY direction ORDER BY direction`,
    );
  }

  /** The lesson ids of each course's published version. */
  async publishedLessons(courseIds: string[]): Promise<Map<string, string[]>> {
    if (courseIds.length === 0) return new Map();
    const rows: Array<{ courseId: string; lessonIds: string[] }> = await this.ds.query(
      `SELECT c.id AS "courseId", COALESCE(array_agg((l->>'id')::uuid) FILTER (WHERE l IS NOT NULL), '{}') AS "lessonIds"
         FROM course c
         JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
         LEFT JOIN LATERAL jsonb_path_query(v.snapshot, '$.modules[*].lessons[*]') AS l ON true
        WHERE c.id = ANY($1::uuid[])
        GROUP BY c.id`,
      [courseIds],
    );
    return new Map(rows.map((r) => [r.courseId, r.lessonIds]));
  }

  /** The courses each student is enrolled in. */
  async enrolledCourses(studentIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (studentIds.length === 0) return out;
    const rows: Array<{ studentId: string; courseIds: string[] }> = await this.ds.query(
      `SELECT student_id AS "studentId", array_agg(course_id) AS "courseIds" FROM enrollment WHERE student_id = ANY($1::uuid[]) GROUP BY student_id`,
      [studentIds],
    );
    for (const r of rows) out.set(r.studentId, r.courseIds);
    return out;
  }

  /** Every course system's required hours, in catalogue order. */
  requiredHours(): Promise<Array<{ code: CourseSystemCode; name: string; requiredHours: number }>> {
    return this.ds.query(`SELECT code, name, required_hours AS "requiredHours" FROM course_system ORDER BY position`);
  }

  async isEnrolled(courseId: string, studentId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM enrollment WHERE course_id = $1 AND student_id = $2`, [courseId, studentId]);
    return rows.length > 0;
  }

  /** What each lesson (archived ones too) credits, and its course and system. */
  lessonCredits(lessonIds: string[], tx: EntityManager = this.ds.manager): Promise<LessonCredit[]> {
    if (lessonIds.length === 0) return Promise.resolve([]);
    return tx.query(
      `SELECT l.id AS "lessonId", l.credit_minutes AS minutes, c.system_code AS "systemCode", c.id AS "courseId"
         FROM lesson l JOIN course c ON c.id = l.course_id WHERE l.id = ANY($1::uuid[])`,
      [lessonIds],
    );
  }
}
