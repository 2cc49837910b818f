import { DomainError } from '../common/domain-error';

export const JobsErrorCode = {
  JobNotFound: 'JOB_NOT_FOUND',
  JobNotFailed: 'JOB_NOT_FAILED',
  QueueUnavailable: 'QUEUE_UNAVAILABLE',
} as const;

export class JobsError extends DomainError {}

export const jobNotFound = () => new JobsError(JobsErrorCode.JobNotFound, 404, 'Job not found');
export const jobNotFailed = (state: string) =>
  new JobsError(JobsErrorCode.JobNotFailed, 409, `Only a failed job can be retried; this one is ${state}`, { state });
export const queueUnavailable = () =>
  new JobsError(JobsErrorCode.QueueUnavailable, 503, 'The job queue (Redis) cannot be reached; try again shortly', undefined, { 'Retry-After': '5' });
