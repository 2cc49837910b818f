import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REVIEW_STATUSES = ['pending', 'done'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A rubric-scored answer a trainer has to confirm or change (the attempt waits in needs_review). */
@Entity('review_task')
@Index('ux_review_task_item', ['attemptId', 'questionId'], { unique: true })
@Index('ix_review_task_status', ['status', 'createdAt'])
export class ReviewTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'attempt_id', type: 'uuid' })
  attemptId: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ReviewStatus;

  /** What the rubric gave; the trainer starts from it. */
  @Column({ name: 'auto_score', type: 'int' })
  autoScore: number;

  @Column({ name: 'max_score', type: 'int' })
  maxScore: number;

  @Column({ type: 'int', nullable: true })
  score: number | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
