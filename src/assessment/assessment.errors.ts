import { CatalogErrorCode } from '../catalog/catalog.errors';
import { declareConstraintErrors } from '../common/constraint-errors';
import { DomainError } from '../common/domain-error';
import { IdentityErrorCode } from '../identity/identity.errors';

export const AssessmentErrorCode = {
  BankNotFound: 'BANK_NOT_FOUND',
  NotBankOwner: 'NOT_BANK_OWNER',
  BankPrivate: 'BANK_PRIVATE',
  QuestionNotFound: 'QUESTION_NOT_FOUND',
  InvalidQuestion: 'INVALID_QUESTION',
  ImportEmpty: 'IMPORT_EMPTY',
  ImportMalformed: 'IMPORT_MALFORMED',
  ImportTooManyRows: 'IMPORT_TOO_MANY_ROWS',
  ImportMissingColumns: 'IMPORT_MISSING_COLUMNS',
  QuestionRefTaken: 'QUESTION_REF_TAKEN',
  ExamNotFound: 'EXAM_NOT_FOUND',
  InvalidExam: 'INVALID_EXAM',
  DrawNotSatisfiable: 'DRAW_NOT_SATISFIABLE',
  LessonNotExam: 'LESSON_NOT_EXAM',
  ExamNotOpen: 'EXAM_NOT_OPEN',
  ExamClosed: 'EXAM_CLOSED',
  ExamNotAvailable: 'EXAM_NOT_AVAILABLE',
  AttemptLimitReached: 'ATTEMPT_LIMIT_REACHED',
  AttemptNotFound: 'ATTEMPT_NOT_FOUND',
  QuestionNotInAttempt: 'QUESTION_NOT_IN_ATTEMPT',
  AttemptSubmitted: 'ATTEMPT_ALREADY_SUBMITTED',
  DeadlinePassed: 'ATTEMPT_DEADLINE_PASSED',
  AnswerShapeMismatch: 'ANSWER_SHAPE_MISMATCH',
} as const;

export class AssessmentError extends DomainError {}

export const bankNotFound = () => new AssessmentError(AssessmentErrorCode.BankNotFound, 404, 'Question bank not found');
export const notBankOwner = () =>
  new AssessmentError(AssessmentErrorCode.NotBankOwner, 403, 'Only the trainer who owns this bank (or an admin) may change it');
export const bankPrivate = () =>
  new AssessmentError(AssessmentErrorCode.BankPrivate, 403, 'This question bank is private to the trainer who owns it');
export const questionNotFound = () => new AssessmentError(AssessmentErrorCode.QuestionNotFound, 404, 'Question not found');
export const invalidQuestion = (problems: string[]) =>
  new AssessmentError(AssessmentErrorCode.InvalidQuestion, 400, `The question is invalid: ${problems.slice(0, 10).join('; ')}`, { problems });
export const examNotFound = () => new AssessmentError(AssessmentErrorCode.ExamNotFound, 404, 'Exam not found');
export const invalidExam = (message: string) => new AssessmentError(AssessmentErrorCode.InvalidExam, 400, message);
export const attemptNotFound = () => new AssessmentError(AssessmentErrorCode.AttemptNotFound, 404, 'Attempt not found');
export const importError = (code: string, message: string) => new AssessmentError(code, 400, message);
export const banksNotFound = (ids: string[]) => new AssessmentError(AssessmentErrorCode.BankNotFound, 404, `Question bank(s) not found: ${ids.join(', ')}`);
export const lessonNotFound = () => new AssessmentError(CatalogErrorCode.LessonNotFound, 404, 'Lesson not found');
export const lessonNotExam = (mode: string) => new AssessmentError(AssessmentErrorCode.LessonNotExam, 400, `The lesson's mode is "${mode}", not "exam"`);
export const cohortsNotFound = (ids: string[]) => new AssessmentError(IdentityErrorCode.CohortNotFound, 404, `Cohort(s) not found: ${ids.join(', ')}`);
/** An exam's draw rules that its banks cannot satisfy (rule is 0-based). */
export const drawNotSatisfiable = (shortfall: { rule: number; wanted: number; available: number }) =>
  new AssessmentError(
    AssessmentErrorCode.DrawNotSatisfiable,
    400,
    `Draw rule ${shortfall.rule + 1} asks for ${shortfall.wanted} question(s) but its bank has only ${shortfall.available} matching that are not drawn by an earlier rule`,
    { rule: shortfall.rule, wanted: shortfall.wanted, available: shortfall.available },
  );
