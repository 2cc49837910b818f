import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AttemptStatus } from '../../entities/attempt.entity';

export const GRADING_KINDS = ['auto', 'review', 'regrade'] as const;
export type GradingKind = (typeof GRADING_KINDS)[number];

/**
 * Audit of every grading that changed an attempt: the first (auto), each trainer review that
 * finished it, each regrade after an answer-key correction. Deliberately without a unique
 * constraint, so that a double grading would show here as two `auto` rows (the tests count them).
 */
@Entity('grading_run')
@Index('ix_grading_run_attempt', ['attemptId'])
export class GradingRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'attempt_id', type: 'uuid' })
  attemptId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: GradingKind;

  @Column({ name: 'correction_id', type: 'uuid', nullable: true })
  correctionId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: AttemptStatus;

  @Column({ type: 'int' })
  score: number;

  @Column({ name: 'max_score', type: 'int' })
  maxScore: number;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
