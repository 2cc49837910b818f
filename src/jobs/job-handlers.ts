import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayloads } from './job-catalog';

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<unknown>;

/**
 * Who handles which job. Contexts register their handlers at start-up; the
 * queue processor dispatches by job name, and an unknown name fails loudly.
 * Handlers must be idempotent: they re-read state and do nothing when the work is done.
 */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`A handler for job "${name}" is already registered`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job "${job.name}" (id ${job.id})`);
    return handler(job.data, job);
  }
}
