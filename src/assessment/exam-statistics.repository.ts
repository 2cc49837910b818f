import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ExamStatisticsRow {
  examId: string;
  title: string;
  tierCode: string | null;
  /** Attempts handed in (submitted, graded or waiting for review). */
  attempts: number;
  graded: number;
  passed: number;
  /** Distinct students who handed in an attempt. */
  students: number;
  /** Distinct students with a passed graded attempt. */
  studentsPassed: number;
}

@Injectable()
export class ExamStatisticsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Per exam, over the attempts of the given students that were handed in. */
  byExam(studentIds: string[]): Promise<ExamStatisticsRow[]> {
    if (studentIds.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `SELECT e.id AS "examId", e.title, e.tier_code AS "tierCode",
              COUNT(*)::int AS attempts,
              (COUNT(*) FILTER (WHERE a.status = 'graded'))::int AS graded,
              (COUNT(*) FILTER (WHERE a.status = 'graded' AND a.passed))::int AS passed,
              COUNT(DISTINCT a.student_id)::int AS students,
              (COUNT(DISTINCT a.student_id) FILTER (WHERE a.status = 'graded' AND a.passed))::int AS "studentsPassed"
         FROM attempt a JOIN exam e ON e.id = a.exam_id
        WHERE a.student_id = ANY($1::uuid[]) AND a.status <> 'in_progress'
        GROUP BY e.id, e.title, e.tier_code
        ORDER BY e.tier_code NULLS FIRST, e.title`,
      [studentIds],
    );
  }

  /** The students (of those given) who handed in an attempt at any tier's certification exam. */
  async tierExamSitters(studentIds: string[]): Promise<string[]> {
    if (studentIds.length === 0) return [];
    const rows: Array<{ studentId: string }> = await this.ds.query(
      `SELECT DISTINCT a.student_id AS "studentId" FROM attempt a JOIN exam e ON e.id = a.exam_id
        WHERE a.student_id = ANY($1::uuid[]) AND e.tier_code IS NOT NULL AND a.status <> 'in_progress'`,
      [studentIds],
    );
    return rows.map((r) => r.studentId);
  }
}
