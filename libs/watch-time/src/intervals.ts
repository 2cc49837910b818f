/**
 * Half-open media intervals [from, to) in seconds.
 *
 * Half-open so that consecutive heartbeats ([0, 10) then [10, 20)) share no second and merge into
 * [0, 20) without counting the boundary twice. Every function here is total: anything that is not
 * a finite, non-empty interval is dropped rather than thrown on, because the inputs ultimately
 * come from clients and a malformed segment must never break crediting for the rest.
 */
export type Interval = readonly [from: number, to: number];

function isUsable(interval: Interval | undefined): interval is Interval {
  if (!Array.isArray(interval)) return false;
  const [from, to] = interval;
  return (
    typeof from === 'number' && typeof to === 'number' && Number.isFinite(from) && Number.isFinite(to) && from < to
  );
}

// -0 and 0 are the same point; returning 0 keeps results structurally equal (Jest's toEqual and
// JSON consumers would otherwise see two different values).
function plainZero(n: number): number {
  return n === 0 ? 0 : n;
}

/**
 * Sorted, disjoint, non-touching intervals. Non-finite endpoints (NaN, ±Infinity) make an interval
 * unusable: an infinite span has no meaningful length and would poison every sum downstream.
 */
export function normalizeIntervals(intervals: readonly Interval[]): Interval[] {
  const usable = intervals.filter(isUsable).map(([from, to]) => [from, to] as [number, number]);
  usable.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const current of usable) {
    const last = merged[merged.length - 1];
    if (last !== undefined && current[0] <= last[1]) {
      if (current[1] > last[1]) last[1] = current[1];
    } else {
      merged.push(current);
    }
  }
  return merged.map(([from, to]) => [plainZero(from), plainZero(to)] as const);
}

export function unionIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return normalizeIntervals([...a, ...b]);
}

/** Total length of the covered set: overlaps are counted once. */
export function intervalsLength(intervals: readonly Interval[]): number {
  let total = 0;
  for (const [from, to] of normalizeIntervals(intervals)) total += to - from;
  return total;
}

/** Parts of `a` not covered by `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cuts = normalizeIntervals(b);
  const result: Interval[] = [];
  let j = 0;
  for (const [from, to] of normalizeIntervals(a)) {
    let start = from;
    // Cuts are sorted and disjoint, and so are the pieces of `a`: a cut that ends before this piece
    // starts cannot touch any later piece either, so the scan is linear. Every cut visited below
    // ends after `start` (the first by the skip, the next ones because cuts are disjoint).
    while (j < cuts.length && cuts[j][1] <= start) j++;
    for (let k = j; k < cuts.length && cuts[k][0] < to && start < to; k++) {
      const [cutFrom, cutTo] = cuts[k];
      if (cutFrom > start) result.push([start, cutFrom]);
      start = cutTo;
    }
    if (start < to) result.push([start, to]);
  }
  return normalizeIntervals(result);
}

/** Parts covered by both `a` and `b`. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return subtractIntervals(a, subtractIntervals(a, b));
}

/**
 * The parts of `intervals` inside [from, to). The window may be unbounded (±Infinity); an empty or
 * NaN window yields nothing. Invalid intervals are dropped exactly as normalizeIntervals drops them,
 * so clipping never turns garbage (e.g. [5, Infinity)) into credit.
 */
export function clipIntervals(intervals: readonly Interval[], from: number, to: number): Interval[] {
  if (!(from < to)) return []; // also false for NaN
  const clipped: Interval[] = [];
  for (const [start, end] of normalizeIntervals(intervals)) {
    const clippedFrom = Math.max(start, from);
    const clippedTo = Math.min(end, to);
    if (clippedFrom < clippedTo) clipped.push([plainZero(clippedFrom), plainZero(clippedTo)]);
  }
  return clipped;
}
