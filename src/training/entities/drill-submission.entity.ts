import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { IntegrityFlag, Rubric, RubricResult } from '@lms/grading';

export const SUBMISSION_STATUSES = ['submitted', 'graded', 'needs_review'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * A student's reply to a scenario. Written as `submitted` with its grading job in one
 * transaction; the queue handler moves it to `graded`, or to `needs_review` when the rubric
 * asks for a trainer's review (质检) or the reply looks gamed (integrity flags), whose decision
 * then makes it `graded`. A share of automatically passed replies is also sampled for review.
 * The rubric and the customer's messages are copied in at submission, so a later edit of the
 * scenario never changes how an earlier reply is graded or explained.
 */
@Entity('drill_submission')
@Index('ix_drill_submission_student', ['studentId', 'scenarioId', 'createdAt'])
@Index('ix_drill_submission_status', ['status', 'createdAt'])
@Index('uq_drill_submission_client_key', ['studentId', 'clientKey'], { unique: true, where: '"client_key" IS NOT NULL' })
@Index('ix_drill_submission_qa_pending', ['createdAt'], { where: '"qa_sampled" AND "reviewed_at" IS NULL' })
export class DrillSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  /** The client's idempotency key: a retried request with the same key finds this submission. */
  @Column({ name: 'client_key', type: 'varchar', length: 100, nullable: true })
  clientKey: string | null;

  @Column({ type: 'text' })
  reply: string;

  /** The customer's messages at submission, joined by new lines. */
  @Column({ type: 'text' })
  prompt: string;

  @Column({ type: 'jsonb' })
  rubric: Rubric;

  @Column({ name: 'requires_review', type: 'boolean' })
  requiresReview: boolean;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: SubmissionStatus;

  /** What the rubric scorer gave; kept after a review overrides the score. */
  @Column({ name: 'auto_score', type: 'int', nullable: true })
  autoScore: number | null;

  @Column({ name: 'auto_passed', type: 'boolean', nullable: true })
  autoPassed: boolean | null;

  @Column({ name: 'max_score', type: 'int', nullable: true })
  maxScore: number | null;

  /** The scorer's point-by-point result. */
  @Column({ type: 'jsonb', nullable: true })
  result: RubricResult | null;

  /** Integrity flags of the reply (keyword stuffing, copied prompt): a passing reply with any goes to review. */
  @Column({ name: 'integrity_flags', type: 'jsonb', default: () => "'[]'" })
  integrityFlags: IntegrityFlag[];

  /** An automatically passed reply sampled into the quality-review queue (it stays passed until reviewed). */
  @Column({ name: 'qa_sampled', type: 'boolean', default: false })
  qaSampled: boolean;

  /** The score that counts: set when the submission is `graded` (by the scorer or a reviewer). */
  @Column({ type: 'int', nullable: true })
  score: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @Column({ name: 'graded_at', type: 'timestamptz', nullable: true })
  gradedAt: Date | null;

  /** The latest review; every review is kept in drill_review. */
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
