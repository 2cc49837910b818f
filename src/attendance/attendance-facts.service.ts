import { Injectable } from '@nestjs/common';
import { CourseDirectory } from '../catalog/course-directory.service';
import { AttendanceFactsRepository } from './attendance-facts.repository';

export interface AttendanceFactsOfStudent {
  attended: number;
  /** Sessions the student was expected at: held sessions of their courses, excused absences left out. */
  scheduled: number;
}

/** Attendance's narrow read service: each student's attended and expected class sessions, set-based. */
@Injectable()
export class AttendanceFacts {
  constructor(
    private readonly repo: AttendanceFactsRepository,
    private readonly courses: CourseDirectory,
  ) {}

  async of(studentIds: readonly string[]): Promise<Map<string, AttendanceFactsOfStudent>> {
    const enrolled = await this.courses.enrolledCourses(studentIds);
    const students: string[] = [];
    const courseIds: string[] = [];
    for (const [studentId, ids] of enrolled) {
      for (const courseId of ids) {
        students.push(studentId);
        courseIds.push(courseId);
      }
    }
    const rows = await this.repo.counts(students, courseIds);
    // As the course report counts: a held session without a record is an absence; excused ones leave the denominator.
    return new Map(rows.map((r) => [r.studentId, { attended: r.attended, scheduled: Math.max(r.slots, r.recorded) - r.excused }]));
  }
}
