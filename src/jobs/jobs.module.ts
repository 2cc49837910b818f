import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { QueueName } from './job-catalog';
import { JobAdminService } from './job-admin.service';
import { JobHandlers } from './job-handlers';
import { JobOutbox } from './job-outbox.service';
import { gradingQueueProcessor } from './jobs.processor';
import { JobsAdminController } from './jobs-admin.controller';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

/**
 * Queues, the transactional outbox, the admins' view of jobs (failed ones and their retry) and (in worker processes only) the queue
 * processors and the outbox relay. APP_ROLE decides `workers`.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(opts: { workers: boolean; timing: { lockDurationMs: number; stalledIntervalMs: number } }): DynamicModule {
    const workerProviders: Provider[] = opts.workers ? [gradingQueueProcessor(opts.timing), OutboxRelay] : [];
    return {
      module: JobsModule,
      imports: [AuditModule, ...(opts.workers ? [BullModule.registerQueue({ name: QueueName.Grading })] : [])],
      controllers: [JobsAdminController],
      providers: [OutboxRepository, JobOutbox, JobHandlers, JobAdminService, ...workerProviders],
      exports: [JobOutbox, JobHandlers, JobAdminService],
    };
  }
}
