// Grading a whole attempt from its frozen questions and the student's responses (pure).

import { gradeQuestion } from './graders';
import type { GradableQuestion, QuestionGrade } from './types';

export interface AttemptQuestion {
  id: string;
  question: GradableQuestion;
  response: unknown;
  /** A trainer's mark for this question; it replaces the grader's and settles its review. */
  reviewedScore?: number | null;
}

export interface AttemptItemGrade {
  id: string;
  score: number;
  maxScore: number;
  correct: boolean | null;
  /** Waiting for a trainer (a rubric under review, or a broken key). */
  needsReview: boolean;
  /** The score is a trainer's. */
  reviewed: boolean;
  detail?: QuestionGrade['detail'];
}

export interface AttemptGrade {
  items: AttemptItemGrade[];
  score: number;
  maxScore: number;
  pendingReview: number;
  status: 'graded' | 'needs_review';
  /** Decided only once nothing waits for review. */
  passed: boolean | null;
}

/** Whether `score` out of `maxScore` reaches `passScore` percent, in exact integer arithmetic. */
export function passes(score: number, maxScore: number, passScore: number): boolean {
  return score * 100 >= passScore * maxScore;
}

function reviewedGrade(id: string, maxScore: number, reviewed: number, detail: QuestionGrade['detail']): AttemptItemGrade {
  const score = Number.isFinite(reviewed) ? Math.min(maxScore, Math.max(0, Math.floor(reviewed))) : 0;
  return { id, score, maxScore, correct: null, needsReview: false, reviewed: true, ...(detail ? { detail } : {}) };
}

/**
 * Grades every question with its grader (rubric questions sent to review when the exam asks
 * for it), keeps trainers' marks where given, and decides the attempt: `needs_review` while any
 * question waits for a trainer, else `graded` with `passed` = score ≥ passScore % of the maximum.
 * Scores of questions waiting for review count with the grader's provisional score.
 */
export function gradeAttempt(questions: readonly AttemptQuestion[], opts: { passScore: number; reviewRubrics?: boolean }): AttemptGrade {
  const items = questions.map((q): AttemptItemGrade => {
    const g = gradeQuestion(q.question, q.response, { reviewRubrics: opts.reviewRubrics === true });
    if (typeof q.reviewedScore === 'number') return reviewedGrade(q.id, g.maxScore, q.reviewedScore, g.detail);
    return { id: q.id, score: g.score, maxScore: g.maxScore, correct: g.correct, needsReview: g.needsReview, reviewed: false, ...(g.detail ? { detail: g.detail } : {}) };
  });
  const score = items.reduce((s, i) => s + i.score, 0);
  const maxScore = items.reduce((s, i) => s + i.maxScore, 0);
  const pendingReview = items.filter((i) => i.needsReview).length;
  const status = pendingReview > 0 ? 'needs_review' : 'graded';
  return { items, score, maxScore, pendingReview, status, passed: status === 'graded' ? passes(score, maxScore, opts.passScore) : null };
}
