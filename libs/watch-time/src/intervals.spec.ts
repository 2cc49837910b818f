import fc from 'fast-check';
import {
  type Interval,
  clipIntervals,
  intersectIntervals,
  intervalsLength,
  normalizeIntervals,
  subtractIntervals,
  unionIntervals,
} from './intervals';

// Integer endpoints keep every length identity exact; a separate fuzz arbitrary covers garbage.
const LOW = -10;
const HIGH = 60;
const intInterval = fc.tuple(fc.integer({ min: LOW, max: HIGH }), fc.integer({ min: LOW, max: HIGH })) as fc.Arbitrary<
  Interval
>;
const intIntervals = fc.array(intInterval, { maxLength: 12 });
const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0),
  fc.integer({ min: -100, max: 100 }),
);
const junkIntervals = fc.array(fc.tuple(anyNumber, anyNumber) as fc.Arbitrary<Interval>, { maxLength: 12 });

/** Which unit cells [k, k+1) of the integer range a set covers: an independent model of the set. */
function cells(intervals: readonly Interval[]): boolean[] {
  const usable = intervals.filter(([from, to]) => from < to);
  const covered: boolean[] = [];
  for (let k = LOW; k < HIGH; k++) covered.push(usable.some(([from, to]) => from <= k && k + 1 <= to));
  return covered;
}

function isNormalized(intervals: readonly Interval[]): boolean {
  return intervals.every(
    ([from, to], i) =>
      Number.isFinite(from) && Number.isFinite(to) && from < to && (i === 0 || intervals[i - 1][1] < from),
  );
}

describe('normalizeIntervals', () => {
  it('merges touching intervals, since [from, to) is half-open', () => {
    expect(normalizeIntervals([[10, 20], [0, 10]])).toEqual([[0, 20]]);
  });

  it('merges overlapping intervals and keeps separate ones apart', () => {
    expect(normalizeIntervals([[5, 15], [0, 10], [30, 40], [12, 13]])).toEqual([[0, 15], [30, 40]]);
  });

  it('drops empty, inverted, NaN and infinite intervals', () => {
    expect(
      normalizeIntervals([[5, 5], [9, 3], [Number.NaN, 4], [1, Number.NaN], [0, Infinity], [-Infinity, 2], [1, 2]]),
    ).toEqual([[1, 2]]);
  });

  it('does not mutate its input', () => {
    const input: Interval[] = [[10, 20], [0, 12]];
    normalizeIntervals(input);
    expect(input).toEqual([[10, 20], [0, 12]]);
  });

  it('is idempotent and always returns sorted, disjoint, non-touching, finite intervals', () => {
    fc.assert(
      fc.property(junkIntervals, (a) => {
        const once = normalizeIntervals(a);
        expect(isNormalized(once)).toBe(true);
        expect(normalizeIntervals(once)).toEqual(once);
      }),
    );
  });

  it('preserves the covered set', () => {
    fc.assert(fc.property(intIntervals, (a) => expect(cells(normalizeIntervals(a))).toEqual(cells(a))));
  });
});

describe('unionIntervals', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, (a, b) => expect(unionIntervals(a, b)).toEqual(unionIntervals(b, a))),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, intIntervals, (a, b, c) =>
        expect(unionIntervals(unionIntervals(a, b), c)).toEqual(unionIntervals(a, unionIntervals(b, c))),
      ),
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(intIntervals, (a) => expect(unionIntervals(a, a)).toEqual(normalizeIntervals(a))));
  });

  it('has the empty set as identity', () => {
    fc.assert(fc.property(intIntervals, (a) => expect(unionIntervals(a, [])).toEqual(normalizeIntervals(a))));
  });

  it('covers exactly the cells covered by either operand', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, (a, b) => {
        const [ca, cb] = [cells(a), cells(b)];
        expect(cells(unionIntervals(a, b))).toEqual(ca.map((x, i) => x || cb[i]));
      }),
    );
  });

  it('has a length between the larger operand and the sum of both', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, (a, b) => {
        const [la, lb, lu] = [intervalsLength(a), intervalsLength(b), intervalsLength(unionIntervals(a, b))];
        expect(lu).toBeLessThanOrEqual(la + lb);
        expect(lu).toBeGreaterThanOrEqual(Math.max(la, lb));
      }),
    );
  });
});

