import { distinctRows } from './distinct';
import type { PracticalModule } from './types';

/**
 * Splits a whole number of minutes into `parts` whole-minute shares that are as even as
 * possible (max - min <= 1) and add up exactly to `totalMinutes`; larger shares come first.
 */
export function splitMinutes(totalMinutes: number, parts: number): number[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new RangeError(`parts must be a positive integer, got ${parts}`);
  }
  if (!Number.isSafeInteger(totalMinutes) || totalMinutes < 0) {
    throw new RangeError(`totalMinutes must be a non-negative integer, got ${totalMinutes}`);
  }
  const base = Math.floor(totalMinutes / parts);
  const remainder = totalMinutes - base * parts;
  return Array.from({ length: parts }, (_, i) => (i < remainder ? base + 1 : base));
}

/** Converts hours to whole minutes; throws RangeError when that is not a whole number. */
export function hoursToMinutes(hours: number): number {
  const minutes = hours * 60;
  const rounded = Math.round(minutes);
  if (!Number.isFinite(hours) || hours < 0 || Math.abs(minutes - rounded) > 1e-9) {
    throw new RangeError(`hours must be non-negative and a whole number of minutes, got ${hours}`);
  }
  return rounded;
}

export interface LessonCredit {
  row: number;
  title: string;
  minutes: number;
}

/**
 * The credit of each distinct lesson of a practical module: the module's hours, as whole
 * minutes, split evenly over its distinct lessons in source order (repeated rows get none,
 * since the import creates one lesson per distinct title).
 */
export function splitModuleMinutes(module: PracticalModule): LessonCredit[] {
  const lessons = distinctRows(module.lessons);
  const shares = splitMinutes(hoursToMinutes(module.hours), lessons.length);
  return lessons.map((lesson, i) => ({ row: lesson.row, title: lesson.title, minutes: shares[i] }));
}
