import { Injectable } from '@nestjs/common';
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
}
