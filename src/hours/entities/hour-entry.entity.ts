import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CourseSystemCode } from '../../catalog/entities/course-system.entity';

export const HOUR_SOURCES = ['lesson_completion', 'exam_pass', 'drill_pass', 'attendance', 'adjustment'] as const;
export type HourSource = (typeof HOUR_SOURCES)[number];

/**
 * One line of the append-only hour ledger. A database trigger refuses UPDATE and
 * DELETE; corrections are new entries (negative minutes reverse earlier credit).
 * `idempotencyKey` is unique, so the same credit cannot be written twice, even by racing writers.
 */
@Entity('hour_entry')
@Index('ix_hour_entry_student', ['studentId', 'createdAt'])
export class HourEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ name: 'system_code', type: 'varchar', length: 32 })
  systemCode: CourseSystemCode;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'varchar', length: 32 })
  source: HourSource;

  /** What the credit is for: `lesson`, `exam`, `scenario`, `class_session`, … */
  @Column({ name: 'reference_type', type: 'varchar', length: 32, nullable: true })
  referenceType: string | null;

  @Column({ name: 'reference_id', type: 'uuid', nullable: true })
  referenceId: string | null;

  /** The course the credit counts towards (null for an adjustment of a system): a course never credits more than it is worth. */
  @Column({ name: 'course_id', type: 'uuid', nullable: true })
  courseId: string | null;

  /** The lesson the credit completes, when there is one: progress follows the ledger. */
  @Column({ name: 'lesson_id', type: 'uuid', nullable: true })
  lessonId: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, unique: true })
  idempotencyKey: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Who wrote it; null when the system did (a completion, a grading). */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
