import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { CatalogRepository } from '../catalog/catalog.repository';
import { HOUR_SOURCES, type HourSource } from './entities/hour-entry.entity';
import { CreditSources, type CreditSourceType, type ExpectedCredit } from './credit-sources';
import { HoursRepository } from './hours.repository';

export type LedgerDifferenceKind = 'missing' | 'unexpected' | 'amount' | 'over_course' | 'source_not_registered';

export interface LedgerDifference {
  kind: LedgerDifferenceKind;
  studentId: string | null;
  source: HourSource | null;
  referenceType: string | null;
  referenceId: string | null;
  courseId?: string;
  /** What the source records call for (for `atMost`, the upper bound). */
  expectedMinutes: number | null;
  ledgerMinutes: number;
}

export class LedgerVerification {
  /** (student, source, reference) pairs compared, and (student, course) totals checked against the course's worth. */
  @ApiProperty({ type: Number }) checked: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) differences: LedgerDifference[];
}

const SOURCES = HOUR_SOURCES.filter((s): s is CreditSourceType => s !== 'adjustment');

/**
 * Recomputes every credit from its source's records (lesson progress, graded attempts, drill
 * outcomes, attendance) and lists where the ledger holds something else, and every course that
 * credits a student more than it is worth. Adjustments have no source but themselves.
 */
@Injectable()
export class LedgerVerificationService {
  constructor(
    private readonly repo: HoursRepository,
    private readonly sources: CreditSources,
    private readonly catalog: CatalogRepository,
  ) {}

  async verify(): Promise<LedgerVerification> {
    const differences: LedgerDifference[] = [];
    const nets = await this.repo.allReferenceNets();
    const key = (source: string, c: { studentId: string; referenceType: string; referenceId: string }) =>
      `${source}|${c.studentId}|${c.referenceType}|${c.referenceId}`;
    const held = new Map(nets.map((n) => [key(n.source, n), n]));
    const expected = new Map<string, { source: CreditSourceType; credit: ExpectedCredit }>();
    const registered = new Set(this.sources.registered());
    for (const source of SOURCES) {
      if (!registered.has(source)) {
        differences.push({ kind: 'source_not_registered', studentId: null, source, referenceType: null, referenceId: null, expectedMinutes: null, ledgerMinutes: 0 });
        continue;
      }
      for (const credit of await this.sources.expected(source)) {
        if (credit.minutes > 0) expected.set(key(source, credit), { source, credit });
      }
    }
    let checked = 0;
    for (const [k, { source, credit }] of expected) {
      checked++;
      const ledger = held.get(k)?.minutes ?? 0;
      held.delete(k);
      const ok = credit.atMost ? ledger > 0 && ledger <= credit.minutes : ledger === credit.minutes;
      if (ok) continue;
      differences.push({
        kind: ledger === 0 ? 'missing' : 'amount',
        studentId: credit.studentId,
        source,
        referenceType: credit.referenceType,
        referenceId: credit.referenceId,
        expectedMinutes: credit.minutes,
        ledgerMinutes: ledger,
      });
    }
    for (const n of held.values()) {
      checked++;
      if (n.minutes === 0) continue;
      differences.push({ kind: 'unexpected', studentId: n.studentId, source: n.source, referenceType: n.referenceType, referenceId: n.referenceId, expectedMinutes: 0, ledgerMinutes: n.minutes });
    }
    const worth = new Map<string, number>();
    for (const c of await this.repo.courseNets()) {
      checked++;
      if (!worth.has(c.courseId)) worth.set(c.courseId, (await this.catalog.courseWorthMinutes(this.repo.manager(), c.courseId)) ?? 0);
      const max = worth.get(c.courseId) as number;
      if (c.minutes > max) {
        differences.push({ kind: 'over_course', studentId: c.studentId, source: null, referenceType: 'course', referenceId: c.courseId, courseId: c.courseId, expectedMinutes: max, ledgerMinutes: c.minutes });
      }
    }
    return { checked, differences };
  }

}
