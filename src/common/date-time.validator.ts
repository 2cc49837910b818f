import { ValidationOptions, registerDecorator } from 'class-validator';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Why `value` is not an ISO 8601 date-time with a time-zone offset, or undefined when it is one. */
export function offsetDateTimeProblem(value: unknown): string | undefined {
  // Already converted by `toOffsetDate` (which converts only valid strings).
  if (value instanceof Date && !Number.isNaN(value.getTime())) return undefined;
  if (typeof value !== 'string') return 'must be a date-time string such as 2026-12-01T09:00:00+08:00';
  const m = DATE_TIME.exec(value);
  if (!m) return `must be an ISO 8601 date-time such as 2026-12-01T09:00:00+08:00 (got ${JSON.stringify(value.slice(0, 40))})`;
  if (!m[9]) {
    return `has no time-zone offset: add Z (UTC) or one like +08:00, e.g. ${value}+08:00 — a local time alone is ambiguous`;
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[7] ?? '0'].map(Number);
  const offset = m[9] === 'Z' ? 0 : Number(m[9].slice(1, 3)) * 60 + Number(m[9].slice(-2));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || hour > 23 || minute > 59 || second > 59 || offset > 14 * 60 || Number(m[9].slice(-2)) > 59) {
    return `is not a real date and time (got ${value})`;
  }
  if (year < 1900 || year > 9999) return `is out of range (years 1900-9999, got ${value})`;
  return undefined;
}

/**
 * `@IsOffsetDateTime()`: an ISO 8601 date-time that names its time-zone offset (`Z` or `+08:00`).
 * A date-time without one is refused with a message saying that the offset is what it lacks,
 * rather than being read in the server's zone.
 */
export function IsOffsetDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isOffsetDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => offsetDateTimeProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${offsetDateTimeProblem(args?.value) ?? 'must be a date-time with a time-zone offset'}`,
      },
    });
}

/** `@Transform(toOffsetDate)` for a `Date` field: converts a valid offset date-time, leaves anything else for the validator to name. */
export const toOffsetDate = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && offsetDateTimeProblem(value) === undefined ? new Date(value) : value;
