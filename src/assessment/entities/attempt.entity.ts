import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const ATTEMPT_STATUSES = ['in_progress', 'submitted', 'graded', 'needs_review'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
export const SUBMITTERS = ['student', 'deadline', 'sweep'] as const;
/** Who closed the attempt: the student, the delayed job at the deadline, or the sweep that caught a lost job. */
export type Submitter = (typeof SUBMITTERS)[number];

/**
 * One sitting of an exam. Its questions (and their versions) are frozen in attempt_item when it
 * starts; its deadline is server time. The status only moves forward:
 * in_progress → submitted → graded | needs_review → graded.
 */
@Entity('attempt')
@Index('ux_attempt_number', ['examId', 'studentId', 'attemptNo'], { unique: true })
@Index('ux_attempt_open', ['examId', 'studentId'], { unique: true, where: `status = 'in_progress'` })
@Index('ix_attempt_overdue', ['deadline'], { where: `status = 'in_progress'` })
@Index('ix_attempt_waiting', ['submittedAt'], { where: `status = 'submitted'` })
export class Attempt {
  /** Made by the service before the insert: it seeds the draw and the shuffles. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'exam_id', type: 'uuid' })
  examId: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ name: 'attempt_no', type: 'int' })
  attemptNo: number;

  @Column({ type: 'varchar', length: 16 })
  status: AttemptStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by', type: 'varchar', length: 16, nullable: true })
  submittedBy: Submitter | null;

  @Column({ name: 'graded_at', type: 'timestamptz', nullable: true })
  gradedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  score: number | null;

  @Column({ name: 'max_score', type: 'int' })
  maxScore: number;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;
}
