import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type GradingOutcome = 'graded' | 'skipped';

/**
 * One run of the grading handler, written in the handler's transaction: `graded` when it
 * graded the submission, `skipped` when the submission was already graded. Exactly-once
 * grading means one `graded` row per submission, however many times the job ran.
 */
@Entity('drill_grading_event')
@Index('ix_drill_grading_event_submission', ['submissionId'])
export class DrillGradingEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: GradingOutcome;

  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
