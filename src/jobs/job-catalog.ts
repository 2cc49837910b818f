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

/** Deterministic ids (BullMQ refuses ":" in custom ids): asking twice for the same work is one job. */
export const JOB_ID = /^[A-Za-z0-9._-]{1,200}$/;

interface JobSpec<N extends JobName> {
  queue: QueueName;
  options: JobsOptions;
  /** The job's id, built from its payload only, so every producer (and the recovery sweep) names the same work alike. */
  id: (payload: JobPayloads[N]) => string;
}

export const JOBS: { [N in JobName]: JobSpec<N> } = {
  [JobName.GradeAttempt]: { queue: QueueName.Grading, options: RETRYING, id: (p) => `grade-${p.attemptId}` },
  [JobName.AutoSubmitAttempt]: { queue: QueueName.Grading, options: RETRYING, id: (p) => `autosubmit-${p.attemptId}` },
  [JobName.GradeDrillSubmission]: { queue: QueueName.Grading, options: RETRYING, id: (p) => `drill-${p.submissionId}` },
  [JobName.RegradeAttempt]: { queue: QueueName.Grading, options: RETRYING, id: (p) => `regrade-${p.attemptId}-${p.correctionId}` },
};

/** The id of job `name` with `payload`; throws when the payload would make an id BullMQ refuses. */
export function jobIdOf<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  const id = (JOBS[name] as JobSpec<N>).id(payload);
  if (!JOB_ID.test(id)) throw new Error(`job id "${id}" must match ${JOB_ID} (BullMQ refuses ":")`);
  return id;
}
