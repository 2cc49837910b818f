import { DomainError } from '../common/domain-error';
import { IdentityErrorCode } from '../identity/identity.errors';

/** Hours declares no codes of its own: the one it answers with is identity's (students are identity's users). */
export class HoursError extends DomainError {}

export const studentNotFound = () => new HoursError(IdentityErrorCode.StudentNotFound, 404, 'Student not found');
