import { Injectable } from '@nestjs/common';
import { courseNotFound } from '../catalog/catalog.errors';
import { CourseAccess } from '../catalog/course-access.service';
import type { Page } from '../common/pagination.dto';
import { attendanceNotFound } from './attendance.errors';
import { type AttendanceCounts, AttendanceRepository } from './attendance.repository';
import { attendanceRate } from './attendance-rules';
import {
  type AttendanceRecordView,
  type AttendanceTally,
  type CourseAttendanceView,
  type RosterEntryView,
  toAttendanceChangeView,
  toAttendanceView,
} from './attendance.views';
import { ClassSessionsService } from './class-sessions.service';

/**
 * Counts against `slots` (student-sessions that should have been attended): a slot without a
 * record is absent, an excused absence leaves the denominator.
 */
function tally(c: AttendanceCounts, slots: number): AttendanceTally {
  const recorded = c.present + c.late + c.absent + c.excused;
  const attended = c.present + c.late;
  const expected = Math.max(slots, recorded) - c.excused;
  return {
    present: c.present,
    late: c.late,
    absent: c.absent,
    excused: c.excused,
    unrecorded: Math.max(0, slots - recorded),
    attended,
    expected,
    rate: attendanceRate(attended, expected),
  };
}

const sum = (rows: AttendanceCounts[]): AttendanceCounts =>
  rows.reduce((t, r) => ({ present: t.present + r.present, late: t.late + r.late, absent: t.absent + r.absent, excused: t.excused + r.excused }), {
    present: 0,
    late: 0,
    absent: 0,
    excused: 0,
  });

/** What trainers read: the roster of a session, one record's history, and a course's attendance rates. */
@Injectable()
export class AttendanceReportsService {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly catalog: CourseAccess,
    private readonly sessions: ClassSessionsService,
  ) {}

  async roster(sessionId: string, limit: number, offset: number): Promise<Page<RosterEntryView>> {
    const session = await this.sessions.findSession(sessionId);
    const { items, total } = await this.repo.roster(session, limit, offset);
    return {
      items: items.map(({ attendance, ...student }) => ({
        ...student,
        status: attendance?.status ?? null,
        attendance: attendance ? toAttendanceView(attendance) : null,
      })),
      total,
    };
  }

  async record(sessionId: string, studentId: string): Promise<AttendanceRecordView> {
    const session = await this.sessions.findSession(sessionId);
    const record = await this.repo.findAttendance(session.id, studentId);
    if (!record) throw attendanceNotFound();
    const changes = await this.repo.changes(record.id);
    return { ...toAttendanceView(record), changes: changes.map(toAttendanceChangeView) };
  }

  /**
   * Rates per session, per student and for the course. A session counts once it has started;
   * every currently enrolled student is expected at every held session.
   */
  async courseReport(courseId: string): Promise<CourseAttendanceView> {
    const course = await this.catalog.findCourse(courseId);
    if (!course) throw courseNotFound();
    const now = new Date();
    const [sessionRows, enrolled] = await Promise.all([this.repo.sessionCounts(course.id), this.repo.enrolledCount(course.id)]);
    const held = sessionRows.filter((r) => r.session.startsAt <= now);
    const students = await this.repo.studentCounts(
      course.id,
      held.map((r) => r.session.id),
    );
    return {
      courseId: course.id,
      courseTitle: course.title,
      enrolledStudents: enrolled,
      scheduledSessions: sessionRows.length,
      heldSessions: held.length,
      ...tally(sum(held), held.length * enrolled),
      sessions: sessionRows.map((r) => {
        const isHeld = r.session.startsAt <= now;
        return { sessionId: r.session.id, title: r.session.title, startsAt: r.session.startsAt.toISOString(), held: isHeld, ...tally(r, isHeld ? enrolled : 0) };
      }),
      students: students.map((s) => ({ studentId: s.studentId, username: s.username, displayName: s.displayName, ...tally(s, held.length) })),
    };
  }
}
