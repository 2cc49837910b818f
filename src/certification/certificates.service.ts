import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { formatSerial } from '@lms/certificate';
import type { TierEvaluation } from '@lms/eligibility';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { Page } from '../common/pagination.dto';
import { certificationConfig } from './certification.config';
import { inTransaction } from '../common/transaction';
import type { AuthUser } from '../identity/auth.decorators';
import { DirectoryEntry, UserDirectory } from '../identity/user-directory.service';
import { alreadyHeld, alreadyRevoked, certificateNotFound, cohortNotFound, notEligible, notYourCertificate, studentNotFound } from './certification.errors';
import { CertificationRepository } from './certification.repository';
import { BatchIssueView, CertificateView, IssueOutcomeView, toCertificateView } from './certification.views';
import { EligibilityService } from './eligibility.service';
import { Certificate, CertificateStatus } from './entities/certificate.entity';
import { VerificationService } from './verification.service';

/** The year a certificate's serial counts in: the issue date as the base (in China) sees it. */
function serialYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(at));
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** Students per issuing transaction in a batch: bounded locks and statement sizes, however large the cohort. */
const BATCH_CHUNK = 250;

interface Candidate {
  student: DirectoryEntry;
  evaluation: TierEvaluation;
  facts: unknown;
}

export interface IssueOptions {
  override?: { reason: string };
  /** The demo generator issues certificates dated in the year it recreates; the API always issues now. */
  issuedAt?: Date;
}

