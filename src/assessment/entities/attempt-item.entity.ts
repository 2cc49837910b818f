import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { QuestionType } from '@lms/grading';

/**
 * One question of an attempt: the frozen version, its place and option order, the student's
 * latest answer (ordered by the client's sequence number) and, once graded, its mark.
 */
@Entity('attempt_item')
@Index('ix_attempt_item_version', ['questionVersionId'])
export class AttemptItem {
  @PrimaryColumn({ name: 'attempt_id', type: 'uuid' })
  attemptId: string;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'question_version_id', type: 'uuid' })
  questionVersionId: string;

  @Column({ type: 'varchar', length: 16 })
  type: QuestionType;

  @Column({ type: 'int' })
  points: number;

  /** The order in which the options are shown (option keys); null when the question has none. */
  @Column({ name: 'option_order', type: 'text', array: true, nullable: true })
  optionOrder: string[] | null;

  @Column({ type: 'jsonb', nullable: true })
  answer: unknown;

  @Column({ name: 'client_seq', type: 'bigint', default: 0 })
  clientSeq: string;

  @Column({ name: 'saved_at', type: 'timestamptz', nullable: true })
  savedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  score: number | null;

  @Column({ type: 'boolean', nullable: true })
  correct: boolean | null;

  /** The grader's detail (rubric matches, blanks); shown to students only when review is allowed. */
  @Column({ type: 'jsonb', nullable: true })
  detail: unknown;
}
