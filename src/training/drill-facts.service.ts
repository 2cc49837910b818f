import { Injectable } from '@nestjs/common';
import { DrillFactsRepository } from './drill-facts.repository';

/** Training's narrow read service: distinct scenario drills each student has passed (one query). */
@Injectable()
export class DrillFacts {
  constructor(private readonly repo: DrillFactsRepository) {}

  async distinctPassed(studentIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.repo.passedCounts([...new Set(studentIds)]);
    return new Map(rows.map((r) => [r.studentId, r.passed]));
  }
}
