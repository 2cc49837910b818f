import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Interval } from '@lms/watch-time';

export const PROGRESS_STATES = ['in_progress', 'completed'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

/**
 * One student's progress in one lesson. Created when the lesson is first opened; `watched` is the
 * normalized union of credited media intervals, so watching the same minute twice counts once.
 * Completion is one-way, and its ledger entry is written in the same transaction.
 */
@Entity('lesson_progress')
@Index('ix_lesson_progress_course', ['studentId', 'courseId'])
export class LessonProgress {
  @PrimaryColumn({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @PrimaryColumn({ name: 'lesson_id', type: 'uuid' })
  lessonId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'varchar', length: 16, default: 'in_progress' })
  state: ProgressState;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  watched: Interval[];

  @Column({ name: 'watched_seconds', type: 'double precision', default: 0 })
  watchedSeconds: number;

  @Column({ name: 'furthest_second', type: 'double precision', default: 0 })
  furthestSecond: number;

  /** The video's duration at the last playback opening (null for lessons without video). */
  @Column({ name: 'duration_seconds', type: 'int', nullable: true })
  durationSeconds: number | null;

  /** The minutes the completion credited to the ledger (a republish with other minutes does not change them). */
  @Column({ name: 'credited_minutes', type: 'int', default: 0 })
  creditedMinutes: number;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
