import { DomainError } from '../common/domain-error';

export const HoursErrorCode = {
  StudentNotFound: 'STUDENT_NOT_FOUND',
} as const;

export const studentNotFound = () => new DomainError(HoursErrorCode.StudentNotFound, 404, 'Student not found');
