import { DomainError } from '../common/domain-error';
import { CommonErrorCode } from '../common/error-codes';

export const TrainingErrorCode = {
  ScenarioNotFound: 'SCENARIO_NOT_FOUND',
  ScenarioTitleTaken: 'SCENARIO_TITLE_TAKEN',
  ScenarioHasNoRubric: 'SCENARIO_HAS_NO_RUBRIC',
  InvalidRubric: 'INVALID_RUBRIC',
  SubmissionNotFound: 'SUBMISSION_NOT_FOUND',
  InvalidIdempotencyKey: 'INVALID_IDEMPOTENCY_KEY',
  IdempotencyKeyMismatch: 'IDEMPOTENCY_KEY_MISMATCH',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  SubmissionNotGraded: 'SUBMISSION_NOT_GRADED',
} as const;

export class TrainingError extends DomainError {}

export const scenarioNotFound = () => new TrainingError(TrainingErrorCode.ScenarioNotFound, 404, 'Scenario not found');

export const scenarioTitleTaken = (title: string) =>
  new TrainingError(TrainingErrorCode.ScenarioTitleTaken, 409, `A scenario titled "${title}" already exists`);

export const scenarioHasNoRubric = () =>
  new TrainingError(TrainingErrorCode.ScenarioHasNoRubric, 409, 'This scenario has no rubric yet, so replies cannot be graded');

/** The problems are validateRubric's, listed in the body as `problems`. */
export const invalidRubric = (problems: string[]) =>
  new TrainingError(TrainingErrorCode.InvalidRubric, 400, `The rubric is invalid: ${problems.slice(0, 5).join('; ')}`, { problems });

export const submissionNotFound = () => new TrainingError(TrainingErrorCode.SubmissionNotFound, 404, 'Submission not found');

export const invalidIdempotencyKey = () =>
  new TrainingError(TrainingErrorCode.InvalidIdempotencyKey, 400, 'Idempotency-Key must be 1 to 100 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"');

export const idempotencyKeyMismatch = () =>
  new TrainingError(TrainingErrorCode.IdempotencyKeyMismatch, 400, 'The Idempotency-Key header and clientSubmissionId differ');

export const idempotencyKeyReused = () =>
  new TrainingError(TrainingErrorCode.IdempotencyKeyReused, 409, 'This idempotency key was already used for another reply or scenario');

export const submissionNotGraded = () =>
  new TrainingError(TrainingErrorCode.SubmissionNotGraded, 409, 'The submission has not been graded yet; review it once grading has run');

export const reviewScoreOutOfRange = (maxScore: number) =>
  new TrainingError(CommonErrorCode.ReviewScoreOutOfRange, 400, `score must be between 0 and the maximum score ${maxScore}`);
