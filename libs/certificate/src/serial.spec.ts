import fc from 'fast-check';
import { serialNumberArb, serialYearArb, tierCodeArb } from '../test/certificate.arbitraries';
import { formatSerial, parseSerial } from './serial';

describe('formatSerial', () => {
  it('writes the tier without its hyphen, the year and a six-digit number', () => {
    expect(formatSerial('cxo-1', 2022, 94)).toBe('CXO1-2022-000094');
    expect(formatSerial('cxo-2', 2022, 1)).toBe('CXO2-2022-000001');
    expect(formatSerial('cxo-3', 2031, 999999)).toBe('CXO3-2031-999999');
  });

  it.each([
    ['CXO-1', 2022, 1],
    ['cxo1', 2022, 1],
    ['cxo-0', 2022, 1],
    ['', 2022, 1],
    ['cxo-1', 1999, 1],
    ['cxo-1', 10000, 1],
    ['cxo-1', 2022.5, 1],
    ['cxo-1', 2022, 0],
    ['cxo-1', 2022, -3],
    ['cxo-1', 2022, 1.5],
    ['cxo-1', 2022, 1_000_000],
    ['cxo-1', 2022, Number.NaN],
  ])('refuses tier %j, year %j, number %j', (tier, year, n) => {
    expect(() => formatSerial(tier, year, n)).toThrow(RangeError);
  });
});

describe('parseSerial', () => {
  it('reads a serial back', () => {
    expect(parseSerial('CXO1-2022-000094')).toEqual({ tierCode: 'cxo-1', year: 2022, number: 94 });
    expect(parseSerial('CXO3-2023-100000')).toEqual({ tierCode: 'cxo-3', year: 2023, number: 100000 });
  });

  it.each([
    'cxo1-2022-000094',
    'CXO1-2022-94',
    'CXO1-2022-0000094',
    'CXO1-22-000094',
    'CXO-1-2022-000094',
    'CXO1-2022-000000',
    'CXO0-2022-000001',
    'CXO1-1999-000001',
    ' CXO1-2022-000094',
    'CXO1-2022-000094 ',
    'CXO1-2022-000094\n',
    'CXO1_2022_000094',
    'CXO1-2022-00009４',
    '',
    '../../etc/passwd',
  ])('returns null for %j', (text) => {
    expect(parseSerial(text)).toBeNull();
  });

  it('returns null for values that are not strings', () => {
    for (const value of [undefined, null, 94, {}, ['CXO1-2022-000094']]) expect(parseSerial(value)).toBeNull();
  });

  it('is the inverse of formatSerial', () => {
    fc.assert(
      fc.property(tierCodeArb, serialYearArb, serialNumberArb, (tierCode, year, n) => {
        expect(parseSerial(formatSerial(tierCode, year, n))).toEqual({ tierCode, year, number: n });
      }),
    );
  });

  it('accepts exactly the strings formatSerial writes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (text) => {
        const parsed = parseSerial(text);
        if (parsed) expect(formatSerial(parsed.tierCode, parsed.year, parsed.number)).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,3}[0-9]{1,2}-[0-9]{4}-[0-9]{6}$/), (text) => {
        const parsed = parseSerial(text);
        if (parsed) expect(formatSerial(parsed.tierCode, parsed.year, parsed.number)).toBe(text);
      }),
    );
  });

  it('keeps serials of one tier in issue order when sorted as text', () => {
    fc.assert(
      fc.property(tierCodeArb, serialYearArb, serialNumberArb, serialNumberArb, (tier, year, a, b) => {
        const [sa, sb] = [formatSerial(tier, year, a), formatSerial(tier, year, b)];
        expect(Math.sign(sa.localeCompare(sb, 'en'))).toBe(Math.sign(a - b));
      }),
    );
  });
});
