import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CourseModule } from './course-module.entity';

export const LESSON_MODES = ['video', 'reading', 'exam', 'self_study', 'offline', 'blended', 'drill'] as const;
export type LessonMode = (typeof LESSON_MODES)[number];

/** A lesson keeps its id across published versions so that progress follows it. */
@Entity('lesson')
@Index('ix_lesson_module', ['moduleId', 'position'])
@Index('ix_lesson_course', ['courseId'])
export class Lesson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'module_id', type: 'uuid' })
  moduleId: string;

  @ManyToOne(() => CourseModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id' })
  module?: CourseModule;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  mode: LessonMode;

  /** Hours are whole minutes (never fractional hours) so sums stay exact. */
  @Column({ name: 'credit_minutes', type: 'int' })
  creditMinutes: number;

  @Column({ name: 'credit_is_default', type: 'boolean', default: false })
  creditIsDefault: boolean;

  @Column({ name: 'media_id', type: 'uuid', nullable: true })
  mediaId: string | null;

  @Column({ name: 'duration_seconds', type: 'int', nullable: true })
  durationSeconds: number | null;

  /** When false a first viewing cannot be credited past the furthest watched point. */
  @Column({ name: 'allow_skip_ahead', type: 'boolean', default: false })
  allowSkipAhead: boolean;

  /** Reading and self-study lessons: the text the student reads (plain text, paragraphs split by blank lines). */
  @Column({ type: 'text', default: '' })
  body: string;

  /** For drill lessons: the training scenario practised. */
  @Column({ name: 'scenario_id', type: 'uuid', nullable: true })
  scenarioId: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
