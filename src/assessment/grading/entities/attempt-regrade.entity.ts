import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AttemptStatus } from '../../entities/attempt.entity';

/** What a correction did to one attempt; one row per (attempt, correction), so a regrade runs once. */
@Entity('attempt_regrade')
export class AttemptRegrade {
  @PrimaryColumn({ name: 'attempt_id', type: 'uuid' })
  attemptId: string;

  @PrimaryColumn({ name: 'correction_id', type: 'uuid' })
  correctionId: string;

  @Column({ name: 'previous_status', type: 'varchar', length: 16 })
  previousStatus: AttemptStatus;

  @Column({ type: 'varchar', length: 16 })
  status: AttemptStatus;

  @Column({ name: 'previous_score', type: 'int', nullable: true })
  previousScore: number | null;

  @Column({ type: 'int', nullable: true })
  score: number | null;

  @Column({ name: 'previous_passed', type: 'boolean', nullable: true })
  previousPassed: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
