import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../identity/auth.decorators';
import { JobName } from '../jobs/job-catalog';
import { JobOutbox } from '../jobs/job-outbox.service';
import { attemptNotFound } from './assessment.errors';
import type { SubmitView } from './assessment.views';
import { AttemptsRepository } from './attempts.repository';
import type { Submitter } from './entities/attempt.entity';
import { InjectDataSource } from '@nestjs/typeorm';
import { inTransaction } from '../common/transaction';
import { DataSource } from 'typeorm';

export type CloseOutcome = 'submitted' | 'not_due' | 'closed' | 'missing';

/**
 * Closing attempts. The state change and the grading job's outbox row are written in one
 * transaction; the job is then put on the queue without making anyone wait for Redis (the
 * relay enqueues what did not get through). The job id is the attempt's (job catalogue), so however often an
 * attempt is submitted, it is graded once.
 */
@Injectable()
export class AttemptSubmissionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: AttemptsRepository,
    private readonly outbox: JobOutbox,
  ) {}

  /** The student submits: accepted at once (202). A repeated submit answers with the attempt's state. */
  async submit(attemptId: string, student: AuthUser): Promise<SubmitView> {
    const job = this.outbox.entry(JobName.GradeAttempt, { attemptId });
    const submittedAt = await this.repo.submit(attemptId, student.id, job);
    if (submittedAt) {
      this.outbox.publishSoon([job]);
      return { id: attemptId, status: 'submitted', submittedAt: submittedAt.toISOString() };
    }
    const state = await this.repo.statusOf(attemptId);
    if (!state || state.studentId !== student.id) throw attemptNotFound();
    // Still waiting for grading: nudge the job again (a no-op when it is already queued).
    if (state.status === 'submitted') this.outbox.publishSoon([this.outbox.entry(JobName.GradeAttempt, { attemptId })]);
    return { id: attemptId, status: state.status, submittedAt: state.submittedAt ? state.submittedAt.toISOString() : null };
  }

  /** Submits an attempt whose deadline has passed (the delayed job, or the sweep when that job was lost). */
  async closeOverdue(attemptId: string, by: Exclude<Submitter, 'student'>): Promise<CloseOutcome> {
    const job = await inTransaction(this.ds, async (tx) => {
      if (!(await this.repo.closeOverdue(tx, attemptId, by))) return null;
      return this.outbox.addInTx(tx, JobName.GradeAttempt, { attemptId });
    });
    if (job) {
      await this.outbox.publish(job).catch(() => undefined); // the relay enqueues it once Redis answers
      return 'submitted';
    }
    const state = await this.repo.statusOf(attemptId);
    if (!state) return 'missing';
    return state.status === 'in_progress' ? 'not_due' : 'closed';
  }

  overdueIds(graceMs: number, limit: number): Promise<string[]> {
    return this.repo.overdueIds(graceMs, limit);
  }
}
