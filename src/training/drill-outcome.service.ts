import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CreditSources } from '../hours/credit-sources';
import { HourLedger } from '../hours/hour-ledger.service';
import { DrillRepository } from './drill.repository';
import { TrainingRepository } from './training.repository';

/**
 * What a change of a graded submission means for the student's standing on the scenario:
 * the best result is recomputed from every graded submission, and the hours follow whether the
 * scenario is passed now.
 *
 * - Passed and not credited: the hour ledger records the scenario's minutes for the training
 *   system (capped by what the training course is worth). However often the student passes,
 *   this happens once: the ledger records the net credit of the scenario, not one per pass.
 * - Not passed any more (a review overrode the only pass) but credited: the ledger records a
 *   net of 0, a reversing entry; the old entry is never edited. A later pass credits again.
 *
 * Runs inside the caller's transaction, after the caller locked the submission; the result row
 * lock serialises changes of the same student and scenario (always submission, then result).
 */
@Injectable()
export class DrillOutcomeService implements OnModuleInit {
  constructor(
    private readonly drills: DrillRepository,
    private readonly scenarios: TrainingRepository,
    private readonly ledger: HourLedger,
    private readonly catalog: CatalogRepository,
    private readonly creditSources: CreditSources,
  ) {}

  /** Drill results are a source of credit: a credited result keeps the minutes the ledger holds for it. */
  onModuleInit(): void {
    this.creditSources.register('drill_pass', async () =>
      (await this.drills.creditedResults()).map((r) => ({ studentId: r.studentId, referenceType: 'scenario', referenceId: r.scenarioId, minutes: r.minutes })),
    );
  }

  async apply(tx: EntityManager, studentId: string, scenarioId: string, actorId: string | null): Promise<void> {
    const result = await this.drills.lockResult(tx, studentId, scenarioId);
    const { best, gradedCount } = await this.drills.bestGraded(tx, studentId, scenarioId);
    result.gradedCount = gradedCount;
    result.bestSubmissionId = best?.id ?? null;
    result.bestScore = best?.score ?? null;
    result.bestMaxScore = best?.max_score ?? null;
    result.passed = best?.passed ?? false;
    if (result.passed && result.firstPassedAt === null) result.firstPassedAt = new Date();

    if (result.passed !== result.credited) {
      const scenario = await this.scenarios.scenarioIn(tx, scenarioId);
      // The training course's drill lesson of this scenario: its course caps the credit, and the pass completes it.
      const lesson = await this.catalog.drillLessonForScenario(tx, scenarioId);
      if (result.passed) result.creditGeneration += 1;
      const recorded = await this.ledger.record(tx, {
        studentId,
        systemCode: 'training',
        courseId: lesson?.courseId ?? null,
        lessonId: lesson?.lessonId ?? null,
        source: 'drill_pass',
        referenceType: 'scenario',
        referenceId: scenarioId,
        minutes: result.passed ? Math.max(0, scenario.creditMinutes) : 0,
        actorId,
        reason: result.creditGeneration <= 1 ? null : '复核后重新通过实训',
        reversalReason: '质检复核改判为未通过，冲销实训学时',
      });
      result.credited = result.passed;
      result.creditedMinutes = recorded.minutes;
    }
    await this.drills.saveResult(tx, result);
  }
}
