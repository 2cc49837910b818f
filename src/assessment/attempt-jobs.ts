import { JobName } from '../jobs/job-catalog';
import type { OutboxEntry } from '../jobs/job-outbox.service';

// Deterministic job ids (BullMQ refuses ":" in them): asking twice for the same work is one job.
export const gradeJobId = (attemptId: string) => `grade-${attemptId}`;
export const autoSubmitJobId = (attemptId: string) => `autosubmit-${attemptId}`;

/** The grading job of an attempt, as the outbox recorded it when the attempt was submitted. */
export function gradeJobEntry(attemptId: string): OutboxEntry {
  return { jobName: JobName.GradeAttempt, jobId: gradeJobId(attemptId), payload: { attemptId }, runAt: null };
}
