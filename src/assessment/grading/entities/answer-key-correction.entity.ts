import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AnswerKey } from '@lms/grading';

/**
 * A trainer's correction of the answer key of one question version, with the attempts it
 * affected (those already submitted that hold the version); each is regraded through the queue.
 */
@Entity('answer_key_correction')
@Index('ix_answer_key_correction_question', ['questionId', 'createdAt'])
export class AnswerKeyCorrection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ name: 'question_version_id', type: 'uuid' })
  questionVersionId: string;

  /** The version's key revision this correction produced (2 for the first correction). */
  @Column({ name: 'key_revision', type: 'int' })
  keyRevision: number;

  @Column({ name: 'previous_answer', type: 'jsonb' })
  previousAnswer: AnswerKey;

  @Column({ type: 'jsonb' })
  answer: AnswerKey;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'corrected_by', type: 'uuid' })
  correctedBy: string;

  @Column({ name: 'affected_attempt_ids', type: 'uuid', array: true })
  affectedAttemptIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
