import { DomainError } from '../common/domain-error';

export const AttendanceErrorCode = {
  ClassSessionNotFound: 'CLASS_SESSION_NOT_FOUND',
  CourseNotGeneral: 'COURSE_NOT_GENERAL',
  StudentNotEnrolled: 'STUDENT_NOT_ENROLLED',
  OutsideSessionWindow: 'OUTSIDE_SESSION_WINDOW',
  SessionNotStarted: 'SESSION_NOT_STARTED',
  CheckInNotOpen: 'CHECK_IN_NOT_OPEN',
  CodeMalformed: 'CHECK_IN_CODE_MALFORMED',
  CodeWrong: 'CHECK_IN_CODE_WRONG',
  CodeExpired: 'CHECK_IN_CODE_EXPIRED',
  CheckInThrottled: 'CHECK_IN_THROTTLED',
  AttendanceSetByTrainer: 'ATTENDANCE_SET_BY_TRAINER',
  AttendanceNotFound: 'ATTENDANCE_NOT_FOUND',
  ScreenLinkInvalid: 'SCREEN_LINK_INVALID',
  ScreenLinkExpired: 'SCREEN_LINK_EXPIRED',
  SessionOverlap: 'SESSION_OVERLAP',
  LessonNotInCourse: 'LESSON_NOT_IN_COURSE',
} as const;

export class AttendanceError extends DomainError {}

const C = AttendanceErrorCode;

export const classSessionNotFound = () => new AttendanceError(C.ClassSessionNotFound, 404, 'Class session not found');
export const courseNotGeneral = () =>
  new AttendanceError(C.CourseNotGeneral, 400, 'Class sessions belong to general-ability courses (system "general")');
export const studentNotEnrolled = () => new AttendanceError(C.StudentNotEnrolled, 404, 'No such student is enrolled in this course');
export const attendanceNotFound = () => new AttendanceError(C.AttendanceNotFound, 404, 'No attendance is recorded for this student');

export const outsideSessionWindow = (opensAt: Date, closesAt: Date) =>
  new AttendanceError(C.OutsideSessionWindow, 409, 'Check-in is possible only during the session', {
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
  });
export const sessionNotStarted = (opensAt: Date) =>
  new AttendanceError(C.SessionNotStarted, 409, 'Attendance can be recorded once the session has begun', { opensAt: opensAt.toISOString() });
export const checkInNotOpen = () => new AttendanceError(C.CheckInNotOpen, 409, 'The trainer has not opened check-in for this session');

export const codeMalformed = () => new AttendanceError(C.CodeMalformed, 400, 'A check-in code is six digits');
export const codeWrong = () => new AttendanceError(C.CodeWrong, 400, 'Wrong check-in code');
export const codeExpired = () => new AttendanceError(C.CodeExpired, 400, 'This check-in code has expired; use the one on the screen now');
export const checkInThrottled = (retryAfterSeconds: number) =>
  new AttendanceError(
    C.CheckInThrottled,
    429,
    `Too many wrong check-in codes; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
export const attendanceSetByTrainer = () =>
  new AttendanceError(C.AttendanceSetByTrainer, 409, 'A trainer has already recorded your attendance for this session; ask the trainer to correct it');

export const screenLinkInvalid = () => new AttendanceError(C.ScreenLinkInvalid, 403, 'This classroom-screen link is not valid');
export const screenLinkExpired = () => new AttendanceError(C.ScreenLinkExpired, 403, 'This classroom-screen link has expired');

export const sessionOverlap = () =>
  new AttendanceError(C.SessionOverlap, 409, 'Another class session of this course overlaps this time; one course holds one session at a time');
export const lessonNotInCourse = () =>
  new AttendanceError(C.LessonNotInCourse, 400, 'lessonId must be an active lesson of the session\'s course');
