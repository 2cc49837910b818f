import type { AnswerKey } from '@lms/grading';
import type { CorrectionProgress } from './answer-key-correction.service';
import type { ReviewRow } from './grading.repository';

/** A review as trainers see it: the rubric, the reply and what the rubric made of it. */
export type ReviewView = Omit<ReviewRow, 'response' | 'detail' | 'reviewedAt' | 'createdAt'> & {
  answer: unknown;
  rubricResult: unknown;
  reviewedAt: string | null;
  createdAt: string;
};

export interface CorrectionView {
  id: string;
  questionId: string;
  questionVersionId: string;
  keyRevision: number;
  previousAnswer: AnswerKey;
  answer: AnswerKey;
  reason: string;
  correctedBy: string;
  affectedAttempts: number;
  regraded: number;
  changed: number;
  createdAt: string;
}

export function toReviewView({ response, detail, reviewedAt, createdAt, ...r }: ReviewRow): ReviewView {
  return {
    ...r,
    answer: response ?? null,
    rubricResult: detail ?? null,
    reviewedAt: reviewedAt ? new Date(reviewedAt).toISOString() : null,
    createdAt: new Date(createdAt).toISOString(),
  };
}

export function toCorrectionView({ correction: c, regraded, changed }: CorrectionProgress): CorrectionView {
  return {
    id: c.id,
    questionId: c.questionId,
    questionVersionId: c.questionVersionId,
    keyRevision: c.keyRevision,
    previousAnswer: c.previousAnswer,
    answer: c.answer,
    reason: c.reason,
    correctedBy: c.correctedBy,
    affectedAttempts: c.affectedAttemptIds.length,
    regraded,
    changed,
    createdAt: c.createdAt.toISOString(),
  };
}
