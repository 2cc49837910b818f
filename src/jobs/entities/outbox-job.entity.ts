import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JobName } from '../job-catalog';

/**
 * A job written in the same transaction as the state change that needs it
 * (a submitted attempt and its grading). The relay puts on the queue whatever
 * never reached Redis; `jobId` is unique, so asking twice records one job.
 */
@Entity('outbox_job')
@Index('ix_outbox_job_pending', ['createdAt'], { where: 'enqueued_at IS NULL' })
export class OutboxJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'job_name', type: 'varchar', length: 64 })
  jobName: JobName;

  @Column({ name: 'job_id', type: 'varchar', length: 200, unique: true })
  jobId: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Not before this time (delayed jobs such as an auto-submit at the deadline). */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt: Date | null;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Column({ name: 'enqueue_attempts', type: 'int', default: 0 })
  enqueueAttempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
