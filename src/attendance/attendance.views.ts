import { minutesToHours } from '../catalog/catalog.views';
import { type SessionWindow, isCheckInOpen } from './attendance-rules';
import type { AttendanceChange } from './entities/attendance-change.entity';
import type { Attendance, AttendanceSource, AttendanceStatus } from './entities/attendance.entity';
import type { ClassSession, SessionDelivery } from './entities/class-session.entity';

export interface CheckInStateView {
  /** True while a trainer has opened check-in and the session's window has not closed. */
  open: boolean;
  opensAt: string;
  closesAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export interface ClassSessionView {
  id: string;
  courseId: string;
  courseTitle: string;
  /** The lesson of the course this session delivers (attending completes it), if any. */
  lessonId: string | null;
  title: string | null;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  place: string;
  delivery: SessionDelivery;
  creditMinutes: number;
  hours: number;
  checkIn: CheckInStateView;
  /** For a student: their own record at this session (null before they check in). */
  myAttendance?: AttendanceView | null;
}

export interface AttendanceView {
  id: string;
  sessionId: string;
  studentId: string;
  status: AttendanceStatus;
  source: AttendanceSource;
  checkedInAt: string | null;
  creditedMinutes: number;
  revision: number;
  note: string | null;
  updatedBy: string | null;
  updatedAt: string;
}

export interface CheckInResultView extends AttendanceView {
  /** True when the student had checked in before: nothing changed. */
  alreadyCheckedIn: boolean;
}

export interface CheckInCodeView {
  sessionId: string;
  code: string;
  /** When this code appeared, when the next one replaces it, and until when it is still accepted. */
  validFrom: string;
  expiresAt: string;
  acceptedUntil: string;
  stepSeconds: number;
  /** The classroom-screen page (QR code), relative to this server; works without signing in until `screenUrlExpiresAt`. */
  screenUrl: string;
  screenUrlExpiresAt: string;
  checkIn: CheckInStateView;
}

export interface AttendanceChangeView {
  revision: number;
  fromStatus: AttendanceStatus | null;
  toStatus: AttendanceStatus;
  note: string | null;
  ledgerMinutes: number;
  authorId: string;
  createdAt: string;
}

export interface AttendanceRecordView extends AttendanceView {
  changes: AttendanceChangeView[];
}

export interface RosterEntryView {
  studentId: string;
  username: string;
  displayName: string;
  /** False for a student with a record who has left the course since. */
  enrolled: boolean;
  /** Null while nothing is recorded (counts as absent once the session has been held). */
  status: AttendanceStatus | null;
  attendance: AttendanceView | null;
}

export interface AttendanceTally {
  present: number;
  late: number;
  absent: number;
  excused: number;
  /** Held sessions × students with no record: counted as absent in the rate. */
  unrecorded: number;
  /** present + late */
  attended: number;
  /** What the rate is measured against: everything but excused absences. */
  expected: number;
  rate: number | null;
}

export interface SessionAttendanceView extends AttendanceTally {
  sessionId: string;
  title: string | null;
  startsAt: string;
  /** Only held sessions (started before now) count in the rates. */
  held: boolean;
}

export interface StudentAttendanceView extends AttendanceTally {
  studentId: string;
  username: string;
  displayName: string;
}

export interface CourseAttendanceView extends AttendanceTally {
  courseId: string;
  courseTitle: string;
  enrolledStudents: number;
  scheduledSessions: number;
  heldSessions: number;
  sessions: SessionAttendanceView[];
  students: StudentAttendanceView[];
}

export function toCheckInStateView(s: ClassSession, w: SessionWindow, now: Date): CheckInStateView {
  return {
    open: isCheckInOpen(s, w, now),
    opensAt: w.opensAt.toISOString(),
    closesAt: w.endsAt.toISOString(),
    openedAt: s.checkInOpenedAt?.toISOString() ?? null,
    closedAt: s.checkInClosedAt?.toISOString() ?? null,
  };
}

export function toClassSessionView(s: ClassSession, courseTitle: string, w: SessionWindow, now: Date): ClassSessionView {
  return {
    id: s.id,
    courseId: s.courseId,
    courseTitle,
    lessonId: s.lessonId,
    title: s.title,
    startsAt: s.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    durationMinutes: s.durationMinutes,
    place: s.place,
    delivery: s.delivery,
    creditMinutes: s.creditMinutes,
    hours: minutesToHours(s.creditMinutes),
    checkIn: toCheckInStateView(s, w, now),
  };
}

export function toAttendanceView(a: Attendance): AttendanceView {
  return {
    id: a.id,
    sessionId: a.sessionId,
    studentId: a.studentId,
    status: a.status,
    source: a.source,
    checkedInAt: a.checkedInAt?.toISOString() ?? null,
    creditedMinutes: a.creditedMinutes,
    revision: a.revision,
    note: a.note,
    updatedBy: a.updatedBy,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toAttendanceChangeView(c: AttendanceChange): AttendanceChangeView {
  return {
    revision: c.revision,
    fromStatus: c.fromStatus,
    toStatus: c.toStatus,
    note: c.note,
    ledgerMinutes: c.ledgerMinutes,
    authorId: c.authorId,
    createdAt: c.createdAt.toISOString(),
  };
}
