// @lms/grading: pure graders per question type and rubric scoring (no framework, no I/O).
export * from './types';
export { normalizeText, normalizeWithOffsets, type NormalizedText } from './normalize';
export { scoreRubric, validateRubric, markCopiedFromPrompt, MIN_COPIED_LENGTH } from './rubric';
export {
  gradeQuestion,
  gradeSingle,
  gradeMultiple,
  gradeTrueFalse,
  gradeFillBlank,
  gradeRubricQuestion,
  partialCredit,
  validateAnswerKey,
} from './graders';
export {
  seededRandom,
  seededShuffle,
  drawQuestions,
  matchesRule,
  type DrawCandidate,
  type DrawRule,
  type DrawResult,
  type DrawShortfall,
} from './draw';
export { gradeAttempt, passes, type AttemptQuestion, type AttemptItemGrade, type AttemptGrade } from './attempt';
export {
  checkReplyIntegrity,
  isKeywordStuffing,
  isCopiedPrompt,
  sampledForReview,
  INTEGRITY_FLAG_TEXT,
  MIN_OWN_UNITS,
  OWN_TO_PHRASE_RATIO,
  COPIED_SHARE,
  type IntegrityFlag,
  type ReplyIntegrity,
} from './integrity';
