import { CommonErrorCode } from './error-codes';

/** How a database error caused by input is answered: a 4xx with a code of the context it belongs to. */
export interface ConstraintAnswer {
  status: number;
  code: string;
  message: string;
}

const byConstraint = new Map<string, ConstraintAnswer>();

/**
 * A context names its own constraints (from its migrations) and the answer each gives when a
 * request breaks it, next to its error codes in `<context>.errors.ts`. A name declared twice with
 * a different answer is a programming error and fails at start-up. A foreign key's answer is for
 * a reference to a row that does not exist; deleting a row still referenced is always 409 CONFLICT.
 */
export function declareConstraintErrors(answers: Record<string, ConstraintAnswer>): void {
  for (const [name, answer] of Object.entries(answers)) {
    const known = byConstraint.get(name);
    if (known && (known.code !== answer.code || known.status !== answer.status)) {
      throw new Error(`constraint ${name} is declared twice (${known.code} and ${answer.code})`);
    }
    byConstraint.set(name, answer);
  }
}

/** Defaults by SQLSTATE for constraints no context names (class 23: integrity, class 22: data). */
const bySqlState: Record<string, ConstraintAnswer> = {
  '23502': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A required value is missing' },
  '23514': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A value is outside what is allowed' },
  '23505': { status: 409, code: CommonErrorCode.Conflict, message: 'This already exists' },
  '23P01': { status: 409, code: CommonErrorCode.Conflict, message: 'This overlaps with something that already exists' },
  '23001': { status: 409, code: CommonErrorCode.Conflict, message: 'This is still in use' },
  '22P02': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A value has the wrong format' },
  '22003': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A number is out of range' },
  '22001': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A text is too long' },
  '22P05': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A text holds a character that cannot be stored (e.g. \\u0000)' },
  '22021': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A text holds a character that cannot be stored (e.g. \\u0000)' },
  '22007': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A date or time has the wrong format' },
  '22008': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A date or time is out of range' },
  '22012': { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A value leads to a division by zero' },
};

const FOREIGN_KEY_MISSING: ConstraintAnswer = {
  status: 404,
  code: CommonErrorCode.NotFound,
  message: 'A referenced record does not exist',
};
const FOREIGN_KEY_IN_USE: ConstraintAnswer = { status: 409, code: CommonErrorCode.Conflict, message: 'This is still referenced by other records' };
const OTHER_INTEGRITY: ConstraintAnswer = { status: 409, code: CommonErrorCode.Conflict, message: 'This conflicts with stored data' };
const OTHER_DATA: ConstraintAnswer = { status: 400, code: CommonErrorCode.ValidationFailed, message: 'A value cannot be stored' };

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

/**
 * The answer to a PostgreSQL integrity (class 23) or data (class 22) error: the declaring
 * context's answer for a named constraint, else a default for its SQLSTATE or class. Other
 * errors (connections, deadlocks, bugs) are not input errors and give `undefined`.
 */
export function answerForDatabaseError(exception: unknown): ConstraintAnswer | undefined {
  const err = ((exception as { driverError?: unknown } | null)?.driverError ?? exception) as PgErrorFields | null;
  if (!err || typeof err !== 'object' || typeof err.code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(err.code)) return undefined;
  // pg's DatabaseError carries severity; a Node error with a code like '22…' does not exist, but be strict anyway.
  if (!('severity' in err)) return undefined;
  const stillReferenced = err.code === '23503' && typeof err.detail === 'string' && err.detail.includes('is still referenced');
  if (stillReferenced) return FOREIGN_KEY_IN_USE;
  if (typeof err.constraint === 'string') {
    const declared = byConstraint.get(err.constraint);
    if (declared) return declared;
  }
  if (err.code === '23503') return FOREIGN_KEY_MISSING;
  return bySqlState[err.code] ?? (err.code.startsWith('23') ? OTHER_INTEGRITY : OTHER_DATA);
}

/** For tests: the answers declared so far, by constraint name. */
export function declaredConstraintErrors(): ReadonlyMap<string, ConstraintAnswer> {
  return byConstraint;
}
