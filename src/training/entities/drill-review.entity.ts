import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A trainer's quality review (质检) of a submission: confirms or overrides its score. Never edited. */
@Entity('drill_review')
@Index('ix_drill_review_submission', ['submissionId', 'createdAt'])
export class DrillReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  /** The score that counted before this review; null when none did yet (pending review). */
  @Column({ name: 'previous_score', type: 'int', nullable: true })
  previousScore: number | null;

  @Column({ name: 'previous_passed', type: 'boolean', nullable: true })
  previousPassed: boolean | null;

  @Column({ type: 'int' })
  score: number;

  @Column({ name: 'max_score', type: 'int' })
  maxScore: number;

  @Column({ type: 'boolean' })
  passed: boolean;

  @Column({ type: 'text' })
  comment: string;

  /** clock_timestamp() at insert, under the submission lock: reviews sort in the order they took effect. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
