import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxJob } from './entities/outbox-job.entity';
import type { JobName } from './job-catalog';
import type { OutboxEntry } from './job-outbox.service';

/**
 * SQL that records a job from inside another statement, for a state change and its job written
 * in one round trip: `WITH changed AS (UPDATE … RETURNING …), job AS (<this>) SELECT …`. The
 * arguments are SQL expressions (parameters such as `$3`, or columns of `from`); the values come
 * from `JobOutbox.entry` (the job id built by the catalogue).
 */
export function recordJobSql(from: string, row: { jobName: string; jobId: string; payload: string; runAt?: string }): string {
  return `INSERT INTO outbox_job (job_name, job_id, payload, run_at)
          SELECT ${row.jobName}, ${row.jobId}, ${row.payload}::jsonb, ${row.runAt ?? 'NULL'} FROM ${from}
          ON CONFLICT (job_id) DO NOTHING`;
}

/** The outbox table: jobs recorded with the state change that needs them, and whether they reached the queue. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Records the job in the caller's transaction; false when that job id was already recorded. */
  async record(tx: EntityManager, entry: OutboxEntry): Promise<boolean> {
    const res = await tx
      .createQueryBuilder()
      .insert()
      .into(OutboxJob)
      .values({ jobName: entry.jobName, jobId: entry.jobId, payload: entry.payload as never, runAt: entry.runAt })
      .orIgnore()
      .returning('id')
      .execute();
    return res.raw.length > 0;
  }

  async markEnqueued(jobIds: string[]): Promise<void> {
    await this.ds.query(`UPDATE outbox_job SET enqueued_at = now(), last_error = NULL WHERE job_id = ANY($1) AND enqueued_at IS NULL`, [jobIds]);
  }

  async markRefused(jobIds: string[], error: string): Promise<void> {
    await this.ds.query(`UPDATE outbox_job SET enqueue_attempts = enqueue_attempts + 1, last_error = $2 WHERE job_id = ANY($1)`, [jobIds, error]);
  }

  /** Jobs recorded more than `olderThanMs` ago that never reached the queue, oldest first. */
  async pending(olderThanMs: number, limit: number): Promise<OutboxEntry[]> {
    const rows: Array<{ job_name: JobName; job_id: string; payload: Record<string, unknown>; run_at: Date | null }> = await this.ds.query(
      `SELECT job_name, job_id, payload, run_at FROM outbox_job
        WHERE enqueued_at IS NULL AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [olderThanMs / 1000, limit],
    );
    return rows.map((r) => ({ jobName: r.job_name, jobId: r.job_id, payload: r.payload, runAt: r.run_at }));
  }
}
