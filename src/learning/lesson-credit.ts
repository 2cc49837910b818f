import type { EntityManager } from 'typeorm';
import type { CourseSystemCode } from '../catalog/entities/course-system.entity';
import type { HoursRepository } from '../hours/hours.repository';

export interface CompletedLesson {
  studentId: string;
  lessonId: string;
  systemCode: CourseSystemCode;
  creditMinutes: number;
}

/** The ledger key of a lesson's credit: one per student and lesson, whatever races to write it. */
export const lessonCreditKey = (lessonId: string, studentId: string) => `lesson:${lessonId}:${studentId}`;

/**
 * Writes a completed lesson's credit to the hour ledger inside the caller's transaction (the one that
 * marks the lesson complete). A lesson worth 0 minutes completes without a ledger line.
 */
export async function creditCompletedLesson(hours: HoursRepository, tx: EntityManager, lesson: CompletedLesson): Promise<boolean> {
  if (lesson.creditMinutes <= 0) return false;
  const entry = await hours.append(tx, {
    studentId: lesson.studentId,
    systemCode: lesson.systemCode,
    minutes: lesson.creditMinutes,
    source: 'lesson_completion',
    referenceType: 'lesson',
    referenceId: lesson.lessonId,
    idempotencyKey: lessonCreditKey(lesson.lessonId, lesson.studentId),
  });
  return entry !== null;
}
