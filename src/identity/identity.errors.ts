import { declareConstraintErrors } from '../common/constraint-errors';
import { DomainError } from '../common/domain-error';
import { CommonErrorCode } from '../common/error-codes';

export const IdentityErrorCode = {
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountDisabled: 'ACCOUNT_DISABLED',
  LoginThrottled: 'LOGIN_THROTTLED',
  UsernameTaken: 'USERNAME_TAKEN',
  UserNotFound: 'USER_NOT_FOUND',
  CohortNotFound: 'COHORT_NOT_FOUND',
  /** A user id that is not a student's (used by the contexts that look students up: hours, certification). */
  StudentNotFound: 'STUDENT_NOT_FOUND',
  CohortNameTaken: 'COHORT_NAME_TAKEN',
  CsvMalformed: 'CSV_MALFORMED',
  CsvMissingColumns: 'CSV_MISSING_COLUMNS',
  CsvTooManyRows: 'CSV_TOO_MANY_ROWS',
  CsvEmpty: 'CSV_EMPTY',
  WrongPassword: 'WRONG_PASSWORD',
  CannotDisableSelf: 'CANNOT_DISABLE_SELF',
  InvalidRefreshToken: 'INVALID_REFRESH_TOKEN',
  SessionNotFound: 'SESSION_NOT_FOUND',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  UnknownCohort: 'UNKNOWN_COHORT',
} as const;

export class IdentityError extends DomainError {}

const C = IdentityErrorCode;

export const invalidCredentials = () => new IdentityError(C.InvalidCredentials, 401, 'Wrong username or password');
export const accountDisabled = () => new IdentityError(C.AccountDisabled, 403, 'This account is disabled; ask an administrator');
export const loginThrottled = (retryAfterSeconds: number) =>
  new IdentityError(
    C.LoginThrottled,
    429,
    `Too many failed logins; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
export const usernameTaken = (username: string) => new IdentityError(C.UsernameTaken, 409, `Username "${username}" is already taken`);
export const userNotFound = () => new IdentityError(C.UserNotFound, 404, 'User not found');
export const cohortNotFound = () => new IdentityError(C.CohortNotFound, 404, 'Cohort not found');
export const cohortNameTaken = (name: string) => new IdentityError(C.CohortNameTaken, 409, `Cohort "${name}" already exists`);
/** A user CSV that cannot be imported; `code` is one of the Csv* codes. */
export const csvError = (code: (typeof C)['CsvEmpty' | 'CsvMalformed' | 'CsvTooManyRows' | 'CsvMissingColumns'], message: string) =>
  new IdentityError(code, 400, message);
export const invalidRefreshToken = (message = 'The refresh token is invalid, expired or its login has ended; sign in again') =>
  new IdentityError(C.InvalidRefreshToken, 401, message);
export const sessionNotFound = () => new IdentityError(C.SessionNotFound, 404, 'No such login for this user');
export const passwordChangeRequired = () =>
  new IdentityError(C.PasswordChangeRequired, 403, 'Change the initial password first (POST /api/me/password)');
export const wrongPassword = () => new IdentityError(C.WrongPassword, 400, 'The current password is wrong');
export const cannotDisableSelf = () => new IdentityError(C.CannotDisableSelf, 409, 'You cannot disable your own account');
/** The request's login is not (or no longer) valid: the platform's UNAUTHENTICATED, raised by identity's guard. */
export const unauthenticated = (message: string) => new IdentityError(CommonErrorCode.Unauthenticated, 401, message);
/** The platform's FORBIDDEN for a role that may not use a route, raised by identity's guard. */
export const roleForbidden = () => new IdentityError(CommonErrorCode.Forbidden, 403, 'Your role may not do this');

/** What a request that breaks one of this context's constraints is told (see common/constraint-errors). */
declareConstraintErrors({
  uq_app_user_username: { status: 409, code: IdentityErrorCode.UsernameTaken, message: 'This username is taken' },
  uq_cohort_name: { status: 409, code: IdentityErrorCode.CohortNameTaken, message: 'A cohort with this name exists' },
  fk_app_user_cohort: { status: 404, code: IdentityErrorCode.CohortNotFound, message: 'Cohort not found' },
});
