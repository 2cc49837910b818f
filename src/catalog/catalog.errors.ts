import { declareConstraintErrors } from '../common/constraint-errors';
import { DomainError } from '../common/domain-error';

export const CatalogErrorCode = {
  CourseNotFound: 'COURSE_NOT_FOUND',
  ModuleNotFound: 'MODULE_NOT_FOUND',
  LessonNotFound: 'LESSON_NOT_FOUND',
  UnknownSystem: 'UNKNOWN_COURSE_SYSTEM',
  ReorderMismatch: 'REORDER_MISMATCH',
  NothingToPublish: 'NOTHING_TO_PUBLISH',
  CourseArchived: 'COURSE_ARCHIVED',
  EnrollmentTargetMissing: 'ENROLLMENT_TARGET_MISSING',
  NotStudents: 'NOT_STUDENTS',
  CohortNotFound: 'COHORT_NOT_FOUND',
  LessonNotVideo: 'LESSON_NOT_VIDEO',
  NotEnrolled: 'NOT_ENROLLED',
  NotCourseOwner: 'NOT_COURSE_OWNER',
  NotTrainers: 'NOT_TRAINERS',
  EnrollmentNotFound: 'ENROLLMENT_NOT_FOUND',
} as const;

export class CatalogError extends DomainError {}

export const courseNotFound = () => new CatalogError(CatalogErrorCode.CourseNotFound, 404, 'Course not found');
export const moduleNotFound = () => new CatalogError(CatalogErrorCode.ModuleNotFound, 404, 'Module not found');
export const lessonNotFound = () => new CatalogError(CatalogErrorCode.LessonNotFound, 404, 'Lesson not found');
export const notEnrolled = () => new CatalogError(CatalogErrorCode.NotEnrolled, 403, 'You are not enrolled in this course');
export const notCourseManager = () =>
  new CatalogError(CatalogErrorCode.NotCourseOwner, 403, "Only the course's owner, its co-trainers and admins may change it");
export const notCourseOwner = () =>
  new CatalogError(CatalogErrorCode.NotCourseOwner, 403, "Only the course's owner (or an admin) may choose its co-trainers");

/** What a request that breaks one of this context's constraints is told (see common/constraint-errors). */
declareConstraintErrors({
  fk_course_system: { status: 400, code: CatalogErrorCode.UnknownSystem, message: 'Unknown course system' },
  fk_course_module_course: { status: 404, code: CatalogErrorCode.CourseNotFound, message: 'Course not found' },
  fk_enrollment_course: { status: 404, code: CatalogErrorCode.CourseNotFound, message: 'Course not found' },
});
