import { declareConstraintErrors } from '../common/constraint-errors';
import { DomainError } from '../common/domain-error';

export const IdentityErrorCode = {
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountDisabled: 'ACCOUNT_DISABLED',
  LoginThrottled: 'LOGIN_THROTTLED',
  UsernameTaken: 'USERNAME_TAKEN',
  UserNotFound: 'USER_NOT_FOUND',
  CohortNotFound: 'COHORT_NOT_FOUND',
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

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(IdentityErrorCode.InvalidCredentials, 401, 'Wrong username or password');
  }
}

export class AccountDisabledError extends DomainError {
  constructor() {
    super(IdentityErrorCode.AccountDisabled, 403, 'This account is disabled; ask an administrator');
  }
}

export class LoginThrottledError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      IdentityErrorCode.LoginThrottled,
      429,
      `Too many failed logins; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super(IdentityErrorCode.UsernameTaken, 409, `Username "${username}" is already taken`);
  }
}

export class UserNotFoundError extends DomainError {
  constructor() {
    super(IdentityErrorCode.UserNotFound, 404, 'User not found');
  }
}

export class CohortNotFoundError extends DomainError {
  constructor() {
    super(IdentityErrorCode.CohortNotFound, 404, 'Cohort not found');
  }
}

export class CohortNameTakenError extends DomainError {
  constructor(name: string) {
    super(IdentityErrorCode.CohortNameTaken, 409, `Cohort "${name}" already exists`);
  }
}

export class CsvError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 400, message);
  }
}

export class InvalidRefreshTokenError extends DomainError {
  constructor(message = 'The refresh token is invalid, expired or its login has ended; sign in again') {
    super(IdentityErrorCode.InvalidRefreshToken, 401, message);
  }
}

export class SessionNotFoundError extends DomainError {
  constructor() {
    super(IdentityErrorCode.SessionNotFound, 404, 'No such login for this user');
  }
}

export class PasswordChangeRequiredError extends DomainError {
  constructor() {
    super(IdentityErrorCode.PasswordChangeRequired, 403, 'Change the initial password first (POST /api/me/password)');
  }
}

/** What a request that breaks one of this context's constraints is told (see common/constraint-errors). */
declareConstraintErrors({
  uq_app_user_username: { status: 409, code: IdentityErrorCode.UsernameTaken, message: 'This username is taken' },
  uq_cohort_name: { status: 409, code: IdentityErrorCode.CohortNameTaken, message: 'A cohort with this name exists' },
  fk_app_user_cohort: { status: 404, code: IdentityErrorCode.CohortNotFound, message: 'Cohort not found' },
});