/** Issuing (one, or a cohort's eligible students), revoking and listing certificates. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: CertificationRepository,
    private readonly eligibility: EligibilityService,
    private readonly users: UserDirectory,
    private readonly audit: AuditLog,
    @Inject(certificationConfig.KEY) private readonly certification: ConfigType<typeof certificationConfig>,
    private readonly verification: VerificationService,
  ) {}

  verificationUrl(serial: string): string {
    return `${this.certification.publicBaseUrl}/verify/${encodeURIComponent(serial)}`;
  }

  async issue(studentId: string, tierCode: string, actor: AuthUser, options: IssueOptions = {}): Promise<CertificateView> {
    const student = await this.users.student(studentId);
    if (!student) throw studentNotFound();
    // Facts are read before the transaction opens: a transaction waiting on pool connections for its reads could starve the pool.
    const { tier, evaluations, facts } = await this.eligibility.evaluateTier(tierCode, [studentId]);
    const evaluation = evaluations.get(studentId)!;
    if (!evaluation.eligible && !evaluation.held && !options.override) throw notEligible(evaluation.unmet);
    const [outcome] = await inTransaction(this.ds, (tx) =>
      this.issueChunk(tx, tier, [{ student, evaluation, facts: facts.get(studentId) }], actor, options),
    );
    if (outcome.outcome === 'skipped') throw alreadyHeld(outcome.serial!);
    return this.view((await this.repo.findById(outcome.certificateId!))!);
  }

  /** Issues the tier to every eligible student of the cohort who does not hold it yet; says what it did for each. */
  async issueToCohort(tierCode: string, cohortId: string, actor: AuthUser): Promise<BatchIssueView> {
    if (!(await this.users.cohort(cohortId))) throw cohortNotFound();
    const students = await this.users.studentsOfCohort(cohortId);
    const { tier, evaluations, facts } = await this.eligibility.evaluateTier(
      tierCode,
      students.map((s) => s.id),
    );
    const results: IssueOutcomeView[] = [];
    const candidates: Candidate[] = [];
    for (const student of students) {
      const evaluation = evaluations.get(student.id)!;
      if (evaluation.held) results.push({ studentId: student.id, displayName: student.displayName, outcome: 'skipped', reason: 'already_held' });
      else if (!evaluation.eligible)
        results.push({ studentId: student.id, displayName: student.displayName, outcome: 'skipped', reason: 'not_eligible', missing: evaluation.unmet.map((c) => c.message) });
      else candidates.push({ student, evaluation, facts: facts.get(student.id) });
    }
    for (let i = 0; i < candidates.length; i += BATCH_CHUNK) {
      const chunk = candidates.slice(i, i + BATCH_CHUNK);
      results.push(...(await inTransaction(this.ds, (tx) => this.issueChunk(tx, tier, chunk, actor, {}))));
    }
    const byStudent = new Map(results.map((r) => [r.studentId, r]));
    const ordered = students.map((s) => byStudent.get(s.id)!);
    return {
      tierCode: tier.code,
      cohortId,
      issued: ordered.filter((r) => r.outcome === 'issued').length,
      skipped: ordered.filter((r) => r.outcome === 'skipped').length,
      results: ordered,
    };
  }

  /**
   * Issues in one transaction: locks each holder (so concurrent requests for one student and tier
   * queue and the later one finds the earlier certificate), skips those who hold the tier by now,
   * reserves a run of serials (the counter row lock makes them gapless) and audits each issue.
   */
  private async issueChunk(
    tx: EntityManager,
    tier: { code: string; ruleVersion: number; validityMonths: number | null },
    candidates: Candidate[],
    actor: AuthUser,
    options: IssueOptions,
  ): Promise<IssueOutcomeView[]> {
    const ids = candidates.map((c) => c.student.id);
    await this.repo.lockHolders(tx, ids, tier.code);
    await this.repo.expireLapsed(tx, ids, tier.code);
    const held = await this.repo.validSerials(tx, ids, tier.code);
    const toIssue = candidates.filter((c) => !held.has(c.student.id));
    const issuedAt = options.issuedAt ?? new Date();
    const year = serialYear(issuedAt);
    const firstNo = toIssue.length ? await this.repo.reserveSerials(tx, tier.code, year, toIssue.length) : 0;
    const inserted = await this.repo.insertMany(
      tx,
      toIssue.map((c, i) => ({
        serial: formatSerial(tier.code, year, firstNo + i),
        tierCode: tier.code,
        serialYear: year,
        serialNo: firstNo + i,
        studentId: c.student.id,
        verificationCode: randomBytes(15).toString('base64url'),
        issuedAt,
        expiresAt: tier.validityMonths ? addMonths(issuedAt, tier.validityMonths) : null,
        ruleVersion: tier.ruleVersion,
        checks: c.evaluation.checks,
        facts: (c.facts ?? {}) as Record<string, unknown>,
        overrideReason: c.evaluation.eligible ? null : (options.override?.reason ?? null),
        issuedBy: actor.id,
      })),
    );
    await this.audit.recordMany(
      tx,
      inserted.map((cert) => ({
        actorId: actor.id,
        action: cert.overrideReason ? 'certificate.issue_override' : 'certificate.issue',
        targetType: 'certificate',
        targetId: cert.id,
        changes: { serial: cert.serial, studentId: cert.studentId, tierCode: cert.tierCode, ruleVersion: cert.ruleVersion, overrideReason: cert.overrideReason },
      })),
    );
    const bySerial = new Map(inserted.map((c) => [c.studentId, c]));
    return candidates.map((c) => {
      const cert = bySerial.get(c.student.id);
      return cert
        ? { studentId: c.student.id, displayName: c.student.displayName, outcome: 'issued', serial: cert.serial, certificateId: cert.id }
        : { studentId: c.student.id, displayName: c.student.displayName, outcome: 'skipped', reason: 'already_held', serial: held.get(c.student.id) };
    });
  }

  async revoke(id: string, reason: string, actor: AuthUser): Promise<CertificateView> {
    await inTransaction(this.ds, async (tx) => {
      const cert = await this.repo.lockCertificate(tx, id);
      if (!cert) throw certificateNotFound();
      if (cert.status === 'revoked') throw alreadyRevoked();
      await this.repo.revoke(tx, id, actor.id, reason);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'certificate.revoke',
        targetType: 'certificate',
        targetId: id,
        changes: { serial: cert.serial, studentId: cert.studentId, reason, statusBefore: cert.status },
      });
    });
    const revoked = (await this.repo.findById(id))!;
    this.verification.forget(revoked.serial);
    return this.view(revoked);
  }

  /** A certificate its holder or an admin may read. */
  async readable(id: string, caller: AuthUser): Promise<Certificate> {
    const cert = await this.repo.findById(id);
    if (!cert) throw certificateNotFound();
    if (caller.role !== 'admin' && cert.studentId !== caller.id) throw caller.role === 'student' ? notYourCertificate() : certificateNotFound();
    return cert;
  }

  async get(id: string, caller: AuthUser): Promise<CertificateView> {
    return this.view(await this.readable(id, caller));
  }

  async mine(student: AuthUser): Promise<CertificateView[]> {
    return this.views(await this.repo.forStudent(student.id));
  }

  async list(filter: { cohortId?: string; tierCode?: string; status?: CertificateStatus; limit: number; offset: number }): Promise<Page<CertificateView>> {
    let studentIds: string[] | undefined;
    if (filter.cohortId) {
      if (!(await this.users.cohort(filter.cohortId))) throw cohortNotFound();
      studentIds = (await this.users.studentsOfCohort(filter.cohortId)).map((s) => s.id);
    }
    const [items, total] = await this.repo.list({ studentIds, tierCode: filter.tierCode, status: filter.status, limit: filter.limit, offset: filter.offset });
    return { items: await this.views(items), total };
  }

  async view(cert: Certificate): Promise<CertificateView> {
    return (await this.views([cert]))[0];
  }

  private async views(certs: Certificate[]): Promise<CertificateView[]> {
    const [tiers, names] = await Promise.all([this.repo.tiers(), this.users.byIds(certs.map((c) => c.studentId))]);
    const tierNames = new Map(tiers.map((t) => [t.code, t.name]));
    return certs.map((c) =>
      toCertificateView(c, { tierName: tierNames.get(c.tierCode) ?? c.tierCode, studentName: names.get(c.studentId)?.displayName ?? '' }, this.verificationUrl(c.serial)),
    );
  }
}
