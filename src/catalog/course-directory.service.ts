import { Injectable } from '@nestjs/common';
import { CourseDirectoryRepository, DirectionCourses } from './course-directory.repository';

export type { DirectionCourses } from './course-directory.repository';

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
}
