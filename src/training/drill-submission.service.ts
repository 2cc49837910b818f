import { Injectable } from '@nestjs/common';
import type { Rubric } from '@lms/grading';
import { DataSource } from 'typeorm';
import { inTransaction } from '../common/transaction';
import type { AuthUser } from '../identity/auth.decorators';
import { JobName } from '../jobs/job-catalog';
import { JobOutbox, OutboxEntry } from '../jobs/job-outbox.service';
import { CLIENT_KEY, ResultListQuery, SubmissionListQuery, SubmitReplyDto } from './dto/training.dto';
import { DrillRepository, ResultWithTitle, SubmissionDetail } from './drill.repository';
import {
  idempotencyKeyMismatch,
  idempotencyKeyReused,
  invalidIdempotencyKey,
  scenarioHasNoRubric,
  scenarioNotFound,
  submissionNotFound,
} from './training.errors';
import { TrainingRepository } from './training.repository';

export const isStaff = (user: AuthUser) => user.role === 'trainer' || user.role === 'admin';

/**
 * Students' replies to scenarios. Any student may practise any scenario (drills are open
 * practice of the training system; the hours they earn count towards it without an
 * enrolment). A submission is written with its grading job in one transaction and answered
 * with 202 at once; the grading queue scores it.
 */
@Injectable()
export class DrillSubmissionService {
  constructor(
    private readonly ds: DataSource,
    private readonly scenarios: TrainingRepository,
    private readonly drills: DrillRepository,
    private readonly outbox: JobOutbox,
  ) {}

  /**
   * Records the reply and its grading job. With a client key (header or body), a repeated or
   * concurrent request with the same key returns the first submission and queues nothing new;
   * the same key with another scenario or reply is refused.
   */
  async submit(scenarioId: string, dto: SubmitReplyDto, headerKey: string | undefined, student: AuthUser): Promise<SubmissionDetail> {
    const clientKey = this.clientKey(headerKey, dto.clientSubmissionId);
    const scenario = await this.scenarios.findScenario(scenarioId);
    if (!scenario) throw scenarioNotFound();
    if (!scenario.rubric) throw scenarioHasNoRubric();
    const rubric = scenario.rubric as unknown as Rubric;

    const { id, job } = await inTransaction(this.ds, async (tx) => {
      const inserted = await this.drills.insertSubmission(tx, {
        scenarioId,
        studentId: student.id,
        clientKey,
        reply: dto.reply,
        prompt: scenario.conversation.join('\n'),
        rubric,
        requiresReview: rubric.requiresReview === true,
      });
      if (inserted === null) {
        // Only a used client key makes the insert a no-op; that request's row is committed now.
        const first = await this.drills.findByClientKey(tx, student.id, clientKey as string);
        if (!first || first.scenarioId !== scenarioId || first.reply !== dto.reply) throw idempotencyKeyReused();
        return { id: first.id, job: null };
      }
      const entry = await this.outbox.addInTx(tx, JobName.GradeDrillSubmission, { submissionId: inserted });
      return { id: inserted, job: entry as OutboxEntry };
    });
    if (job) this.outbox.publishSoon([job]);
    return this.get(id, student);
  }

  /** A student reads only their own submissions (another's is "not found"); staff read any. */
  async get(id: string, user: AuthUser): Promise<SubmissionDetail> {
    const s = await this.drills.findSubmission(id);
    if (!s || (!isStaff(user) && s.studentId !== user.id)) throw submissionNotFound();
    return s;
  }

  /** Standing per scenario (best score, passed, credited); a student gets their own. */
  results(q: ResultListQuery, user: AuthUser): Promise<{ items: ResultWithTitle[]; total: number }> {
    return this.drills.listResults(isStaff(user) ? q.studentId : user.id, q.limit, q.offset);
  }

  list(q: SubmissionListQuery, user: AuthUser): Promise<{ items: SubmissionDetail[]; total: number }> {
    const studentId = isStaff(user) ? q.studentId : user.id;
    return this.drills.listSubmissions({ studentId, scenarioId: q.scenarioId, status: q.status, limit: q.limit, offset: q.offset });
  }

  private clientKey(header: string | undefined, body: string | null | undefined): string | null {
    if (header !== undefined && !CLIENT_KEY.test(header)) throw invalidIdempotencyKey();
    if (header !== undefined && body != null && header !== body) throw idempotencyKeyMismatch();
    return header ?? body ?? null;
  }
}