describe('intervalsLength', () => {
  it('counts overlapping seconds once', () => {
    expect(intervalsLength([[0, 10], [5, 15], [20, 25]])).toBe(20);
  });

  it('ignores invalid intervals', () => {
    expect(intervalsLength([[3, 1], [Number.NaN, 5], [0, Infinity], [2, 4]])).toBe(2);
  });

  it('is a non-negative number (never NaN) for any input', () => {
    fc.assert(
      fc.property(junkIntervals, (a) => {
        const length = intervalsLength(a);
        expect(Number.isNaN(length)).toBe(false);
        expect(length).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('subtractIntervals', () => {
  it('removes the covered parts, splitting where needed', () => {
    expect(subtractIntervals([[0, 100]], [[10, 20], [50, 60], [90, 120]])).toEqual([[0, 10], [20, 50], [60, 90]]);
  });

  it('handles several pieces of a against one wide cut', () => {
    expect(subtractIntervals([[0, 5], [10, 15], [20, 30]], [[3, 25]])).toEqual([[0, 3], [25, 30]]);
  });

  it('covers exactly the cells of a not in b', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, (a, b) => {
        const [ca, cb] = [cells(a), cells(b)];
        expect(cells(subtractIntervals(a, b))).toEqual(ca.map((x, i) => x && !cb[i]));
      }),
    );
  });

  it('satisfies (a − b) ∪ b = a ∪ b and (a − b) ∪ (a ∩ b) = a', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, (a, b) => {
        const difference = subtractIntervals(a, b);
        expect(unionIntervals(difference, b)).toEqual(unionIntervals(a, b));
        expect(unionIntervals(difference, intersectIntervals(a, b))).toEqual(normalizeIntervals(a));
      }),
    );
  });

  it('leaves nothing in common with b, and nothing when subtracting a from itself', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, (a, b) => {
        expect(intersectIntervals(subtractIntervals(a, b), b)).toEqual([]);
        expect(subtractIntervals(a, a)).toEqual([]);
        expect(subtractIntervals(a, [])).toEqual(normalizeIntervals(a));
      }),
    );
  });

  it('has length |a| − |a ∩ b|', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, (a, b) =>
        expect(intervalsLength(subtractIntervals(a, b))).toBe(
          intervalsLength(a) - intervalsLength(intersectIntervals(a, b)),
        ),
      ),
    );
  });

  it('returns normalized intervals for any input', () => {
    fc.assert(
      fc.property(junkIntervals, junkIntervals, (a, b) => expect(isNormalized(subtractIntervals(a, b))).toBe(true)),
    );
  });
});

describe('intersectIntervals', () => {
  it('covers exactly the cells in both', () => {
    fc.assert(
      fc.property(intIntervals, intIntervals, (a, b) => {
        const [ca, cb] = [cells(a), cells(b)];
        expect(cells(intersectIntervals(a, b))).toEqual(ca.map((x, i) => x && cb[i]));
        expect(intersectIntervals(a, b)).toEqual(intersectIntervals(b, a));
      }),
    );
  });
});

describe('clipIntervals', () => {
  it('keeps only the part inside the window', () => {
    expect(clipIntervals([[-5, 3], [8, 12], [20, 30]], 0, 10)).toEqual([[0, 3], [8, 10]]);
  });

  it('returns nothing for an empty, inverted or NaN window', () => {
    expect(clipIntervals([[0, 10]], 5, 5)).toEqual([]);
    expect(clipIntervals([[0, 10]], 6, 5)).toEqual([]);
    expect(clipIntervals([[0, 10]], Number.NaN, 5)).toEqual([]);
  });

  it('accepts an unbounded window but never revives an infinite interval', () => {
    expect(clipIntervals([[2, 4]], -Infinity, Infinity)).toEqual([[2, 4]]);
    expect(clipIntervals([[5, Infinity]], 0, 10)).toEqual([]);
  });

  it('equals intersection with the window', () => {
    fc.assert(
      fc.property(intIntervals, intInterval, (a, [from, to]) =>
        expect(clipIntervals(a, from, to)).toEqual(intersectIntervals(a, [[from, to]])),
      ),
    );
  });
});
