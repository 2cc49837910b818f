export * from './types';
export { distinctRows } from './distinct';
export { splitMinutes, hoursToMinutes, splitModuleMinutes, type LessonCredit } from './split';
export {
  validatePractical,
  validateGeneral,
  validateTraining,
  validateProfessional,
  compareTrainingWithPractical,
  textProblem,
  parsePractical,
  parseGeneral,
  parseTraining,
  parseProfessional,
  CurriculumValidationError,
} from './validate';
