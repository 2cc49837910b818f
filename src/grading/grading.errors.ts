import { DomainError } from '../common/domain-error';

export const GradingErrorCode = {
  ReviewNotFound: 'REVIEW_NOT_FOUND',
  ReviewAlreadyDone: 'REVIEW_ALREADY_DONE',
  ReviewScoreOutOfRange: 'REVIEW_SCORE_OUT_OF_RANGE',
  QuestionVersionNotFound: 'QUESTION_VERSION_NOT_FOUND',
  InvalidAnswerKey: 'INVALID_ANSWER_KEY',
  AnswerKeyUnchanged: 'ANSWER_KEY_UNCHANGED',
} as const;

export class GradingError extends DomainError {}

export const reviewNotFound = () => new GradingError(GradingErrorCode.ReviewNotFound, 404, 'Review not found');
