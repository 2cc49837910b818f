import fc from 'fast-check';
import { type CreditPolicy, creditHeartbeat, openWatchSession } from './crediting';
import { type Interval, intervalsLength, normalizeIntervals } from './intervals';

/**
 * The client side of the heartbeat protocol, simulated against the server's crediting: a player at a
 * steady rate reports every few seconds; some reports are lost on the way (or their answers are);
 * the client keeps what was not acknowledged (lost reports whole, and the server's `retryable` part
 * of answered ones) and sends it again with the next report. The server's clock runs the same as
 * the client's, plus a network delay per report.
 */
interface Step {
  intervalMs: number;
  delayMs: number;
  lost: boolean;
}

const policy: CreditPolicy = { maxRate: 2, toleranceSeconds: 2, allowSkipAhead: false, toleranceMinElapsedMs: 5000 };

function simulate(rate: number, steps: Step[], duration: number) {
  let state = openWatchSession(undefined, duration, 0);
  let clientMs = 0;
  let position = 0;
  let pending: Interval[] = [];
  const send = (delayMs: number, lost: boolean) => {
    if (lost) return;
    const outcome = creditHeartbeat(state, { segments: pending, playbackRate: rate, visible: true }, clientMs + delayMs, policy);
    state = outcome.state;
    pending = outcome.retryable;
  };
  for (const step of steps) {
    clientMs += step.intervalMs;
    const next = Math.min(duration, position + (step.intervalMs / 1000) * rate);
    pending = normalizeIntervals([...pending, [position, next]]);
    position = next;
    send(step.delayMs, step.lost);
  }
  // The player stops; its last report (and one more if that one left a remainder) gets through.
  clientMs += 2000;
  send(0, false);
  clientMs += 2000;
  send(0, false);
  return { truly: position, credited: intervalsLength(state.watched) };
}

const steps = fc.array(
  fc.record({
    intervalMs: fc.integer({ min: 8_000, max: 12_000 }),
    delayMs: fc.integer({ min: 0, max: 800 }),
    lost: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  }),
  { minLength: 1, maxLength: 40 },
);

describe('heartbeat resending (client protocol × server crediting)', () => {
  it('credits an honest viewer at up to the maximum rate everything watched, despite lost heartbeats', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.25, max: 2, noNaN: true }), steps, (rate, plan) => {
        const { truly, credited } = simulate(rate, plan, 3600);
        expect(credited).toBeLessThanOrEqual(truly + 1e-6);
        expect(credited).toBeGreaterThanOrEqual(truly - 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('never credits a viewer faster than the maximum rate more than real time allows', () => {
    fc.assert(
      fc.property(fc.double({ min: 2.5, max: 16, noNaN: true }), steps, (rate, plan) => {
        const { credited } = simulate(rate, plan, 36_000);
        const wallSeconds = (plan.reduce((ms, s) => ms + s.intervalMs, 0) + 4000 + Math.max(...plan.map((s) => s.delayMs))) / 1000;
        expect(credited).toBeLessThanOrEqual(wallSeconds * policy.maxRate + policy.toleranceSeconds * (plan.length + 2) + 1e-6);
      }),
      { numRuns: 300 },
    );
  });
});
