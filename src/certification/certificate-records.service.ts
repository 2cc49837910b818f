import { Injectable } from '@nestjs/common';
import { forecastTiers, type TierForecast } from '@lms/eligibility';
import { CertificationRepository } from './certification.repository';
import { EligibilityFacts } from './eligibility-facts.service';
import { TierRules } from './tier-rules.service';

export interface CertificateRecord {
  studentId: string;
  tierCode: string;
  /** valid, revoked or expired (derived from the expiry). */
  status: string;
  issuedAt: Date;
}

/** Certification's narrow read service for reports: certificates of a set of students, the tiers, and the forecast. */
@Injectable()
export class CertificateRecords {
  constructor(
    private readonly repo: CertificationRepository,
    private readonly tiers: TierRules,
    private readonly facts: EligibilityFacts,
  ) {}

  of(studentIds: readonly string[]): Promise<CertificateRecord[]> {
    return this.repo.certificatesOf([...new Set(studentIds)]);
  }

  /** The tiers in force, lowest level first. */
  async currentTiers(): Promise<Array<{ code: string; name: string; level: number }>> {
    return (await this.tiers.current()).map((t) => ({ code: t.code, name: t.name, level: t.level })).sort((a, b) => a.level - b.level);
  }

  /** Per student, the forecast of every tier (facts read set-based, once for all students). */
  async forecast(studentIds: readonly string[]): Promise<Map<string, TierForecast[]>> {
    const tiers = await this.tiers.current();
    const facts = await this.facts.of(studentIds, tiers);
    return new Map([...facts].map(([id, f]) => [id, forecastTiers(tiers, f)]));
  }
}
