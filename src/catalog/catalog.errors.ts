import { declareConstraintErrors } from '../common/constraint-errors';
import { DomainError } from '../common/domain-error';
import { IdentityErrorCode } from '../identity/identity.errors';

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

export const unknownSystem = (code: string) => new CatalogError(CatalogErrorCode.UnknownSystem, 404, `No course system ${code}`);
export const lessonNotVideo = () => new CatalogError(CatalogErrorCode.LessonNotVideo, 409, 'Only video lessons take a video');
export const courseArchived = () => new CatalogError(CatalogErrorCode.CourseArchived, 409, 'The course is archived');
export const nothingToPublish = () =>
  new CatalogError(CatalogErrorCode.NothingToPublish, 409, 'A course needs at least one lesson before it can be published');
export const enrollmentTargetMissing = () => new CatalogError(CatalogErrorCode.EnrollmentTargetMissing, 400, 'Give either cohortId or studentIds');
export const cohortNotFound = () => new CatalogError(IdentityErrorCode.CohortNotFound, 404, 'Cohort not found');
export const notStudents = (ids: string[]) =>
  new CatalogError(CatalogErrorCode.NotStudents, 400, `Not students (or unknown): ${ids.slice(0, 10).join(', ')}`);
export const enrollmentNotFound = () => new CatalogError(CatalogErrorCode.EnrollmentNotFound, 404, 'This student is not enrolled in this course');
export const notTrainers = (ids: string[]) =>
  new CatalogError(CatalogErrorCode.NotTrainers, 400, `Not trainers (or unknown): ${ids.slice(0, 10).join(', ')}`, { notTrainers: ids });
export const reorderMismatch = (what: string, expected: number) =>
  new CatalogError(CatalogErrorCode.ReorderMismatch, 400, `Give every active ${what} exactly once (expected ${expected} ids)`);

/** What a request that breaks one of this context's constraints is told (see common/constraint-errors). */
declareConstraintErrors({
  fk_course_system: { status: 400, code: CatalogErrorCode.UnknownSystem, message: 'Unknown course system' },
  fk_course_module_course: { status: 404, code: CatalogErrorCode.CourseNotFound, message: 'Course not found' },
  fk_enrollment_course: { status: 404, code: CatalogErrorCode.CourseNotFound, message: 'Course not found' },
});
