import fc from 'fast-check';
import {
  type CreditOutcome,
  type CreditPolicy,
  type HeartbeatClaim,
  type WatchState,
  DEFAULT_CREDIT_POLICY,
  creditHeartbeat,
  isComplete,
  openWatchSession,
  resumePosition,
} from './crediting';
import { type Interval, intersectIntervals, intervalsLength, normalizeIntervals, unionIntervals } from './intervals';

// Lengths are sums of doubles: allow rounding noise far below a millisecond of media.
const EPS = 1e-6;

const noSkip: CreditPolicy = { maxRate: 2, toleranceSeconds: 2, allowSkipAhead: false };
const skip: CreditPolicy = { ...noSkip, allowSkipAhead: true };

function makeState(overrides: Partial<WatchState> = {}): WatchState {
  return { durationSeconds: 600, watched: [], furthestSecond: 0, lastAcceptedAtMs: 0, ...overrides };
}

function makeClaim(segments: Interval[], overrides: Partial<HeartbeatClaim> = {}): HeartbeatClaim {
  return { segments, playbackRate: 1, visible: true, ...overrides };
}

function refusedSeconds(outcome: CreditOutcome, reason: string): number {
  return outcome.refused.find((r) => r.reason === reason)?.seconds ?? 0;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('creditHeartbeat: time budget', () => {
  it('credits at most elapsed × maxRate + tolerance: 600 s claimed after 10 s credits 22 s', () => {
    for (const policy of [noSkip, skip]) {
      const outcome = creditHeartbeat(makeState(), makeClaim([[0, 600]]), 10_000, policy);
      expect(outcome.creditedSeconds).toBe(22);
      expect(outcome.newlyCredited).toEqual([[0, 22]]);
      expect(outcome.refused).toEqual([{ reason: 'budget', seconds: 578 }]);
      expect(outcome.retryable).toEqual([[22, 600]]);
      expect(outcome.state.furthestSecond).toBe(22);
    }
  });

  it('spends the budget in ascending media order of the new parts', () => {
    const outcome = creditHeartbeat(makeState(), makeClaim([[300, 310], [0, 10], [100, 110]]), 5_000, skip);
    expect(outcome.newlyCredited).toEqual([[0, 10], [100, 102]]);
    expect(refusedSeconds(outcome, 'budget')).toBe(18);
  });

  it('charges nothing for already-watched seconds and counts them once', () => {
    const state = makeState({ watched: [[0, 100]], furthestSecond: 100 });
    const outcome = creditHeartbeat(state, makeClaim([[0, 120]]), 10_000, noSkip);
    expect(outcome.newlyCredited).toEqual([[100, 120]]);
    expect(outcome.refused).toEqual([{ reason: 'already_watched', seconds: 100 }]);
    expect(outcome.watchedSeconds).toBe(120);
  });

  it('credits a lost heartbeat resent with the next one when real time allows', () => {
    // The heartbeat at 10 s never reached the server; the next one repeats its segment.
    const outcome = creditHeartbeat(makeState(), makeClaim([[0, 10], [10, 20]]), 20_000, noSkip);
    expect(outcome.creditedSeconds).toBe(20);
    expect(outcome.state.furthestSecond).toBe(20);
  });

  it('credits budget-refused seconds when they are resent after real time has caught up', () => {
    // Two heartbeats arrive bunched: the first late, the second on time.
    const first = creditHeartbeat(makeState(), makeClaim([[0, 10]]), 19_500, noSkip);
    const second = creditHeartbeat(first.state, makeClaim([[10, 20]]), 20_000, noSkip);
    expect(second.newlyCredited).toEqual([[10, 13]]);
    expect(second.retryable).toEqual([[13, 20]]);
    const third = creditHeartbeat(second.state, makeClaim([...second.retryable, [20, 30]]), 30_000, noSkip);
    expect(third.newlyCredited).toEqual([[13, 30]]);
    expect(third.state.watched).toEqual([[0, 30]]);
    expect(third.state.furthestSecond).toBe(30);
  });

  it('gives no budget for time that runs backwards and keeps the accepted time', () => {
    const state = makeState({ lastAcceptedAtMs: 50_000 });
    const outcome = creditHeartbeat(state, makeClaim([[0, 60]]), 40_000, skip);
    expect(outcome.creditedSeconds).toBe(2); // tolerance only
    expect(outcome.state.lastAcceptedAtMs).toBe(50_000);
  });

  it('uses the policy rate, not the rate the client claims', () => {
    const outcome = creditHeartbeat(makeState(), makeClaim([[0, 600]], { playbackRate: 16 }), 10_000, skip);
    expect(outcome.creditedSeconds).toBe(22);
  });

  it('withholds the tolerance from heartbeats sent faster than toleranceMinElapsedMs', () => {
    const policy: CreditPolicy = { ...skip, toleranceMinElapsedMs: 5_000 };
    let state = makeState();
    let total = 0;
    for (let i = 1; i <= 100; i++) {
      const outcome = creditHeartbeat(state, makeClaim([[0, 600]]), i * 10, policy); // a heartbeat every 10 ms
      state = outcome.state;
      total += outcome.creditedSeconds;
    }
    expect(total).toBeCloseTo(2, 9); // 1 s of wall time at rate 2, no tolerance farmed
    const withoutGuard = [...Array(100).keys()].reduce(
      (s) => creditHeartbeat(s, makeClaim([[0, 600]]), s.lastAcceptedAtMs + 10, skip).state,
      makeState(),
    );
    expect(intervalsLength(withoutGuard.watched)).toBeGreaterThan(200); // why the guard (or a rate limit) exists
  });
});

describe('creditHeartbeat: visibility', () => {
  it('credits nothing while the page is hidden', () => {
    const outcome = creditHeartbeat(makeState(), makeClaim([[0, 10]], { visible: false }), 10_000, skip);
    expect(outcome.creditedSeconds).toBe(0);
    expect(outcome.state.watched).toEqual([]);
    expect(outcome.refused).toEqual([{ reason: 'hidden', seconds: 10 }]);
    expect(outcome.retryable).toEqual([]);
  });

  it('still advances the clock, so hidden time cannot be banked for later', () => {
    const hidden = creditHeartbeat(makeState(), makeClaim([], { visible: false }), 600_000, skip);
    expect(hidden.state.lastAcceptedAtMs).toBe(600_000);
    const visible = creditHeartbeat(hidden.state, makeClaim([[0, 600]]), 601_000, skip);
    expect(visible.creditedSeconds).toBe(4); // 1 s × 2 + 2
  });

  it('treats a missing visibility flag as hidden', () => {
    const claim = { segments: [[0, 10]], playbackRate: 1 } as unknown as HeartbeatClaim;
    expect(creditHeartbeat(makeState(), claim, 10_000, skip).creditedSeconds).toBe(0);
  });
});

describe('creditHeartbeat: skipping ahead', () => {
  const watchedTo100 = makeState({ watched: [[0, 100]], furthestSecond: 100 });

  it('credits nothing beyond the furthest point on a first viewing', () => {
    const outcome = creditHeartbeat(watchedTo100, makeClaim([[300, 310]]), 10_000, noSkip);
    expect(outcome.creditedSeconds).toBe(0);
    expect(outcome.refused).toEqual([{ reason: 'skip_ahead', seconds: 10 }]);
    expect(outcome.retryable).toEqual([]);
    expect(outcome.state.furthestSecond).toBe(100);
  });

  it('credits the same segment when the lesson allows skipping, and moves the furthest point', () => {
    const outcome = creditHeartbeat(watchedTo100, makeClaim([[300, 310]]), 10_000, skip);
    expect(outcome.newlyCredited).toEqual([[300, 310]]);
    expect(outcome.state.furthestSecond).toBe(310);
  });

  it('accepts a start within the tolerance of the furthest point, but not beyond it', () => {
    expect(creditHeartbeat(watchedTo100, makeClaim([[102, 110]]), 10_000, noSkip).newlyCredited).toEqual([[102, 110]]);
    expect(creditHeartbeat(watchedTo100, makeClaim([[102.5, 110]]), 10_000, noSkip).creditedSeconds).toBe(0);
  });

  it('lets continuous segments in one heartbeat carry the furthest point forward', () => {
    const outcome = creditHeartbeat(watchedTo100, makeClaim([[111, 120], [100, 110], [200, 205]]), 10_000, noSkip);
    expect(outcome.newlyCredited).toEqual([[100, 110], [111, 120]]);
    expect(refusedSeconds(outcome, 'skip_ahead')).toBe(5);
    expect(outcome.state.furthestSecond).toBe(120);
  });

  it('allows re-watching earlier parts', () => {
    const state = makeState({ watched: [[0, 40], [60, 100]], furthestSecond: 100 });
    const outcome = creditHeartbeat(state, makeClaim([[30, 70]]), 10_000, noSkip);
    expect(outcome.newlyCredited).toEqual([[40, 60]]);
    expect(outcome.state.furthestSecond).toBe(100);
  });

  it('moves the furthest point only as far as the budget paid for', () => {
    const outcome = creditHeartbeat(watchedTo100, makeClaim([[100, 200]]), 4_000, noSkip);
    expect(outcome.newlyCredited).toEqual([[100, 110]]);
    expect(outcome.state.furthestSecond).toBe(110);
  });
});

describe('creditHeartbeat: malformed claims', () => {
  it('clips segments to the video and reports the rest as out of range', () => {
    const state = makeState({ durationSeconds: 100 });
    const outcome = creditHeartbeat(state, makeClaim([[95, 130], [-20, 5]]), 60_000, skip);
    expect(outcome.newlyCredited).toEqual([[0, 5], [95, 100]]);
    expect(outcome.refused).toEqual([{ reason: 'out_of_range', seconds: 50 }]);
  });

  it('ignores NaN, infinite and inverted segments without throwing', () => {
    const segments: Interval[] = [[Number.NaN, 10], [0, Number.NaN], [20, 10], [5, 5], [0, Infinity], [0, 3]];
    const outcome = creditHeartbeat(makeState(), makeClaim(segments), 10_000, skip);
    expect(outcome.newlyCredited).toEqual([[0, 3]]);
  });

  it('credits nothing for a zero or invalid duration and reports completion 0', () => {
    for (const durationSeconds of [0, -5, Number.NaN, Infinity]) {
      const outcome = creditHeartbeat(makeState({ durationSeconds }), makeClaim([[0, 10]]), 10_000, skip);
      expect(outcome.creditedSeconds).toBe(0);
      expect(outcome.completion).toBe(0);
    }
  });

  it('gives no budget when a time or the policy is not a finite number', () => {
    const nanTime = creditHeartbeat(makeState(), makeClaim([[0, 10]]), Number.NaN, { ...skip, toleranceSeconds: 0 });
    expect(nanTime.creditedSeconds).toBe(0);
    const nanPolicy = { maxRate: Number.NaN, toleranceSeconds: -3, allowSkipAhead: true };
    expect(creditHeartbeat(makeState(), makeClaim([[0, 10]]), 10_000, nanPolicy).creditedSeconds).toBe(0);
  });

  it('never mutates its inputs', () => {
    const state = deepFreeze(makeState({ watched: [[0, 10]], furthestSecond: 10 }));
    const claim = deepFreeze(makeClaim([[5, 40], [0, 2]]));
    const policy = deepFreeze({ ...noSkip });
    expect(() => creditHeartbeat(state, claim, 10_000, policy)).not.toThrow();
  });
});

describe('isComplete', () => {
  it('is reached at the threshold share of the duration', () => {
    expect(isComplete(540, 600, 0.9)).toBe(true);
    expect(isComplete(539, 600, 0.9)).toBe(false);
  });

  it('is not defeated by float rounding of threshold × duration', () => {
    expect(0.9 * 777).toBeGreaterThan(699.3);
    expect(isComplete(699.3, 777, 0.9)).toBe(true);
  });

  it('fails closed on a zero duration or non-finite arguments', () => {
    expect(isComplete(0, 0, 0.9)).toBe(false);
    expect(isComplete(Number.NaN, 600, 0.9)).toBe(false);
    expect(isComplete(600, 600, Number.NaN)).toBe(false);
  });
});

describe('resumePosition', () => {
  it('resumes at the furthest point reached', () => {
    expect(resumePosition(makeState({ watched: [[0, 250]], furthestSecond: 250 }))).toBe(250);
  });

  it('restarts from 0 once the end was reached and nothing sizeable is missing', () => {
    expect(resumePosition(makeState({ watched: [[0, 597]], furthestSecond: 597 }))).toBe(0);
  });

  it('goes to the first sizeable unwatched gap once the end was reached', () => {
    const state = makeState({ watched: [[0, 100], [101, 200], [260, 600]], furthestSecond: 600 });
    expect(resumePosition(state)).toBe(200);
  });

  it('is 0 for an unusable state', () => {
    expect(resumePosition(makeState({ durationSeconds: Number.NaN, furthestSecond: 50 }))).toBe(0);
    expect(resumePosition(makeState({ furthestSecond: Number.NaN }))).toBe(0);
  });
});

describe('openWatchSession', () => {
  it('keeps the credit and restarts the clock, so time between sessions is no budget', () => {
    const previous = makeState({ watched: [[0, 100]], furthestSecond: 100, lastAcceptedAtMs: 0 });
    const reopened = openWatchSession(previous, 600, 86_400_000);
    expect(reopened).toEqual({ ...previous, lastAcceptedAtMs: 86_400_000 });
    expect(creditHeartbeat(reopened, makeClaim([[100, 600]]), 86_410_000, noSkip).creditedSeconds).toBe(22);
  });

  it('starts empty for a first session', () => {
    expect(openWatchSession(undefined, 600, 5)).toEqual(makeState({ lastAcceptedAtMs: 5 }));
  });
});

describe('an honest viewer', () => {
  it('completes a lesson watched linearly at 1× with 10 s heartbeats', () => {
    let state = openWatchSession(undefined, 95, 0);
    for (let t = 10; t <= 100; t += 10) {
      state = creditHeartbeat(state, makeClaim([[t - 10, t]]), t * 1000, DEFAULT_CREDIT_POLICY).state;
    }
    expect(state.watched).toEqual([[0, 95]]);
    expect(isComplete(intervalsLength(state.watched), 95, 0.9)).toBe(true);
    expect(resumePosition(state)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const anyNumber = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, -0) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 8, arbitrary: fc.double({ min: -30, max: 220, noNaN: true }) },
);

// Segments are either absolute (anywhere, including garbage) or relative to the current furthest
// point, so that continuous first viewings are exercised too, not only wild skips.
type SegmentSpec =
  | { kind: 'absolute'; from: number; to: number }
  | { kind: 'relative'; offset: number; length: number };
const segmentSpec: fc.Arbitrary<SegmentSpec> = fc.oneof(
  fc.record({ kind: fc.constant('absolute' as const), from: anyNumber, to: anyNumber }),
  fc.record({
    kind: fc.constant('relative' as const),
    offset: fc.double({ min: -15, max: 5, noNaN: true }),
    length: fc.double({ min: -1, max: 40, noNaN: true }),
  }),
);

const heartbeatSpec = fc.record({
  dtMs: fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: -5_000, max: 0 }) }, // the server clock stepping back
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 30_000 }) },
  ),
  segments: fc.array(segmentSpec, { maxLength: 4 }),
  playbackRate: anyNumber,
  visible: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

