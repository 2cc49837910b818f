import { decideRange, ifRangeHolds, notModified } from './byte-range';

describe('decideRange', () => {
  const size = 1000;

  it('serves the whole file without a Range header', () => {
    expect(decideRange(undefined, size)).toEqual({ kind: 'full' });
    expect(decideRange('  ', size)).toEqual({ kind: 'full' });
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, 999],
    ['bytes=-50', 950, 999],
    ['bytes=-5000', 0, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=999-999', 999, 999],
    ['BYTES = 10 - 20', 10, 20],
    ['bytes=0-99999999999999999999999', 0, 999],
  ])('%s → bytes %i-%i', (header, start, end) => {
    expect(decideRange(header, size)).toEqual({ kind: 'partial', start, end });
  });

  it.each(['bytes=1000-', 'bytes=1000-2000', 'bytes=-0', 'bytes=99999999999999999999999-'])('%s is unsatisfiable', (header) => {
    expect(decideRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each(['bytes=20-10', 'bytes=-', 'bytes=a-b', 'items=0-10', 'bytes=0-1,5-6', 'bytes=0-10;x', 'bytes 0-10'])(
    'ignores %s (full response)',
    (header) => {
      expect(decideRange(header, size)).toEqual({ kind: 'full' });
    },
  );
});

describe('ifRangeHolds', () => {
  const etag = '"abc"';
  const modified = new Date('2026-11-20T10:00:00.750Z');

  it('holds for the same strong ETag or the same Last-Modified second', () => {
    expect(ifRangeHolds(undefined, etag, modified)).toBe(true);
    expect(ifRangeHolds('"abc"', etag, modified)).toBe(true);
    expect(ifRangeHolds(modified.toUTCString(), etag, modified)).toBe(true);
  });

  it('fails for another ETag, a weak one, another date or garbage', () => {
    expect(ifRangeHolds('"old"', etag, modified)).toBe(false);
    expect(ifRangeHolds('W/"abc"', etag, modified)).toBe(false);
    expect(ifRangeHolds(new Date('2026-11-19T10:00:00Z').toUTCString(), etag, modified)).toBe(false);
    expect(ifRangeHolds('yesterday', etag, modified)).toBe(false);
  });
});

describe('notModified', () => {
  const etag = '"abc"';
  const modified = new Date('2026-11-20T10:00:00Z');

  it('matches If-None-Match weakly, with lists and *', () => {
    expect(notModified({ ifNoneMatch: '"abc"' }, etag, modified)).toBe(true);
    expect(notModified({ ifNoneMatch: 'W/"abc"' }, etag, modified)).toBe(true);
    expect(notModified({ ifNoneMatch: '"x", "abc"' }, etag, modified)).toBe(true);
    expect(notModified({ ifNoneMatch: '*' }, etag, modified)).toBe(true);
    expect(notModified({ ifNoneMatch: '"x"' }, etag, modified)).toBe(false);
  });

  it('uses If-Modified-Since only without If-None-Match', () => {
    expect(notModified({ ifModifiedSince: modified.toUTCString() }, etag, modified)).toBe(true);
    expect(notModified({ ifModifiedSince: new Date('2026-11-19T10:00:00Z').toUTCString() }, etag, modified)).toBe(false);
    expect(notModified({ ifNoneMatch: '"x"', ifModifiedSince: modified.toUTCString() }, etag, modified)).toBe(false);
  });
});
