import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A trainer's collection of questions, private unless shared. A bank without an owner (the seeded ones) is managed by all staff. */
@Entity('question_bank')
export class QuestionBank {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable key of seeded banks (`practical`, `certification`) so the import is idempotent. */
  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  code: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'system_code', type: 'varchar', length: 32, nullable: true })
  systemCode: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  /** Whether other staff may read the bank and draw exams from it (its owner and admins always may). */
  @Column({ type: 'boolean', default: false })
  shared: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
