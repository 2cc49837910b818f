import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AnswerKey, Difficulty, QuestionOption, QuestionType } from '@lms/grading';

export type ChoiceScoring = 'all_or_nothing' | 'proportional';

/**
 * One version of a question as attempts see it. Never edited, with one exception: a trainer's
 * answer-key correction replaces `answer` (bumping `keyRevision`, recorded in
 * answer_key_correction) and regrades the attempts that hold this version.
 */
@Entity('question_version')
@Index('ux_question_version', ['questionId', 'version'], { unique: true })
export class QuestionVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  type: QuestionType;

  @Column({ type: 'text' })
  stem: string;

  @Column({ type: 'jsonb', nullable: true })
  options: QuestionOption[] | null;

  @Column({ type: 'jsonb' })
  answer: AnswerKey;

  @Column({ name: 'key_revision', type: 'int', default: 1 })
  keyRevision: number;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'varchar', length: 16, nullable: true })
  scoring: ChoiceScoring | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'varchar', length: 8, nullable: true })
  difficulty: Difficulty | null;

  /** Shown to students only when the exam's review policy allows (it often spells out the answer). */
  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
