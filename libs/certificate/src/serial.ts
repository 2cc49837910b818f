/**
 * Certificate serials: `CXO1-2022-000094` — the tier code without its hyphen in capitals, the
 * year of issue, and a six-digit number counted per tier and year from 1 (the database hands out
 * the numbers; this file only writes and reads them).
 *
 * Tier codes are a lower-case word, a hyphen and a level (`cxo-1`), so the serial's prefix maps
 * back to exactly one tier code and `parseSerial(formatSerial(t, y, n))` returns `t, y, n`.
 */

export const SERIAL_NUMBER_DIGITS = 6;
export const MAX_SERIAL_NUMBER = 10 ** SERIAL_NUMBER_DIGITS - 1;
export const MIN_SERIAL_YEAR = 2000;
export const MAX_SERIAL_YEAR = 9999;

const TIER_CODE = /^([a-z]{1,8})-([1-9][0-9]?)$/;
const SERIAL = /^([A-Z]{1,8})([1-9][0-9]?)-([0-9]{4})-([0-9]{6})$/;

export interface ParsedSerial {
  tierCode: string;
  year: number;
  number: number;
}

export function isSerialTierCode(tierCode: string): boolean {
  return TIER_CODE.test(tierCode);
}

/** `formatSerial('cxo-1', 2022, 94)` → `CXO1-2022-000094`. Throws a RangeError on bad input. */
export function formatSerial(tierCode: string, year: number, n: number): string {
  const tier = TIER_CODE.exec(tierCode);
  if (!tier) throw new RangeError(`tier code ${JSON.stringify(tierCode)} is not of the form "cxo-1"`);
  if (!Number.isInteger(year) || year < MIN_SERIAL_YEAR || year > MAX_SERIAL_YEAR) {
    throw new RangeError(`year ${year} is outside ${MIN_SERIAL_YEAR}..${MAX_SERIAL_YEAR}`);
  }
  if (!Number.isInteger(n) || n < 1 || n > MAX_SERIAL_NUMBER) {
    throw new RangeError(`serial number ${n} is outside 1..${MAX_SERIAL_NUMBER}`);
  }
  const prefix = `${tier[1].toUpperCase()}${tier[2]}`;
  return `${prefix}-${year}-${String(n).padStart(SERIAL_NUMBER_DIGITS, '0')}`;
}

/**
 * The inverse of `formatSerial`, strict: exact case, no surrounding spaces, six digits, a number
 * of at least 1 and a year in range. Anything else is `null` (a verification route answers 404).
 */
export function parseSerial(serial: unknown): ParsedSerial | null {
  if (typeof serial !== 'string') return null;
  const match = SERIAL.exec(serial);
  if (!match) return null;
  const year = Number(match[3]);
  const number = Number(match[4]);
  if (year < MIN_SERIAL_YEAR || number < 1) return null;
  return { tierCode: `${match[1].toLowerCase()}-${match[2]}`, year, number };
}
