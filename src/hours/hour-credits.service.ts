import { Injectable } from '@nestjs/common';
import type { CourseSystemCode } from '../catalog/entities/course-system.entity';
import { HoursRepository } from './hours.repository';

/** What the ledger credits a student, for other contexts to read (progress follows it). */
@Injectable()
export class HourCredits {
  constructor(private readonly repo: HoursRepository) {}

  /** Net minutes credited per lesson; a lesson with no credit is absent. */
  byLesson(studentId: string, lessonIds: string[]): Promise<Map<string, number>> {
    return this.repo.netByLesson(studentId, lessonIds);
  }

  /** Net minutes credited per course; a course with no credit is absent. */
  byCourse(studentId: string, courseIds: string[]): Promise<Map<string, number>> {
    return this.repo.netByCourse(studentId, courseIds);
  }

  /** Net minutes per course system of each student (one query for all of them); a student with none is absent. */
  async minutesBySystemOf(studentIds: readonly string[]): Promise<Map<string, Partial<Record<CourseSystemCode, number>>>> {
    const out = new Map<string, Partial<Record<CourseSystemCode, number>>>();
    for (const r of await this.repo.minutesBySystemOf([...new Set(studentIds)])) {
      out.set(r.studentId, { ...out.get(r.studentId), [r.systemCode]: r.minutes });
    }
    return out;
  }
}
