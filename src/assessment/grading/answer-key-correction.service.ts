import { Injectable } from '@nestjs/common';
import { validateAnswerKey, type AnswerKey } from '@lms/grading';
import { AuditLog } from '../../audit/audit-log.service';
import { BankAccess } from '../bank-access.service';
import { BanksRepository } from '../banks.repository';
import { DrawPoolCache } from '../draw-pool-cache.service';
import { canonicalJson } from '../question-input';
import type { AuthUser } from '../../identity/auth.decorators';
import { JobName } from '../../jobs/job-catalog';
import { jobEntry, JobOutbox, OutboxEntry } from '../../jobs/job-outbox.service';
import { AnswerKeyCorrection } from './entities/answer-key-correction.entity';
import { answerKeyUnchanged, invalidAnswerKey, questionVersionNotFound } from './grading.errors';
import { GradingRepository } from './grading.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import { inTransaction } from '../../common/transaction';
import { DataSource } from 'typeorm';

export interface CorrectionProgress {
  correction: AnswerKeyCorrection;
  /** Attempts the regrade jobs have handled so far, and how many of them changed score or result. */
  regraded: number;
  changed: number;
}

const sameKey = (a: AnswerKey, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * A trainer corrects the answer key of a question version that attempts already hold: the key
 * changes in place (its revision goes up), the correction is recorded with every attempt that
 * holds the version, and each of them is regraded through the queue — the correction row and
 * the regrade jobs' outbox rows are written in one transaction.
 */
@Injectable()
export class AnswerKeyCorrectionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: GradingRepository,
    private readonly banks: BanksRepository,
    private readonly outbox: JobOutbox,
    private readonly pools: DrawPoolCache,
    private readonly bankAccess: BankAccess,
    private readonly audit: AuditLog,
  ) {}

  async correct(questionId: string, input: { version?: number; answer: unknown; reason: string }, user: AuthUser): Promise<CorrectionProgress> {
    // A correction is a write to the bank: its owner's or an admin's (seeded banks: any staff).
    const current = await this.bankAccess.writableQuestion(user, questionId);
    const { correction, jobs } = await inTransaction(this.ds, async (tx) => {
      const version = await this.banks.findVersion(tx, questionId, input.version ?? current.question.currentVersion, true);
      if (!version) throw questionVersionNotFound(input.version);
      const problems = validateAnswerKey(version.type, input.answer, version.options ?? undefined);
      if (problems.length) throw invalidAnswerKey(problems);
      if (sameKey(version.answer, input.answer)) throw answerKeyUnchanged();
      await this.repo.correctKey(tx, version.id, input.answer);
      // Every attempt holding the version, whatever its state: one not graded yet is regraded as a no-op,
      // which also covers an attempt whose grading read the old key just before this commit.
      const affected = await this.repo.attemptsHoldingVersion(tx, version.id);
      const correction = await this.repo.insertCorrection(tx, {
        questionId,
        questionVersionId: version.id,
        keyRevision: version.keyRevision + 1,
        previousAnswer: version.answer,
        answer: input.answer as AnswerKey,
        reason: input.reason.trim(),
        correctedBy: user.id,
        affectedAttemptIds: affected,
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'answer_key.correct',
        targetType: 'question',
        targetId: questionId,
        changes: {
          correctionId: correction.id,
          version: version.version,
          keyRevision: { before: version.keyRevision, after: correction.keyRevision },
          before: version.answer,
          after: input.answer,
          reason: correction.reason,
          attemptsToRegrade: correction.affectedAttemptIds.length,
        },
      });
      const jobs: OutboxEntry[] = [];
      for (const attemptId of correction.affectedAttemptIds) {
        jobs.push(await this.outbox.addInTx(tx, JobName.RegradeAttempt, { attemptId, correctionId: correction.id }));
      }
      return { correction, jobs };
    });
    this.outbox.publishSoon(jobs);
    this.pools.invalidate(); // a fill-in question's number of blanks comes from its key
    return { correction, regraded: 0, changed: 0 };
  }

  async list(questionId: string, user: AuthUser): Promise<CorrectionProgress[]> {
    await this.bankAccess.readableQuestion(user, questionId);
    const corrections = await this.repo.correctionsOf(questionId);
    if (corrections.length === 0) return [];
    const byId = await this.repo.regradeCounts(corrections.map((c) => c.id));
    return corrections.map((correction) => ({ correction, regraded: byId.get(correction.id)?.regraded ?? 0, changed: byId.get(correction.id)?.changed ?? 0 }));
  }

  /** Regrade jobs of recent corrections that have not run (their job was lost), for the recovery sweep. */
  async missingRegrades(olderThanMs: number, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.repo.missingRegrades(olderThanMs, limit);
    return rows.map((r) => jobEntry(JobName.RegradeAttempt, r));
  }
}
