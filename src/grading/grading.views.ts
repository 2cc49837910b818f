import type { AnswerKey, QuestionType } from '@lms/grading';
import type { AttemptStatus } from '../assessment/entities/attempt.entity';
import type { CorrectionProgress } from './answer-key-correction.service';
import type { ReviewStatus } from './entities/review-task.entity';
import type { ReviewRow } from './grading.repository';

/** A review as trainers see it: the rubric, the reply and what the rubric made of it. */
export interface ReviewView {
  id: string;
  status: ReviewStatus;
  attemptId: string;
  attemptStatus: AttemptStatus;
  examId: string;
  examTitle: string;
  studentId: string;
  studentName: string;
  questionId: string;
  type: QuestionType;
  stem: string;
  rubric: AnswerKey;
  answer: unknown;
  rubricResult: unknown;
  autoScore: number;
  maxScore: number;
  score: number | null;
  comment: string | null;
  reviewerId: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

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

export function toReviewView(r: ReviewRow): ReviewView {
  return {
    id: r.id,
    status: r.status,
    attemptId: r.attemptId,
    attemptStatus: r.attemptStatus,
    examId: r.examId,
    examTitle: r.examTitle,
    studentId: r.studentId,
    studentName: r.studentName,
    questionId: r.questionId,
    type: r.type,
    stem: r.stem,
    rubric: r.rubric,
    answer: r.response ?? null,
    rubricResult: r.detail ?? null,
    autoScore: r.autoScore,
    maxScore: r.maxScore,
    score: r.score,
    comment: r.comment,
    reviewerId: r.reviewerId,
    reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
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
