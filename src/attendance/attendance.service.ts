import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { inTransaction } from '../common/transaction';
import { CourseDirectory } from '../catalog/course-directory.service';
import { CreditSources } from '../hours/credit-sources';
import { HourLedger } from '../hours/hour-ledger.service';
import type { AuthUser } from '../identity/auth.decorators';
import {
  attendanceSetByTrainer,
  checkInNotOpen,
  codeExpired,
  codeMalformed,
  codeWrong,
  outsideSessionWindow,
  sessionNotStarted,
  studentNotEnrolled,
} from './attendance.errors';
import { AttendanceRepository } from './attendance.repository';
import { earnsCredit, isWithin, planCorrection } from './attendance-rules';
import { type AttendanceView, type CheckInResultView, toAttendanceView } from './attendance.views';
import { CheckInPolicy } from './check-in-policy.service';
import { CheckInThrottle } from './check-in-throttle.service';
import { ClassSessionsService } from './class-sessions.service';
import type { CheckInDto, CorrectAttendanceDto } from './dto/attendance.dto';
import type { Attendance, AttendanceSource, AttendanceStatus } from './entities/attendance.entity';
import type { ClassSession } from './entities/class-session.entity';

/** Ledger reasons, shown to students on their transcripts. */
const STATUS_LABEL: Record<AttendanceStatus, string> = { present: '出勤', late: '迟到', absent: '缺勤', excused: '请假' };

interface FirstRecord {
  studentId: string;
  status: AttendanceStatus;
  source: AttendanceSource;
  checkedInAt: Date | null;
  note: string | null;
  authorId: string;
}

/**
 * Writes attendance: a student's check-in and a trainer's corrections. Every write changes
 * the record, its history and the hour ledger in one transaction. A record's changes are
 * serialised by a row lock; the hour ledger records the session's net credit (a credit, or a
 * reversing entry), so every credit and reversal happens exactly once, and the record keeps
 * what the ledger holds for it.
 */
