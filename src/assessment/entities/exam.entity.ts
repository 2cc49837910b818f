import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DrawRule } from '@lms/grading';

export const REVIEW_POLICIES = ['never', 'after_submit', 'after_graded', 'after_close'] as const;
/** When a student may see correct answers, explanations and per-question marks. */
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

@Entity('exam')
@Index('ix_exam_lesson', ['lessonId'], { where: 'lesson_id IS NOT NULL' })
export class Exam {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'time_limit_seconds', type: 'int' })
  timeLimitSeconds: number;

  /** Percentage of the maximum score needed to pass (0–100). */
  @Column({ name: 'pass_score', type: 'int' })
  passScore: number;

  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts: number;

  @Column({ type: 'jsonb' })
  draw: DrawRule[];

  @Column({ name: 'shuffle_questions', type: 'boolean', default: false })
  shuffleQuestions: boolean;

  @Column({ name: 'shuffle_options', type: 'boolean', default: false })
  shuffleOptions: boolean;

  @Column({ name: 'review_policy', type: 'varchar', length: 16 })
  reviewPolicy: ReviewPolicy;

  /** Send every rubric-scored answer (short answer, scenario) to trainer review. */
  @Column({ name: 'review_rubrics', type: 'boolean', default: false })
  reviewRubrics: boolean;

  @Column({ name: 'opens_at', type: 'timestamptz', nullable: true })
  opensAt: Date | null;

  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  /** An exam lesson of a course: enrolment in the course admits, and passing credits the lesson's hours. */
  @Column({ name: 'lesson_id', type: 'uuid', nullable: true })
  lessonId: string | null;

  /** The certification tier whose rules name this exam (cxo-1 …). */
  @Column({ name: 'tier_code', type: 'varchar', length: 32, nullable: true })
  tierCode: string | null;

  /** When not empty, only students of these cohorts may take the exam. */
  @Column({ name: 'cohort_ids', type: 'uuid', array: true, default: () => "'{}'" })
  cohortIds: string[];

  @Column({ name: 'seed_key', type: 'varchar', length: 120, nullable: true, unique: true })
  seedKey: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
