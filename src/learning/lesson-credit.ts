import type { EntityManager } from 'typeorm';
import type { CourseSystemCode } from '../catalog/entities/course-system.entity';
import type { HourLedger } from '../hours/hour-ledger.service';
import type { LearningRepository } from './learning.repository';

export interface CompletedLesson {
  studentId: string;
  lessonId: string;
  courseId: string;
  systemCode: CourseSystemCode;
  creditMinutes: number;
}

/**
 * Records a completed lesson's credit in the hour ledger inside the caller's transaction (the one
 * that marks the lesson complete), and keeps on the progress row the minutes the ledger credited:
 * a later republish with other minutes does not change them. A lesson worth 0 minutes completes
 * without a ledger line.
 */
export async function creditCompletedLesson(ledger: HourLedger, repo: LearningRepository, tx: EntityManager, lesson: CompletedLesson): Promise<number> {
  if (lesson.creditMinutes <= 0) return 0;
  const { minutes } = await ledger.record(tx, {
    studentId: lesson.studentId,
    systemCode: lesson.systemCode,
    courseId: lesson.courseId,
    lessonId: lesson.lessonId,
    source: 'lesson_completion',
    referenceType: 'lesson',
    referenceId: lesson.lessonId,
    minutes: lesson.creditMinutes,
  });
  await repo.setCreditedMinutes(tx, lesson.studentId, lesson.lessonId, minutes);
  return minutes;
}