@Injectable()
export class AttendanceService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AttendanceRepository,
    private readonly ledger: HourLedger,
    private readonly creditSources: CreditSources,
    private readonly policy: CheckInPolicy,
    private readonly throttle: CheckInThrottle,
    private readonly sessions: ClassSessionsService,
    private readonly audit: AuditLog,
    private readonly enrolments: CourseDirectory,
  ) {}

  /** Attendance is a source of credit: each record keeps the minutes the ledger holds for it. */
  onModuleInit(): void {
    this.creditSources.register('attendance', async () =>
      (await this.repo.creditedAttendance()).map((a) => ({ studentId: a.studentId, referenceType: 'class_session', referenceId: a.sessionId, minutes: a.minutes })),
    );
  }

  async checkIn(sessionId: string, dto: CheckInDto, student: AuthUser): Promise<CheckInResultView> {
    const now = new Date();
    const session = await this.sessions.findSession(sessionId);
    await this.enrolments.requireEnrolled(session.courseId, student.id);
    const window = this.policy.window(session);
    if (!isWithin(window, now)) throw outsideSessionWindow(window.opensAt, window.endsAt);
    if (!session.checkInOpenedAt || session.checkInClosedAt) throw checkInNotOpen();

    await this.throttle.take(student.id);
    const check = this.policy.check(session.id, dto.code, now);
    if (check.result === 'wrong') throw codeWrong();
    if (check.result === 'expired') throw codeExpired();
    await this.throttle.giveBack(student.id);
    if (check.result === 'malformed') throw codeMalformed();

    const status = this.policy.statusAt(window, now);
    return inTransaction(this.ds, async (tx) => {
      const record = { studentId: student.id, status, source: 'check_in' as const, checkedInAt: now, note: null, authorId: student.id };
      const created = await this.createRecord(tx, session, record);
      if (created) return { ...toAttendanceView(created), alreadyCheckedIn: false };
      const existing = await this.repo.findAttendance(session.id, student.id, tx);
      if (!existing || !earnsCredit(existing.status)) throw attendanceSetByTrainer();
      return { ...toAttendanceView(existing), alreadyCheckedIn: true };
    });
  }

  async correct(sessionId: string, studentId: string, dto: CorrectAttendanceDto, actor: AuthUser): Promise<AttendanceView> {
    const session = await this.sessions.managedSession(sessionId, actor);
    if (!(await this.repo.isOnRoster(session, studentId))) throw studentNotEnrolled();
    const window = this.policy.window(session);
    if (new Date() < window.opensAt) throw sessionNotStarted(window.opensAt);
    const note = dto.note || null;
    const record = await inTransaction(this.ds, async (tx) => {
      let current = await this.repo.lockAttendance(tx, session.id, studentId);
      if (!current) {
        const first = { studentId, status: dto.status, source: 'trainer' as const, checkedInAt: null, note, authorId: actor.id };
        const created = await this.createRecord(tx, session, first);
        if (created) {
          await this.auditCorrection(tx, actor.id, null, created);
          return created;
        }
        // Another writer created it since: lock theirs and correct it.
        current = (await this.repo.lockAttendance(tx, session.id, studentId)) as Attendance;
      }
      const plan = planCorrection(current, dto.status, note, session.creditMinutes);
      if (plan.kind === 'unchanged') return current;
      const updated = await this.repo.updateAttendance(tx, current.id, {
        status: dto.status,
        source: 'trainer',
        note,
        revision: current.revision + 1,
        updatedBy: actor.id,
      });
      const changed = await this.recordChange(tx, session, updated, current.status, actor.id);
      await this.auditCorrection(tx, actor.id, current, changed);
      return changed;
    });
    return toAttendanceView(record);
  }

  /** The audit line of a trainer's correction, in its transaction: the record before (null: none yet) and after. */
  private auditCorrection(tx: EntityManager, actorId: string, before: Attendance | null, after: Attendance): Promise<void> {
    const shape = (a: Attendance) => ({ status: a.status, source: a.source, note: a.note, creditedMinutes: a.creditedMinutes });
    return this.audit.record(tx, {
      actorId,
      action: 'attendance.correct',
      targetType: 'attendance',
      targetId: after.id,
      changes: { sessionId: after.sessionId, studentId: after.studentId, before: before ? shape(before) : null, after: shape(after) },
    });
  }

  /** The first record of a student at a session, with its credit; null when one exists already. */
  private async createRecord(tx: EntityManager, session: ClassSession, r: FirstRecord): Promise<Attendance | null> {
    const record = await this.repo.insertAttendance(tx, {
      sessionId: session.id,
      studentId: r.studentId,
      status: r.status,
      source: r.source,
      checkedInAt: r.checkedInAt,
      creditedMinutes: 0,
      note: r.note,
      updatedBy: r.authorId,
    });
    if (!record) return null;
    return this.recordChange(tx, session, record, null, r.authorId);
  }

  /**
   * Has the ledger record what the record's status earns (the session's minutes for present or
   * late, nothing otherwise), keeps on the record what the ledger holds, and writes the history
   * line of the record's current revision with the change of credit.
   */
  private async recordChange(tx: EntityManager, session: ClassSession, record: Attendance, fromStatus: AttendanceStatus | null, authorId: string): Promise<Attendance> {
    const byTrainer = record.source === 'trainer';
    const earned = earnsCredit(record.status) ? (record.creditedMinutes > 0 ? record.creditedMinutes : session.creditMinutes) : 0;
    const recorded = await this.ledger.record(tx, {
      studentId: record.studentId,
      systemCode: 'general',
      courseId: session.courseId,
      lessonId: session.lessonId,
      source: 'attendance',
      referenceType: 'class_session',
      referenceId: session.id,
      minutes: earned,
      reason: `线下课${byTrainer ? '考勤登记为' : '签到'}${STATUS_LABEL[record.status]}`,
      reversalReason: `线下课考勤更正为${STATUS_LABEL[record.status]}，冲销课时`,
      // A check-in is credited by the system; a correction by the trainer who made it.
      actorId: byTrainer ? authorId : null,
    });
    const current = recorded.minutes === record.creditedMinutes ? record : await this.repo.updateAttendance(tx, record.id, { creditedMinutes: recorded.minutes });
    await this.repo.insertChange(tx, {
      attendanceId: record.id,
      revision: record.revision,
      fromStatus,
      toStatus: record.status,
      note: record.note,
      ledgerMinutes: recorded.entry?.minutes ?? 0,
      authorId,
    });
    return current;
  }
}
