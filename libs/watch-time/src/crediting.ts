import {
  type Interval,
  clipIntervals,
  intersectIntervals,
  intervalsLength,
  normalizeIntervals,
  subtractIntervals,
  unionIntervals,
} from './intervals';

/**
 * Anti-cheat crediting of watched video time.
 *
 * The server is the clock and clients lie: a heartbeat may claim any media intervals, but it can
 * only add as many new seconds as could really have been played since the last accepted heartbeat.
 * Everything is pure and total: time is passed in, inputs are never mutated, and malformed numbers
 * are ignored or treated as zero (failing closed) instead of throwing.
 */

export interface CreditPolicy {
  /** Highest playback rate honoured, e.g. 2.0. */
  maxRate: number;
  /** Slack per heartbeat for network jitter, e.g. 2. */
  toleranceSeconds: number;
  /** false: on a first viewing nothing beyond the furthest watched point is credited. */
  allowSkipAhead: boolean;
  /**
   * Optional. A heartbeat arriving less than this many ms after the last accepted one earns no
   * tolerance (its elapsed time still counts). The tolerance is granted per heartbeat, so without
   * this guard — or a rate limit on the endpoint — a client spamming heartbeats farms
   * `toleranceSeconds` each time. Undefined or 0: every heartbeat gets the tolerance.
   */
  toleranceMinElapsedMs?: number;
}

export const DEFAULT_CREDIT_POLICY: Readonly<CreditPolicy> = Object.freeze({
  maxRate: 2,
  toleranceSeconds: 2,
  allowSkipAhead: false,
});

export const DEFAULT_COMPLETION_THRESHOLD = 0.9;

export interface WatchState {
  durationSeconds: number;
  /** Normalized union of credited intervals so far. */
  watched: Interval[];
  /** Furthest point reached by credited (continuous) watching. */
  furthestSecond: number;
  /** Server time of the last accepted heartbeat (or of the session opening). */
  lastAcceptedAtMs: number;
}

export interface HeartbeatClaim {
  /** Media intervals played since the last acknowledged heartbeat (may repeat lost ones). */
  segments: readonly Interval[];
  /** Informational only (for audit): budgets use policy.maxRate, never a client's word. */
  playbackRate: number;
  visible: boolean;
}

export type RefusalReason = 'hidden' | 'budget' | 'skip_ahead' | 'out_of_range' | 'already_watched';

export interface Refusal {
  reason: RefusalReason;
  seconds: number;
}

export interface CreditOutcome {
  /** New state; lastAcceptedAtMs = nowMs (never moves backwards). */
  state: WatchState;
  /** Intervals added to watched by this heartbeat. */
  newlyCredited: Interval[];
  creditedSeconds: number;
  /**
   * What was not credited and why, for audit. At most one entry per reason, in a fixed order, only
   * non-zero ones. Reasons partition the claim: creditedSeconds + Σ seconds = length of the valid
   * claimed segments (overlaps within the claim counted once).
   */
  refused: Refusal[];
  /**
   * The exact new intervals refused only for lack of time budget. They were not forbidden, only not
   * yet affordable, so the endpoint should not acknowledge them: a client that resends them with
   * its next heartbeat gets them credited once real time has caught up (e.g. after two heartbeats
   * arrive bunched together). Without this, jitter would lose seconds and, when skipping ahead is
   * forbidden, strand the student behind a gap that makes every later segment 'skip_ahead'.
   */
  retryable: Interval[];
  watchedSeconds: number;
  /** watchedSeconds / durationSeconds, in [0, 1]; 0 for a zero or invalid duration. */
  completion: number;
}

const REASON_ORDER: readonly RefusalReason[] = ['out_of_range', 'hidden', 'already_watched', 'skip_ahead', 'budget'];

function nonNegativeFinite(n: number): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

function sanitizedFurthest(furthestSecond: number, duration: number): number {
  return Number.isFinite(furthestSecond) ? clamp(furthestSecond, 0, duration) : 0;
}

