import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StudentAttendanceCounts {
  studentId: string;
  /** Held sessions of the student's courses. */
  slots: number;
  attended: number;
  excused: number;
  recorded: number;
}

@Injectable()
export class AttendanceFactsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Per student, over the held sessions of the given (student, course) pairs. */
  counts(studentIds: string[], courseIds: string[]): Promise<StudentAttendanceCounts[]> {
    if (studentIds.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `WITH pairs AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS p(student_id, course_id))
       SELECT p.student_id AS "studentId",
              COUNT(s.id)::int AS slots,
              (COUNT(a.id) FILTER (WHERE a.status IN ('present', 'late')))::int AS attended,
              (COUNT(a.id) FILTER (WHERE a.status = 'excused'))::int AS excused,
              COUNT(a.id)::int AS recorded
         FROM pairs p
         JOIN class_session s ON s.course_id = p.course_id AND s.starts_at <= now()
         LEFT JOIN attendance a ON a.session_id = s.id AND a.student_id = p.student_id
        GROUP BY p.student_id`,
      [studentIds, courseIds],
    );
  }
}
