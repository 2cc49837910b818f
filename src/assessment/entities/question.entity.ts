import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Difficulty, QuestionType } from '@lms/grading';

/**
 * A question's identity. Its content lives in immutable `QuestionVersion`s; editing adds a
 * version and moves `currentVersion`. Type, tags and difficulty of the current version are
 * copied here so that exams draw from one narrow table.
 */
@Entity('question')
@Index('ux_question_bank_ref', ['bankId', 'ref'], { unique: true })
@Index('ix_question_bank', ['bankId'])
export class Question {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  /** The author's or import's reference (e.g. `m1-001`): re-importing a ref adds a version instead of a copy. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  ref: string | null;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion: number;

  @Column({ name: 'current_version_id', type: 'uuid' })
  currentVersionId: string;

  @Column({ type: 'varchar', length: 16 })
  type: QuestionType;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'varchar', length: 8, nullable: true })
  difficulty: Difficulty | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