/** A student starts an exam whose banks, since it was set, no longer hold enough questions. */
export const examNoLongerDrawable = () =>
  new AssessmentError(AssessmentErrorCode.DrawNotSatisfiable, 409, 'The exam cannot be drawn: its banks no longer hold enough matching questions');
export const attemptLimitReached = (maxAttempts: number) =>
  new AssessmentError(AssessmentErrorCode.AttemptLimitReached, 409, `You have used all ${maxAttempts} attempt(s) of this exam`);
export const examNotAvailable = () =>
  new AssessmentError(AssessmentErrorCode.ExamNotAvailable, 403, 'You may not take this exam (not enrolled in its course or not in its cohorts)');
export const examNotOpen = (opensAt: Date) => new AssessmentError(AssessmentErrorCode.ExamNotOpen, 409, `The exam opens at ${opensAt.toISOString()}`);
export const examClosed = (closesAt: Date) => new AssessmentError(AssessmentErrorCode.ExamClosed, 409, `The exam closed at ${closesAt.toISOString()}`);
export const attemptSubmitted = (message = 'The attempt has been submitted; answers can no longer change') =>
  new AssessmentError(AssessmentErrorCode.AttemptSubmitted, 409, message);
export const deadlinePassed = () => new AssessmentError(AssessmentErrorCode.DeadlinePassed, 409, 'The time for this attempt is up; answers can no longer change');
export const questionNotInAttempt = () => new AssessmentError(AssessmentErrorCode.QuestionNotInAttempt, 404, 'This question is not part of the attempt');
export const answerShapeMismatch = (type: string) =>
  new AssessmentError(AssessmentErrorCode.AnswerShapeMismatch, 400, `This answer does not fit a ${type} question`);
export const questionRefTaken = (ref: string | null) =>
  new AssessmentError(AssessmentErrorCode.QuestionRefTaken, 409, `The bank already has a question with ref "${ref}"; edit it to add a version`);

/** What a request that breaks one of this context's constraints is told (see common/constraint-errors). */
declareConstraintErrors({
  ck_exam_time_limit: { status: 400, code: AssessmentErrorCode.InvalidExam, message: 'The time limit must be positive' },
  ck_exam_pass_score: { status: 400, code: AssessmentErrorCode.InvalidExam, message: 'The pass score must be between 0 and 100' },
  ck_exam_max_attempts: { status: 400, code: AssessmentErrorCode.InvalidExam, message: 'An exam allows at least one attempt' },
  ck_exam_review_policy: { status: 400, code: AssessmentErrorCode.InvalidExam, message: 'Unknown review policy' },
  ck_exam_window: { status: 400, code: AssessmentErrorCode.InvalidExam, message: 'opensAt must be before closesAt' },
  fk_exam_lesson: { status: 404, code: CatalogErrorCode.LessonNotFound, message: 'Lesson not found' },
  ux_question_bank_ref: { status: 409, code: AssessmentErrorCode.QuestionRefTaken, message: 'A question of this bank already has this ref' },
  ck_question_version_points: { status: 400, code: AssessmentErrorCode.InvalidQuestion, message: 'A question is worth a positive number of points' },
  ck_question_version_type: { status: 400, code: AssessmentErrorCode.InvalidQuestion, message: 'Unknown question type' },
  ck_question_version_difficulty: { status: 400, code: AssessmentErrorCode.InvalidQuestion, message: 'Unknown difficulty' },
  ck_question_version_scoring: { status: 400, code: AssessmentErrorCode.InvalidQuestion, message: 'Unknown scoring rule' },
});