/** The most new seconds one heartbeat may add, given the server time elapsed since the last one. */
export function creditBudgetSeconds(elapsedMs: number, policy: CreditPolicy): number {
  const elapsed = nonNegativeFinite(elapsedMs);
  const minElapsedForTolerance = nonNegativeFinite(policy.toleranceMinElapsedMs ?? 0);
  const tolerance = elapsed >= minElapsedForTolerance ? nonNegativeFinite(policy.toleranceSeconds) : 0;
  return (elapsed / 1000) * nonNegativeFinite(policy.maxRate) + tolerance;
}

/**
 * A fresh state when a playback session opens. Passing the previous state keeps what was already
 * credited; the clock restarts at `nowMs` either way, so the time between sessions can never be
 * spent as budget.
 */
export function openWatchSession(previous: WatchState | undefined, durationSeconds: number, nowMs: number): WatchState {
  const duration = nonNegativeFinite(durationSeconds);
  if (previous === undefined) {
    return { durationSeconds: duration, watched: [], furthestSecond: 0, lastAcceptedAtMs: nowMs };
  }
  return {
    durationSeconds: duration,
    watched: clipIntervals(previous.watched, 0, duration),
    furthestSecond: sanitizedFurthest(previous.furthestSecond, duration),
    lastAcceptedAtMs: nowMs,
  };
}

export function creditHeartbeat(
  state: WatchState,
  claim: HeartbeatClaim,
  nowMs: number,
  policy: CreditPolicy,
): CreditOutcome {
  const duration = nonNegativeFinite(state.durationSeconds);
  const tolerance = nonNegativeFinite(policy.toleranceSeconds);

  // A clock that steps back (or a reordered request) must not let the same wall time pay twice,
  // so elapsed is never negative and the accepted time never moves backwards. A non-finite time
  // gives no budget at all.
  const lastAt = state.lastAcceptedAtMs;
  const timesUsable = Number.isFinite(nowMs) && Number.isFinite(lastAt);
  const elapsedMs = timesUsable ? Math.max(0, nowMs - lastAt) : 0;
  const acceptedAtMs = !Number.isFinite(nowMs) ? lastAt : Number.isFinite(lastAt) ? Math.max(lastAt, nowMs) : nowMs;

  // The stored state is trusted only as far as it is consistent with the duration (a replaced,
  // shorter video must not keep credit past its end).
  const watchedBefore = clipIntervals(state.watched, 0, duration);
  const furthestBefore = sanitizedFurthest(state.furthestSecond, duration);

  const claimed = normalizeIntervals(claim.segments);
  const inRange = clipIntervals(claimed, 0, duration);
  const refusedSeconds: Record<RefusalReason, number> = {
    out_of_range: intervalsLength(subtractIntervals(claimed, inRange)),
    hidden: 0,
    already_watched: 0,
    skip_ahead: 0,
    budget: 0,
  };

  const outcome = (newlyCredited: Interval[], furthestSecond: number, retryable: Interval[]): CreditOutcome => {
    const watched = unionIntervals(watchedBefore, newlyCredited);
    const watchedSeconds = intervalsLength(watched);
    return {
      state: { durationSeconds: duration, watched, furthestSecond, lastAcceptedAtMs: acceptedAtMs },
      newlyCredited,
      creditedSeconds: intervalsLength(newlyCredited),
      refused: REASON_ORDER.filter((reason) => refusedSeconds[reason] > 0).map((reason) => ({
        reason,
        seconds: refusedSeconds[reason],
      })),
      retryable,
      watchedSeconds,
      completion: duration > 0 ? clamp(watchedSeconds / duration, 0, 1) : 0,
    };
  };

  // Strict equality: a missing or non-boolean flag is not proof of visibility.
  if (claim.visible !== true) {
    refusedSeconds.hidden = intervalsLength(inRange);
    return outcome([], furthestBefore, []);
  }

  // Continuity first, budget second: whether a segment may be credited at all does not depend on
  // how much time is left, so a budget shortfall is reported as 'budget' (retryable) rather than
  // misreported as a skip. `reach` follows playback through already-watched parts too: passing
  // through credited media is not skipping.
  let accepted: Interval[] = inRange;
  let skipped: Interval[] = [];
  let reach = furthestBefore;
  if (!policy.allowSkipAhead) {
    accepted = [];
    for (const segment of inRange) {
      if (segment[0] <= reach + tolerance) {
        accepted.push(segment);
        reach = Math.max(reach, segment[1]);
      } else {
        skipped.push(segment);
      }
    }
  }

  refusedSeconds.already_watched = intervalsLength(intersectIntervals(inRange, watchedBefore));
  refusedSeconds.skip_ahead = intervalsLength(subtractIntervals(skipped, watchedBefore));

  // Budget is spent in ascending media order so that, on a linear viewing, the credited part is
  // always a prefix of what was claimed and furthestSecond stays meaningful.
  const newParts = subtractIntervals(accepted, watchedBefore);
  let remaining = creditBudgetSeconds(elapsedMs, policy);
  const newlyCredited: Interval[] = [];
  let cutoff: number | undefined;
  for (const [from, to] of newParts) {
    if (to - from <= remaining) {
      newlyCredited.push([from, to]);
      remaining -= to - from;
      continue;
    }
    const end = from + remaining;
    if (end > from) newlyCredited.push([from, end]);
    cutoff = Math.max(from, end);
    break;
  }
  const retryable = subtractIntervals(newParts, newlyCredited);
  refusedSeconds.budget = intervalsLength(retryable);

  let furthestSecond: number;
  if (policy.allowSkipAhead) {
    const lastCredited = newlyCredited[newlyCredited.length - 1];
    furthestSecond = Math.max(furthestBefore, lastCredited === undefined ? 0 : lastCredited[1]);
  } else {
    // Continuous playback extends the furthest point only as far as it was actually paid for.
    furthestSecond = Math.max(furthestBefore, cutoff ?? reach);
  }

  return outcome(newlyCredited, furthestSecond, retryable);
}

