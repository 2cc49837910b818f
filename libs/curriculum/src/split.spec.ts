import fc from 'fast-check';
import { hoursToMinutes, splitMinutes, splitModuleMinutes } from './split';
import type { PracticalModule } from './types';

describe('splitMinutes', () => {
  it('splits evenly with the larger shares first', () => {
    expect(splitMinutes(60, 2)).toEqual([30, 30]);
    expect(splitMinutes(420, 8)).toEqual([53, 53, 53, 53, 52, 52, 52, 52]);
    expect(splitMinutes(10, 3)).toEqual([4, 3, 3]);
    expect(splitMinutes(2, 5)).toEqual([1, 1, 0, 0, 0]);
    expect(splitMinutes(0, 3)).toEqual([0, 0, 0]);
    expect(splitMinutes(7, 1)).toEqual([7]);
  });

  it.each([
    [60, 0],
    [60, -1],
    [60, 1.5],
    [60, Number.NaN],
    [-1, 2],
    [1.5, 2],
    [Number.POSITIVE_INFINITY, 2],
    [Number.NaN, 2],
  ])('throws RangeError for total %p and parts %p', (total, parts) => {
    expect(() => splitMinutes(total, parts)).toThrow(RangeError);
  });

  const total = fc.integer({ min: 0, max: 1_000_000 });
  const parts = fc.integer({ min: 1, max: 500 });

  it('sums exactly to the total', () => {
    fc.assert(fc.property(total, parts, (t, p) => splitMinutes(t, p).reduce((a, b) => a + b, 0) === t));
  });

  it('has exactly `parts` shares', () => {
    fc.assert(fc.property(total, parts, (t, p) => splitMinutes(t, p).length === p));
  });

  it('keeps max - min <= 1, with whole non-negative shares in non-increasing order', () => {
    fc.assert(
      fc.property(total, parts, (t, p) => {
        const shares = splitMinutes(t, p);
        const ok = shares.every((s, i) => Number.isInteger(s) && s >= 0 && (i === 0 || shares[i - 1] >= s));
        return ok && Math.max(...shares) - Math.min(...shares) <= 1;
      }),
    );
  });
});

describe('hoursToMinutes', () => {
  it('converts whole-minute hours', () => {
    expect(hoursToMinutes(18)).toBe(1080);
    expect(hoursToMinutes(0.5)).toBe(30);
    expect(hoursToMinutes(0)).toBe(0);
  });

  it('rejects what is not a whole number of minutes', () => {
    expect(() => hoursToMinutes(0.001)).toThrow(RangeError);
    expect(() => hoursToMinutes(-1)).toThrow(RangeError);
    expect(() => hoursToMinutes(Number.NaN)).toThrow(RangeError);
  });
});

describe('splitModuleMinutes', () => {
  it('splits over distinct lessons only', () => {
    const module: PracticalModule = {
      row: 1,
      title: '模块',
      hours: 1,
      lessons: [
        { row: 1, title: '甲', mode: 'video', sourceMode: '视频' },
        { row: 2, title: '乙', mode: 'video', sourceMode: '视频' },
        { row: 3, title: '甲', mode: 'video', sourceMode: '视频', duplicateOfRow: 1 },
        { row: 4, title: '丙', mode: 'exam', sourceMode: '考试' },
      ],
    };
    expect(splitModuleMinutes(module)).toEqual([
      { row: 1, title: '甲', minutes: 20 },
      { row: 2, title: '乙', minutes: 20 },
      { row: 4, title: '丙', minutes: 20 },
    ]);
  });
});
