import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A business-scenario drill (附件三): a customer conversation the student answers. */
@Entity('training_scenario')
export class TrainingScenario {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  /** The customer's messages, in order. */
  @Column({ type: 'jsonb' })
  conversation: string[];

  /** Scoring rubric (`Rubric` of @lms/grading); null until a trainer writes one. */
  @Column({ type: 'jsonb', nullable: true })
  rubric: Record<string, unknown> | null;

  @Column({ name: 'credit_minutes', type: 'int' })
  creditMinutes: number;

  @Column({ name: 'credit_is_default', type: 'boolean', default: false })
  creditIsDefault: boolean;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ name: 'seed_key', type: 'varchar', length: 120, nullable: true, unique: true })
  seedKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