/** Tolerance for float rounding in the completion comparison; far below anything exploitable. */
const COMPLETION_EPSILON_SECONDS = 1e-6;

/**
 * Whether the watched share reaches `threshold` (clamped to [0, 1]). Fails closed: a zero or
 * invalid duration, or any non-finite argument, is never complete. Use this rather than comparing
 * `completion >= threshold`, which can miss by one ulp (0.9 × 777 is 699.3000000000001 in floats).
 */
export function isComplete(watchedSeconds: number, durationSeconds: number, threshold: number): boolean {
  if (!Number.isFinite(watchedSeconds) || !Number.isFinite(threshold)) return false;
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) return false;
  return watchedSeconds >= clamp(threshold, 0, 1) * durationSeconds - COMPLETION_EPSILON_SECONDS;
}

/**
 * Within this many seconds of the end, the video counts as played to the end for resuming, and
 * unwatched gaps shorter than this are not worth resuming at (they are usually tolerance slack).
 */
export const RESUME_END_MARGIN_SECONDS = 5;

/**
 * Where the player should start.
 * - Not yet near the end: at furthestSecond, where the student left off.
 * - Near or at the end: at the start of the first unwatched gap of at least
 *   RESUME_END_MARGIN_SECONDS, so a student who reached the end while parts were not credited
 *   (hidden tab, refused budget) is taken straight to what still counts toward completion;
 *   with no such gap, at 0 (a replay), since resuming at the credits is useless.
 */
export function resumePosition(state: WatchState): number {
  const duration = nonNegativeFinite(state.durationSeconds);
  if (duration === 0) return 0;
  const furthest = sanitizedFurthest(state.furthestSecond, duration);
  if (duration - furthest > RESUME_END_MARGIN_SECONDS) return furthest;
  const gaps = subtractIntervals([[0, duration]], clipIntervals(state.watched, 0, duration));
  const gap = gaps.find(([from, to]) => to - from >= RESUME_END_MARGIN_SECONDS);
  return gap === undefined ? 0 : gap[0];
}
