import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A student's standing on one scenario, recomputed from the graded submissions whenever one
 * changes: the best submission (a pass before a fail, then the higher share of the maximum),
 * whether the scenario is passed, and whether its hours are on the ledger right now.
 * `creditGeneration` counts the credits written, so that a credit after a reversal gets a
 * ledger idempotency key of its own.
 */
@Entity('drill_result')
@Index('ix_drill_result_passed', ['studentId'], { where: '"passed"' })
export class DrillResult {
  @PrimaryColumn({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @PrimaryColumn({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @Column({ name: 'best_submission_id', type: 'uuid', nullable: true })
  bestSubmissionId: string | null;

  @Column({ name: 'best_score', type: 'int', nullable: true })
  bestScore: number | null;

  @Column({ name: 'best_max_score', type: 'int', nullable: true })
  bestMaxScore: number | null;

  @Column({ type: 'boolean', default: false })
  passed: boolean;

  @Column({ name: 'graded_count', type: 'int', default: 0 })
  gradedCount: number;

  @Column({ type: 'boolean', default: false })
  credited: boolean;

  /** Minutes on the ledger for this scenario now (what a reversal takes back). */
  @Column({ name: 'credited_minutes', type: 'int', default: 0 })
  creditedMinutes: number;

  @Column({ name: 'credit_generation', type: 'int', default: 0 })
  creditGeneration: number;

  @Column({ name: 'first_passed_at', type: 'timestamptz', nullable: true })
  firstPassedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
