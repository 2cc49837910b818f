import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { minutesToHours } from '../catalog/catalog.views';
import { type SessionWindow, isCheckInOpen } from './attendance-rules';
import type { AttendanceChange } from './entities/attendance-change.entity';
import type { Attendance, AttendanceSource, AttendanceStatus } from './entities/attendance.entity';
import type { ClassSession, SessionDelivery } from './entities/class-session.entity';

export class CheckInStateView {
  /** True while a trainer has opened check-in and the session's window has not closed. */
  @ApiProperty({ type: Boolean }) open: boolean;
  @ApiProperty({ type: String }) opensAt: string;
  @ApiProperty({ type: String }) closesAt: string;
  @ApiProperty({ type: String, nullable: true }) openedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
}

export class ClassSessionView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) courseId: string;
  @ApiProperty({ type: String }) courseTitle: string;
  /** The lesson of the course this session delivers (attending completes it), if any. */
  @ApiProperty({ type: String, nullable: true }) lessonId: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String }) startsAt: string;
  @ApiProperty({ type: String }) endsAt: string;
  @ApiProperty({ type: Number }) durationMinutes: number;
  @ApiProperty({ type: String }) place: string;
  @ApiProperty({ enum: ['offline', 'blended'] }) delivery: SessionDelivery;
  @ApiProperty({ type: Number }) creditMinutes: number;
  @ApiProperty({ type: Number }) hours: number;
  @ApiProperty({ type: () => CheckInStateView }) checkIn: CheckInStateView;
  /** For a student: their own record at this session (null before they check in). */
  @ApiPropertyOptional({ type: () => AttendanceView, nullable: true }) myAttendance?: AttendanceView | null;
}

export class AttendanceView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) sessionId: string;
  @ApiProperty({ type: String }) studentId: string;
  @ApiProperty({ enum: ['present', 'late', 'absent', 'excused'] }) status: AttendanceStatus;
  @ApiProperty({ enum: ['check_in', 'trainer'] }) source: AttendanceSource;
  @ApiProperty({ type: String, nullable: true }) checkedInAt: string | null;
  @ApiProperty({ type: Number }) creditedMinutes: number;
  @ApiProperty({ type: Number }) revision: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) updatedBy: string | null;
  @ApiProperty({ type: String }) updatedAt: string;
}

export class CheckInResultView extends AttendanceView {
  /** True when the student had checked in before: nothing changed. */
  @ApiProperty({ type: Boolean }) alreadyCheckedIn: boolean;
}

export class CheckInCodeView {
  @ApiProperty({ type: String }) sessionId: string;
  @ApiProperty({ type: String }) code: string;
  /** When this code appeared, when the next one replaces it, and until when it is still accepted. */
  @ApiProperty({ type: String }) validFrom: string;
  @ApiProperty({ type: String }) expiresAt: string;
  @ApiProperty({ type: String }) acceptedUntil: string;
  @ApiProperty({ type: Number }) stepSeconds: number;
  /** The classroom-screen page (QR code), relative to this server; works without signing in until `screenUrlExpiresAt`. */
  @ApiProperty({ type: String }) screenUrl: string;
  @ApiProperty({ type: String }) screenUrlExpiresAt: string;
  @ApiProperty({ type: () => CheckInStateView }) checkIn: CheckInStateView;
}

export class AttendanceChangeView {
  @ApiProperty({ type: Number }) revision: number;
  @ApiProperty({ enum: ['present', 'late', 'absent', 'excused'], nullable: true }) fromStatus: AttendanceStatus | null;
  @ApiProperty({ enum: ['present', 'late', 'absent', 'excused'] }) toStatus: AttendanceStatus;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: Number }) ledgerMinutes: number;
  @ApiProperty({ type: String }) authorId: string;
  @ApiProperty({ type: String }) createdAt: string;
}

export class AttendanceRecordView extends AttendanceView {
  @ApiProperty({ type: () => [AttendanceChangeView] }) changes: AttendanceChangeView[];
}

export class RosterEntryView {
  @ApiProperty({ type: String }) studentId: string;
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ type: String }) displayName: string;
  /** False for a student with a record who has left the course since. */
  @ApiProperty({ type: Boolean }) enrolled: boolean;
  /** Null while nothing is recorded (counts as absent once the session has been held). */
  @ApiProperty({ enum: ['present', 'late', 'absent', 'excused'], nullable: true }) status: AttendanceStatus | null;
  @ApiProperty({ type: () => AttendanceView, nullable: true }) attendance: AttendanceView | null;
}

export class AttendanceTally {
  @ApiProperty({ type: Number }) present: number;
  @ApiProperty({ type: Number }) late: number;
  @ApiProperty({ type: Number }) absent: number;
  @ApiProperty({ type: Number }) excused: number;
  /** Held sessions × students with no record: counted as absent in the rate. */
  @ApiProperty({ type: Number }) unrecorded: number;
  /** present + late */
  @ApiProperty({ type: Number }) attended: number;
  /** What the rate is measured against: everything but excused absences. */
  @ApiProperty({ type: Number }) expected: number;
  @ApiProperty({ type: Number, nullable: true }) rate: number | null;
}

export class SessionAttendanceView extends AttendanceTally {
  @ApiProperty({ type: String }) sessionId: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String }) startsAt: string;
  /** Only held sessions (started before now) count in the rates. */
  @ApiProperty({ type: Boolean }) held: boolean;
}

export class StudentAttendanceView extends AttendanceTally {
  @ApiProperty({ type: String }) studentId: string;
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ type: String }) displayName: string;
}

export class CourseAttendanceView extends AttendanceTally {
  @ApiProperty({ type: String }) courseId: string;
  @ApiProperty({ type: String }) courseTitle: string;
  @ApiProperty({ type: Number }) enrolledStudents: number;
  @ApiProperty({ type: Number }) scheduledSessions: number;
  @ApiProperty({ type: Number }) heldSessions: number;
  @ApiProperty({ type: () => [SessionAttendanceView] }) sessions: SessionAttendanceView[];
  @ApiProperty({ type: () => [StudentAttendanceView] }) students: StudentAttendanceView[];
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
