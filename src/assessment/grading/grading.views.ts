import { ApiProperty } from '@nestjs/swagger';
import type { AnswerKey } from '@lms/grading';
import type { CorrectionProgress } from './answer-key-correction.service';
import type { ReviewRow } from './grading.repository';

/** A review as trainers see it: the rubric, the reply and what the rubric made of it. */
export class ReviewView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, description: 'pending or done' }) status: ReviewRow['status'];
  @ApiProperty({ type: String, format: 'uuid' }) attemptId: string;
  @ApiProperty({ type: String }) attemptStatus: ReviewRow['attemptStatus'];
  @ApiProperty({ type: String, format: 'uuid' }) examId: string;
  @ApiProperty({ type: String }) examTitle: string;
  @ApiProperty({ type: String, format: 'uuid' }) studentId: string;
  @ApiProperty({ type: String }) studentName: string;
  @ApiProperty({ type: String, format: 'uuid' }) questionId: string;
  @ApiProperty({ type: String, description: 'The question type' }) type: ReviewRow['type'];
  @ApiProperty({ type: String }) stem: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The rubric (answer key of an open question)' }) rubric: AnswerKey;
  @ApiProperty({ type: Number }) autoScore: number;
  @ApiProperty({ type: Number }) maxScore: number;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewerId: string | null;
  @ApiProperty({ description: "The student's reply (any JSON value)" }) answer: unknown;
  @ApiProperty({ description: 'What the rubric made of the reply (any JSON value)' }) rubricResult: unknown;
  @ApiProperty({ type: String, nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String }) createdAt: string;
}

export class CorrectionView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) questionId: string;
  @ApiProperty({ type: String }) questionVersionId: string;
  @ApiProperty({ type: Number }) keyRevision: number;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'boolean' }, { type: 'array', items: { type: 'array', items: { type: 'string' } } }, { type: 'object', additionalProperties: true }], description: 'The answer key; its shape depends on the question type' }) previousAnswer: AnswerKey;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'boolean' }, { type: 'array', items: { type: 'array', items: { type: 'string' } } }, { type: 'object', additionalProperties: true }], description: 'The answer key; its shape depends on the question type' }) answer: AnswerKey;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: String }) correctedBy: string;
  @ApiProperty({ type: Number }) affectedAttempts: number;
  @ApiProperty({ type: Number }) regraded: number;
  @ApiProperty({ type: Number }) changed: number;
  @ApiProperty({ type: String }) createdAt: string;
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
