import type { RuleCheck, RuleProblem } from '@lms/eligibility';
import { DomainError } from '../common/domain-error';
import { IdentityErrorCode } from '../identity/identity.errors';

export const CertificationErrorCode = {
  TierNotFound: 'TIER_NOT_FOUND',
  InvalidRules: 'INVALID_TIER_RULES',
  NotEligible: 'NOT_ELIGIBLE',
  AlreadyHeld: 'CERTIFICATE_ALREADY_HELD',
  CertificateNotFound: 'CERTIFICATE_NOT_FOUND',
  AlreadyRevoked: 'CERTIFICATE_ALREADY_REVOKED',
  SerialNotFound: 'SERIAL_NOT_FOUND',
  NotYourCertificate: 'NOT_YOUR_CERTIFICATE',
  NotYourEligibility: 'NOT_YOUR_ELIGIBILITY',
  TierExamNotEligible: 'TIER_EXAM_NOT_ELIGIBLE',
  VerifyThrottled: 'VERIFY_THROTTLED',
} as const;

export class CertificationError extends DomainError {}

export const tierNotFound = () => new CertificationError(CertificationErrorCode.TierNotFound, 404, 'Tier not found');
export const invalidRules = (problems: RuleProblem[]) =>
  new CertificationError(CertificationErrorCode.InvalidRules, 400, problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
export const studentNotFound = () => new CertificationError(IdentityErrorCode.StudentNotFound, 404, 'Student not found');
export const cohortNotFound = () => new CertificationError(IdentityErrorCode.CohortNotFound, 404, 'Cohort not found');
export const notEligible = (unmet: RuleCheck[]) =>
  new CertificationError(CertificationErrorCode.NotEligible, 422, 'The student does not meet every rule of this tier; an override needs a reason', { unmet });
export const alreadyHeld = (serial: string) =>
  new CertificationError(CertificationErrorCode.AlreadyHeld, 409, `The student already holds a valid certificate of this tier (${serial})`, { serial });
export const certificateNotFound = () => new CertificationError(CertificationErrorCode.CertificateNotFound, 404, 'Certificate not found');
export const alreadyRevoked = () => new CertificationError(CertificationErrorCode.AlreadyRevoked, 409, 'The certificate is already revoked');
export const serialNotFound = () => new CertificationError(CertificationErrorCode.SerialNotFound, 404, 'No certificate has this serial');
export const notYourCertificate = () => new CertificationError(CertificationErrorCode.NotYourCertificate, 403, 'This certificate is not yours');
export const notYourEligibility = () => new CertificationError(CertificationErrorCode.NotYourEligibility, 403, 'Students may only read their own eligibility');
export const tierExamNotEligible = (tierCode: string, unmet: RuleCheck[]) =>
  new CertificationError(
    CertificationErrorCode.TierExamNotEligible,
    403,
    `Not yet eligible to sit the ${tierCode} certification exam: ${unmet.map((c) => c.message).join('；')}`,
    { tierCode, unmet },
  );
export const verifyThrottled = (retryAfterSeconds: number) =>
  new CertificationError(CertificationErrorCode.VerifyThrottled, 429, 'Too many verification requests from this address', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
