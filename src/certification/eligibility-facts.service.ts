import { Injectable } from '@nestjs/common';
import { factNeeds, type StudentFacts, type Tier } from '@lms/eligibility';
import { TierExamResults } from '../assessment/tier-exam-results.service';
import { AttendanceFacts } from '../attendance/attendance-facts.service';
import { CourseDirectory } from '../catalog/course-directory.service';
import { HourCredits } from '../hours/hour-credits.service';
import { LessonCompletions } from '../learning/lesson-completions.service';
import { DrillFacts } from '../training/drill-facts.service';
import { CertificationRepository } from './certification.repository';

/**
 * Gathers the facts the tiers' rules need for a list of students, from the owning modules' read
 * services: one set-based query per kind of fact, whatever the number of students.
 */
@Injectable()
export class EligibilityFacts {
  constructor(
    private readonly hours: HourCredits,
    private readonly exams: TierExamResults,
    private readonly drills: DrillFacts,
    private readonly courses: CourseDirectory,
    private readonly lessons: LessonCompletions,
    private readonly attendance: AttendanceFacts,
    private readonly repo: CertificationRepository,
  ) {}

  async of(studentIds: readonly string[], tiers: readonly Tier[]): Promise<Map<string, StudentFacts>> {
    const ids = [...new Set(studentIds)];
    const needs = factNeeds(tiers);
    const [minutes, scores, drills, directions, attendance, held] = await Promise.all([
      needs.systems.length ? this.hours.minutesBySystemOf(ids) : undefined,
      needs.examTiers.length ? this.exams.bestScores(ids, needs.examTiers) : undefined,
      needs.drills ? this.drills.distinctPassed(ids) : undefined,
      needs.directions ? this.directionProgress(ids) : undefined,
      needs.attendance ? this.attendance.of(ids) : undefined,
      // Always: the pages show whether a student already holds each tier.
      this.repo.heldTiers(ids),
    ]);
    return new Map(
      ids.map((id): [string, StudentFacts] => [
        id,
        {
          minutesBySystem: minutes?.get(id),
          bestExamScores: scores?.get(id),
          drillsPassed: drills?.get(id),
          directions: directions?.get(id),
          attendance: attendance?.get(id) ?? null,
          tiersHeld: held.get(id) ?? [],
        },
      ]),
    );
  }

  /** Completed / total published courses per professional direction; a course is completed when every lesson of its published version is. */
  private async directionProgress(ids: string[]): Promise<Map<string, StudentFacts['directions']>> {
    const directions = await this.courses.directions();
    const lessonsByCourse = await this.courses.publishedLessons(directions.flatMap((d) => d.courseIds));
    const completed = await this.lessons.of(ids, [...lessonsByCourse.values()].flat());
    return new Map(
      ids.map((id) => {
        const done = completed.get(id) ?? new Set<string>();
        const isComplete = (courseId: string) => {
          const lessons = lessonsByCourse.get(courseId) ?? [];
          return lessons.length > 0 && lessons.every((l) => done.has(l));
        };
        return [id, directions.map((d) => ({ code: d.code, name: d.name ?? undefined, completed: d.courseIds.filter(isComplete).length, total: d.courseIds.length }))];
      }),
    );
  }
}
