import { ApiProperty } from '@nestjs/swagger';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { Page } from '../common/pagination.dto';
import { DomainError } from '../common/domain-error';
import { inTransaction } from '../common/transaction';
import type { ListedJobState } from './dto/jobs.dto';
import { JOB_ID, QueueName } from './job-catalog';
import { JobOutbox } from './job-outbox.service';
import { jobNotFailed, jobNotFound, queueUnavailable } from './jobs.errors';

export class JobView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ enum: ['grading'] }) queue: QueueName;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) state: string;
  /** The payload: which attempt or submission the job is about. */
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: Number }) attemptsMade: number;
  /** Why its last try failed (failed jobs, and jobs waiting for a retry). */
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  /** The stack of the last failure, for whoever looks into it. */
  @ApiProperty({ type: String, nullable: true }) stacktrace: string | null;
  @ApiProperty({ type: String }) createdAt: string;
  @ApiProperty({ type: String, nullable: true }) processedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
}

/** A Redis that does not answer within this long is treated as down (503) rather than waited for. */
const REDIS_TIMEOUT_MS = 3000;

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

/**
 * Jobs as admins see them: listing by state (failed ones with their error) and retrying a failed
 * one; and, for the recovery sweep, retrying every job that failed all its tries a while ago.
 */
@Injectable()
export class JobAdminService {
  private readonly logger = new Logger(JobAdminService.name);

  constructor(
    private readonly outbox: JobOutbox,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** Jobs of every queue in one state, newest first. */
  async list(state: ListedJobState, limit: number, offset: number): Promise<Page<JobView>> {
    return this.redis(async () => {
      const items: JobView[] = [];
      let total = 0;
      let skip = offset;
      for (const name of Object.values(QueueName)) {
        const queue = this.outbox.queue(name);
        const count = await queue.getJobCountByTypes(state);
        total += count;
        if (skip >= count) {
          skip -= count;
          continue;
        }
        const want = limit - items.length;
        if (want <= 0) continue;
        const jobs = await queue.getJobs([state], skip, skip + want - 1, false);
        skip = 0;
        for (const job of jobs) if (job) items.push(this.view(name, job, state));
      }
      return { items, total };
    });
  }

  /**
   * Puts a failed job back on its queue with a fresh set of tries, and audits it. The queue lives in
   * Redis, which shares no transaction with PostgreSQL: the entry is written once the retry has taken
   * effect, so a refused retry (unknown, not failed, Redis down) writes none.
   */
  async retry(actorId: string, id: string): Promise<JobView> {
    if (!JOB_ID.test(id)) throw jobNotFound();
    let lastError: string | null = null;
    let attemptsMade = 0;
    const view = await this.redis(async () => {
      for (const name of Object.values(QueueName)) {
        const job = await this.outbox.queue(name).getJob(id);
        if (!job) continue;
        const state = await job.getState();
        if (state !== 'failed') throw jobNotFailed(state);
        // Read before the retry, which resets them on the job object.
        lastError = job.failedReason ?? null;
        attemptsMade = job.attemptsMade;
        try {
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        } catch (err) {
          // Retried (or removed) by someone else between the two calls.
          const now = await job.getState();
          if (now === 'unknown') throw jobNotFound();
          if (now !== 'failed') throw jobNotFailed(now);
          throw err;
        }
        this.logger.log(`job ${job.name} ${id} retried by an admin (last error: ${lastError})`);
        const fresh = (await this.outbox.queue(name).getJob(id)) ?? job;
        return this.view(name, fresh, await fresh.getState());
      }
      throw jobNotFound();
    });
    await inTransaction(this.ds, (tx) =>
      this.audit.record(tx, {
        actorId,
        action: 'job.retry',
        targetType: 'job',
        targetId: id,
        changes: { queue: view.queue, name: view.name, before: { state: 'failed', attemptsMade, error: lastError }, after: { state: view.state } },
      }),
    );
    return view;
  }

  /**
   * Retries jobs that failed all their tries at least `afterMs` ago (up to `max`), each once more:
   * one try per back-off period while the cause lasts. Returns how many it retried.
   */
  async retryFailed(afterMs: number, max: number): Promise<number> {
    let retried = 0;
    const before = Date.now() - afterMs;
    for (const name of Object.values(QueueName)) {
      const queue = this.outbox.queue(name);
      // Oldest failures first.
      const jobs = await queue.getJobs(['failed'], 0, max - 1, true);
      for (const job of jobs) {
        if (!job || !job.finishedOn || job.finishedOn > before) continue;
        try {
          await job.retry('failed');
          retried++;
          this.logger.warn(`job ${job.name} ${job.id} had failed all its tries (${job.failedReason}); retried after the back-off`);
        } catch {
          // Retried by an admin or another worker meanwhile.
        }
      }
    }
    return retried;
  }

  private view(queue: QueueName, job: Job, state: string): JobView {
    const stack = job.stacktrace?.length ? job.stacktrace[job.stacktrace.length - 1] : null;
    return {
      id: String(job.id),
      queue,
      name: job.name,
      state,
      data: job.data as Record<string, unknown>,
      attemptsMade: job.attemptsMade,
      error: job.failedReason || null,
      stacktrace: stack,
      createdAt: new Date(job.timestamp).toISOString(),
      processedAt: iso(job.processedOn),
      finishedAt: iso(job.finishedOn),
    };
  }

  /** Runs Redis work, answering 503 when Redis refuses or does not answer in time. */
  private async redis<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(queueUnavailable()), REDIS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([work(), timeout]);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      this.logger.warn(`job queue unavailable: ${(err as Error).message}`);
      throw queueUnavailable();
    } finally {
      clearTimeout(timer);
    }
  }
}

