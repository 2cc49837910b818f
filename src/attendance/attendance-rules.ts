import type { AttendanceStatus } from './entities/attendance.entity';

/** The rules of attendance as plain functions: no Nest, no database. */

export interface SessionTimes {
  startsAt: Date;
  durationMinutes: number;
}

export interface SessionWindow {
  /** Check-in opens: the start minus the configured slack. */
  opensAt: Date;
  startsAt: Date;
  /** The end of the session, when check-in closes. */
  endsAt: Date;
}

const MINUTE = 60_000;

export function sessionWindow(s: SessionTimes, earlyMinutes: number): SessionWindow {
  const start = s.startsAt.getTime();
  return { opensAt: new Date(start - earlyMinutes * MINUTE), startsAt: s.startsAt, endsAt: new Date(start + s.durationMinutes * MINUTE) };
}

export function isWithin(w: SessionWindow, now: Date): boolean {
  return now >= w.opensAt && now < w.endsAt;
}

/** Check-in is open while a trainer has opened it (and not closed it since) and the window lasts. */
export function isCheckInOpen(s: { checkInOpenedAt: Date | null; checkInClosedAt: Date | null }, w: SessionWindow, now: Date): boolean {
  return s.checkInOpenedAt !== null && s.checkInClosedAt === null && isWithin(w, now);
}

/** A check-in more than `lateAfterMinutes` after the start is late. */
export function checkInStatus(w: SessionWindow, now: Date, lateAfterMinutes: number): 'present' | 'late' {
  return now.getTime() > w.startsAt.getTime() + lateAfterMinutes * MINUTE ? 'late' : 'present';
}

/** Present and late earn the session's hours; absent and excused earn none. */
export function earnsCredit(status: AttendanceStatus): boolean {
  return status === 'present' || status === 'late';
}

export interface AttendanceState {
  status: AttendanceStatus;
  note: string | null;
  creditedMinutes: number;
}

export type CorrectionPlan =
  | { kind: 'unchanged' }
  | { kind: 'change'; ledger: { minutes: number; purpose: 'credit' | 'reversal' } | null; creditedMinutes: number };

/**
 * What a correction does: nothing when status and note are already as asked; otherwise a
 * new revision that credits the session's minutes when the record starts earning credit,
 * reverses exactly what was credited when it stops, and writes no ledger entry otherwise.
 */
export function planCorrection(current: AttendanceState, status: AttendanceStatus, note: string | null, sessionCreditMinutes: number): CorrectionPlan {
  if (current.status === status && current.note === note) return { kind: 'unchanged' };
  const credited = current.creditedMinutes > 0;
  if (earnsCredit(status) && !credited && sessionCreditMinutes > 0) {
    return { kind: 'change', ledger: { minutes: sessionCreditMinutes, purpose: 'credit' }, creditedMinutes: sessionCreditMinutes };
  }
  if (!earnsCredit(status) && credited) {
    return { kind: 'change', ledger: { minutes: -current.creditedMinutes, purpose: 'reversal' }, creditedMinutes: 0 };
  }
  return { kind: 'change', ledger: null, creditedMinutes: current.creditedMinutes };
}

/** attended / expected, to four decimals; null when nothing was expected. */
export function attendanceRate(attended: number, expected: number): number | null {
  return expected > 0 ? Math.round((attended / expected) * 10_000) / 10_000 : null;
}
