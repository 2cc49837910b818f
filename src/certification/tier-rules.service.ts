import { Injectable } from '@nestjs/common';
import { parseRules, type Tier } from '@lms/eligibility';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../identity/auth.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { inTransaction } from '../common/transaction';
import { invalidRules, tierNotFound } from './certification.errors';
import { CertificationRepository, TierWithRules } from './certification.repository';

export interface TierEdit {
  rules: unknown;
  validityMonths?: number | null;
}

/** The tiers and the rules in force. An edit writes a new rule version; certificates keep theirs. */
@Injectable()
export class TierRules {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: CertificationRepository,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<TierWithRules[]> {
    return this.repo.tiers();
  }

  /** The tiers as the evaluator takes them. */
  async current(): Promise<Array<Tier & { ruleVersion: number; validityMonths: number | null }>> {
    return (await this.repo.tiers()).map((t) => ({ code: t.code, name: t.name, level: t.level, rules: t.rules, ruleVersion: t.ruleVersion, validityMonths: t.validityMonths }));
  }

  async get(code: string): Promise<TierWithRules> {
    const tier = (await this.repo.tiers()).find((t) => t.code === code);
    if (!tier) throw tierNotFound();
    return tier;
  }

  async update(code: string, edit: TierEdit, actor: AuthUser): Promise<TierWithRules> {
    return inTransaction(this.ds, async (tx) => {
      const tier = await this.repo.lockTier(tx, code);
      if (!tier) throw tierNotFound();
      const all = await this.repo.tiers(tx);
      const parsed = parseRules(edit.rules, { tierCode: code, knownTierCodes: all.map((t) => t.code) });
      if (!parsed.ok) throw invalidRules(parsed.problems);
      const before = all.find((t) => t.code === code)!;
      const validityMonths = edit.validityMonths === undefined ? tier.validityMonths : edit.validityMonths;
      const version = tier.ruleVersion + 1;
      await this.repo.addRuleVersion(tx, code, version, parsed.rules, validityMonths, actor.id);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'tier.update',
        targetType: 'tier',
        targetId: code,
        changes: { fromVersion: tier.ruleVersion, toVersion: version, before: before.rules, after: parsed.rules, validityMonths },
      });
      return (await this.repo.tiers(tx)).find((t) => t.code === code)!;
    });
  }
}
