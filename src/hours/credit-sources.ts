import { Injectable } from '@nestjs/common';
import type { HourSource } from './entities/hour-entry.entity';

/** What a source's own records say the ledger should hold for one of its references. */
export interface ExpectedCredit {
  studentId: string;
  referenceType: string;
  referenceId: string;
  minutes: number;
  /**
   * True when the source knows only an upper bound (an exam lesson passed is worth at most its
   * lesson's minutes: the course's cap may have cut it): the ledger must hold more than 0 and at most `minutes`.
   */
  atMost?: boolean;
}

export type CreditSourceType = Exclude<HourSource, 'adjustment'>;

/**
 * The sources of credit, each able to recompute from its own records what the ledger should hold.
 * Contexts register theirs at start-up (the ledger cannot import them: they import it).
 */
@Injectable()
export class CreditSources {
  private readonly sources = new Map<CreditSourceType, () => Promise<ExpectedCredit[]>>();

  register(source: CreditSourceType, expected: () => Promise<ExpectedCredit[]>): void {
    if (this.sources.has(source)) throw new Error(`Credit source "${source}" is already registered`);
    this.sources.set(source, expected);
  }

  registered(): CreditSourceType[] {
    return [...this.sources.keys()];
  }

  expected(source: CreditSourceType): Promise<ExpectedCredit[]> {
    const fn = this.sources.get(source);
    if (!fn) throw new Error(`No credit source "${source}" is registered`);
    return fn();
  }
}
