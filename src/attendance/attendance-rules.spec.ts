import fc from 'fast-check';
import { type AttendanceState, attendanceRate, checkInStatus, isWithin, planCorrection, sessionWindow } from './attendance-rules';
import type { AttendanceStatus } from './entities/attendance.entity';

const start = new Date('2026-03-01T06:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('session window and lateness', () => {
  const w = sessionWindow({ startsAt: start, durationMinutes: 120 }, 15);

  it('opens early by the slack and closes at the end', () => {
    expect(w).toEqual({ opensAt: at(-15), startsAt: start, endsAt: at(120) });
    expect([at(-16), at(-15), at(0), at(119.99), at(120)].map((t) => isWithin(w, t))).toEqual([false, true, true, true, false]);
  });

  it('counts a check-in as late only after the grace', () => {
    expect([at(-10), at(10), at(10.01), at(90)].map((t) => checkInStatus(w, t, 10))).toEqual(['present', 'present', 'late', 'late']);
  });
});

describe('planCorrection', () => {
  const state = (status: AttendanceStatus, creditedMinutes: number, note: string | null = null): AttendanceState => ({ status, note, creditedMinutes });

  it('credits, reverses exactly what was credited, or writes nothing, by transition', () => {
    const cases: Array<[AttendanceState, AttendanceStatus, ReturnType<typeof planCorrection>]> = [
      [state('present', 120), 'absent', { kind: 'change', ledger: { minutes: -120, purpose: 'reversal' }, creditedMinutes: 0 }],
      [state('late', 90), 'excused', { kind: 'change', ledger: { minutes: -90, purpose: 'reversal' }, creditedMinutes: 0 }],
      [state('absent', 0), 'present', { kind: 'change', ledger: { minutes: 120, purpose: 'credit' }, creditedMinutes: 120 }],
      [state('excused', 0), 'late', { kind: 'change', ledger: { minutes: 120, purpose: 'credit' }, creditedMinutes: 120 }],
      [state('present', 90), 'late', { kind: 'change', ledger: null, creditedMinutes: 90 }],
      [state('absent', 0), 'excused', { kind: 'change', ledger: null, creditedMinutes: 0 }],
      [state('present', 120), 'present', { kind: 'unchanged' }],
      [state('absent', 0, '病假'), 'absent', { kind: 'change', ledger: null, creditedMinutes: 0 }],
    ];
    for (const [current, target, plan] of cases) expect(planCorrection(current, target, null, 120)).toEqual(plan);
    expect(planCorrection(state('absent', 0, '病假'), 'absent', '病假', 120)).toEqual({ kind: 'unchanged' });
  });

  it('writes no entry for a session that credits nothing', () => {
    expect(planCorrection(state('absent', 0), 'present', null, 0)).toEqual({ kind: 'change', ledger: null, creditedMinutes: 0 });
  });

  it('keeps the ledger sum equal to the credited minutes over any sequence of corrections', () => {
    const statusArb = fc.constantFrom<AttendanceStatus>('present', 'late', 'absent', 'excused');
    fc.assert(
      fc.property(statusArb, fc.array(statusArb, { maxLength: 30 }), fc.integer({ min: 0, max: 720 }), (first, targets, minutes) => {
        let current = state(first, ['present', 'late'].includes(first) ? minutes : 0);
        let ledger = current.creditedMinutes;
        for (const target of targets) {
          const plan = planCorrection(current, target, null, minutes);
          if (plan.kind === 'unchanged') continue;
          ledger += plan.ledger?.minutes ?? 0;
          if (plan.ledger) expect(plan.ledger.minutes).not.toBe(0);
          current = { status: target, note: null, creditedMinutes: plan.creditedMinutes };
          expect(ledger).toBe(current.creditedMinutes);
          expect(ledger).toBe(target === 'present' || target === 'late' ? minutes : 0);
        }
      }),
    );
  });
});

describe('attendanceRate', () => {
  it('is attended / expected to four decimals, and null when nothing was expected', () => {
    expect(attendanceRate(2, 3)).toBe(0.6667);
    expect(attendanceRate(0, 4)).toBe(0);
    expect(attendanceRate(0, 0)).toBeNull();
  });
});
