import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notEnrolled } from './catalog.errors';
import type { CourseSystemCode } from './entities/course-system.entity';
import { CourseDirectoryRepository, DirectionCourses, LessonCredit } from './course-directory.repository';

export type { DirectionCourses, LessonCredit } from './course-directory.repository';

/** Catalog's narrow read service for other modules: directions, published lessons, enrolments. Set-based. */
@Injectable()
export class CourseDirectory {
  constructor(private readonly repo: CourseDirectoryRepository) {}

  directions(): Promise<DirectionCourses[]> {
    return this.repo.directions();
  }

  publishedLessons(courseIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.repo.publishedLessons([...new Set(courseIds)]);
  }

  enrolledCourses(studentIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.repo.enrolledCourses([...new Set(studentIds)]);
  }

  /** Every course system's required hours, in catalogue order. */
  requiredHours(): Promise<Array<{ code: CourseSystemCode; name: string; requiredHours: number }>> {
    return this.repo.requiredHours();
  }

  /** Throws NOT_ENROLLED (403) unless the student is enrolled in the course. */
  async requireEnrolled(courseId: string, studentId: string): Promise<void> {
    if (!(await this.repo.isEnrolled(courseId, studentId))) throw notEnrolled();
  }

  /** What each lesson credits on the ledger, by lesson id (one query; in the caller's transaction when given one). */
  async lessonCredits(lessonIds: readonly string[], tx?: EntityManager): Promise<Map<string, LessonCredit>> {
    const rows = await this.repo.lessonCredits([...new Set(lessonIds)], tx);
    return new Map(rows.map((r) => [r.lessonId, r]));
  }
}