const policyArb: fc.Arbitrary<CreditPolicy> = fc.record(
  {
    maxRate: fc.double({ min: 0, max: 4, noNaN: true }),
    toleranceSeconds: fc.double({ min: 0, max: 5, noNaN: true }),
    allowSkipAhead: fc.boolean(),
    toleranceMinElapsedMs: fc.integer({ min: 0, max: 10_000 }),
  },
  { requiredKeys: ['maxRate', 'toleranceSeconds', 'allowSkipAhead'] },
);

function toSegment(spec: SegmentSpec, furthest: number): Interval {
  if (spec.kind === 'absolute') return [spec.from, spec.to];
  return [furthest + spec.offset, furthest + spec.offset + spec.length];
}

function isNormalizedWithin(intervals: readonly Interval[], from: number, to: number): boolean {
  return intervals.every(([a, b], i) => from <= a && a < b && b <= to && (i === 0 || intervals[i - 1][1] < a));
}

describe('creditHeartbeat properties', () => {
  it('over any heartbeat sequence, keeps every invariant and never credits more than time allows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 180, noNaN: true }),
        policyArb,
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(heartbeatSpec, { maxLength: 25 }),
        (durationSeconds, policy, startMs, heartbeats) => {
          let state = openWatchSession(undefined, durationSeconds, startMs);
          let nowMs = startMs;
          let latestMs = startMs;
          for (const heartbeat of heartbeats) {
            nowMs += heartbeat.dtMs;
            latestMs = Math.max(latestMs, nowMs);
            const claim: HeartbeatClaim = {
              segments: heartbeat.segments.map((spec) => toSegment(spec, state.furthestSecond)),
              playbackRate: heartbeat.playbackRate,
              visible: heartbeat.visible,
            };
            const before = state;
            const outcome = creditHeartbeat(before, claim, nowMs, policy);
            state = outcome.state;

            const elapsedSeconds = Math.max(0, nowMs - before.lastAcceptedAtMs) / 1000;
            const budget = elapsedSeconds * policy.maxRate + policy.toleranceSeconds;
            expect(outcome.creditedSeconds).toBeLessThanOrEqual(budget + EPS);
            if (!claim.visible) expect(outcome.creditedSeconds).toBe(0);

            expect(isNormalizedWithin(state.watched, 0, durationSeconds)).toBe(true);
            expect(intersectIntervals(outcome.newlyCredited, before.watched)).toEqual([]);
            expect(state.watched).toEqual(unionIntervals(before.watched, outcome.newlyCredited));
            expect(outcome.creditedSeconds).toBeCloseTo(intervalsLength(outcome.newlyCredited), 9);
            expect(outcome.watchedSeconds).toBe(intervalsLength(state.watched));
            expect(outcome.watchedSeconds).toBeLessThanOrEqual(durationSeconds + EPS);
            expect(outcome.completion).toBeGreaterThanOrEqual(0);
            expect(outcome.completion).toBeLessThanOrEqual(1);

            // Every claimed second is either credited or refused for exactly one reason.
            const refused = outcome.refused.reduce((sum, r) => sum + r.seconds, 0);
            const claimedSeconds = intervalsLength(normalizeIntervals(claim.segments));
            expect(outcome.creditedSeconds + refused).toBeCloseTo(claimedSeconds, 6);
            expect(outcome.refused.every((r) => r.seconds > 0)).toBe(true);
            expect(intersectIntervals(outcome.retryable, outcome.newlyCredited)).toEqual([]);

            expect(state.lastAcceptedAtMs).toBe(Math.max(before.lastAcceptedAtMs, nowMs));
            expect(state.furthestSecond).toBeGreaterThanOrEqual(before.furthestSecond);
            expect(state.furthestSecond).toBeLessThanOrEqual(durationSeconds);
            if (!policy.allowSkipAhead && outcome.newlyCredited.length > 0) {
              // A first viewing can only continue from (about) where it stopped.
              expect(outcome.newlyCredited[0][0]).toBeLessThanOrEqual(before.furthestSecond + policy.toleranceSeconds);
            }
            // Nothing credited lies beyond the furthest point, skipping or not.
            expect(state.watched.every(([, to]) => to <= state.furthestSecond)).toBe(true);
          }
          const wallSeconds = (latestMs - startMs) / 1000;
          const ceiling = wallSeconds * policy.maxRate + policy.toleranceSeconds * heartbeats.length;
          expect(intervalsLength(state.watched)).toBeLessThanOrEqual(Math.min(durationSeconds, ceiling) + EPS);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic and leaves its inputs untouched', () => {
    fc.assert(
      fc.property(policyArb, heartbeatSpec, fc.integer({ min: -10_000, max: 60_000 }), (policy, heartbeat, nowMs) => {
        const state = makeState({ durationSeconds: 120, watched: [[0, 30], [50, 60]], furthestSecond: 60 });
        const claim = makeClaim(heartbeat.segments.map((spec) => toSegment(spec, 60)), { visible: heartbeat.visible });
        const snapshot = structuredClone({ state, claim, policy });
        const first = creditHeartbeat(state, claim, nowMs, policy);
        expect(creditHeartbeat(state, claim, nowMs, policy)).toEqual(first);
        expect({ state, claim, policy }).toEqual(snapshot);
      }),
    );
  });

  it('credits disjoint segments the same in any heartbeat order when skipping is allowed and time is ample', () => {
    const disjointSegments = fc
      .uniqueArray(fc.integer({ min: 0, max: 600 }), { minLength: 2, maxLength: 20 })
      .map((points) => {
        const sorted = [...points].sort((x, y) => x - y);
        const segments: Interval[] = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) segments.push([sorted[i], sorted[i + 1]]);
        return segments;
      });
    const withPermutation = disjointSegments.chain((segments) =>
      fc.tuple(
        fc.constant(segments),
        fc.shuffledSubarray(segments, { minLength: segments.length, maxLength: segments.length }),
      ),
    );
    fc.assert(
      fc.property(withPermutation, ([inOrder, shuffled]) => {
        const run = (segments: Interval[]): WatchState =>
          segments.reduce(
            (state, segment) =>
              creditHeartbeat(state, makeClaim([segment]), state.lastAcceptedAtMs + 1_000_000, skip).state,
            makeState(),
          );
        const [a, b] = [run(inOrder), run(shuffled)];
        expect(b.watched).toEqual(a.watched);
        expect(intervalsLength(b.watched)).toBe(inOrder.reduce((sum, [from, to]) => sum + (to - from), 0));
      }),
    );
  });
});
