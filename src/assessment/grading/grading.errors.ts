import { DomainError } from '../../common/domain-error';
import { CommonErrorCode } from '../../common/error-codes';

export const GradingErrorCode = {
  ReviewNotFound: 'REVIEW_NOT_FOUND',
  ReviewAlreadyDone: 'REVIEW_ALREADY_DONE',
  QuestionVersionNotFound: 'QUESTION_VERSION_NOT_FOUND',
  InvalidAnswerKey: 'INVALID_ANSWER_KEY',
  AnswerKeyUnchanged: 'ANSWER_KEY_UNCHANGED',
} as const;

export class GradingError extends DomainError {}

export const reviewNotFound = () => new GradingError(GradingErrorCode.ReviewNotFound, 404, 'Review not found');
export const reviewAlreadyDone = () => new GradingError(GradingErrorCode.ReviewAlreadyDone, 409, 'This answer has already been reviewed');
export const reviewScoreOutOfRange = (maxScore: number) =>
  new GradingError(CommonErrorCode.ReviewScoreOutOfRange, 400, `score must be between 0 and ${maxScore} (the question's points)`);
export const questionVersionNotFound = (version: number | undefined) =>
  new GradingError(GradingErrorCode.QuestionVersionNotFound, 404, `Question version ${version} not found`);
/** The problems are validateAnswerKey's, listed in the body as `problems`. */
export const invalidAnswerKey = (problems: string[]) =>
  new GradingError(GradingErrorCode.InvalidAnswerKey, 400, `The answer key is invalid: ${problems.slice(0, 10).join('; ')}`, { problems });
export const answerKeyUnchanged = () => new GradingError(GradingErrorCode.AnswerKeyUnchanged, 409, 'The answer key is already this');
