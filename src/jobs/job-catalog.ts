import type { JobsOptions } from 'bullmq';

/** Every queue of the system. */
export enum QueueName {
  Grading = 'grading',
}

/** Every job of the system; each has one payload type, one queue and its options, declared here. */
export enum JobName {
  GradeAttempt = 'grade-attempt',
  AutoSubmitAttempt = 'auto-submit-attempt',
  GradeDrillSubmission = 'grade-drill-submission',
  RegradeAttempt = 'regrade-attempt',
}

export interface JobPayloads {
  [JobName.GradeAttempt]: { attemptId: string };
  [JobName.AutoSubmitAttempt]: { attemptId: string };
  [JobName.GradeDrillSubmission]: { submissionId: string };
  [JobName.RegradeAttempt]: { attemptId: string; correctionId: string };
}

/**
 * Retries with backoff (tries and first delay come from JOB_ATTEMPTS and JOB_BACKOFF_MS, applied by
 * the outbox); finished jobs are kept a day so that a re-added job id is recognised, failed ones a
 * week (listed for admins, retried by the recovery sweep).
 */
const RETRYING: JobsOptions = {
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const JOBS: { [N in JobName]: { queue: QueueName; options: JobsOptions } } = {
  [JobName.GradeAttempt]: { queue: QueueName.Grading, options: RETRYING },
  [JobName.AutoSubmitAttempt]: { queue: QueueName.Grading, options: RETRYING },
  [JobName.GradeDrillSubmission]: { queue: QueueName.Grading, options: RETRYING },
  [JobName.RegradeAttempt]: { queue: QueueName.Grading, options: RETRYING },
};
