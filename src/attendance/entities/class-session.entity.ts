import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SESSION_DELIVERIES = ['offline', 'blended'] as const;
export type SessionDelivery = (typeof SESSION_DELIVERIES)[number];

/** One scheduled class of a general-ability course, with the state of its check-in. */
@Entity('class_session')
@Index('ix_class_session_course', ['courseId', 'startsAt'])
export class ClassSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  /** The lesson of the course this session delivers: attending it completes the lesson. */
  @Column({ name: 'lesson_id', type: 'uuid', nullable: true })
  lessonId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes: number;

  /** starts_at + duration; sessions of one course may not overlap (exclusion constraint ex_class_session_overlap). */
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 200 })
  place: string;

  @Column({ type: 'varchar', length: 16 })
  delivery: SessionDelivery;

  /** Whole minutes credited to the general system for present or late attendance. */
  @Column({ name: 'credit_minutes', type: 'int' })
  creditMinutes: number;

  /** Set when a trainer opens check-in; check-in is open while this is set and `checkInClosedAt` is not. */
  @Column({ name: 'check_in_opened_at', type: 'timestamptz', nullable: true })
  checkInOpenedAt: Date | null;

  @Column({ name: 'check_in_opened_by', type: 'uuid', nullable: true })
  checkInOpenedBy: string | null;

  @Column({ name: 'check_in_closed_at', type: 'timestamptz', nullable: true })
  checkInClosedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
