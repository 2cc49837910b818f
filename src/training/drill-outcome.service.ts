import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HoursRepository } from '../hours/hours.repository';
import { TrainingScenario } from './entities/training-scenario.entity';
import { DrillRepository } from './drill.repository';

/** Ledger idempotency key of the n-th credit of a scenario to a student (the first is the plain key). */
export function drillCreditKey(scenarioId: string, studentId: string, generation: number): string {
  return generation === 1 ? `drill:${scenarioId}:${studentId}` : `drill:${scenarioId}:${studentId}:${generation}`;
}

/** Ledger idempotency key of the reversal of the n-th credit. */
export function drillReversalKey(scenarioId: string, studentId: string, generation: number): string {
  return `drill-reversal:${scenarioId}:${studentId}:${generation}`;
}

/**
 * What a change of a graded submission means for the student's standing on the scenario:
 * the best result is recomputed from every graded submission, and the hours follow whether the
 * scenario is passed now.
 *
 * - Passed and not credited: credit the scenario's minutes to the training system (a new
 *   ledger entry). However often the student passes, this happens once, because the result
 *   row remembers the credit and the ledger key is unique per scenario, student and generation.
 * - Not passed any more (a review overrode the only pass) but credited: write a reversing entry
 *   of the credited minutes. The old entry is never edited. A later pass credits again under the
 *   next generation's key.
 *
 * Runs inside the caller's transaction, after the caller locked the submission; the result row
 * lock serialises changes of the same student and scenario (always submission, then result).
 */
@Injectable()
export class DrillOutcomeService {
  constructor(
    private readonly drills: DrillRepository,
    private readonly hours: HoursRepository,
  ) {}

  async apply(tx: EntityManager, studentId: string, scenarioId: string, actorId: string | null): Promise<void> {
    const result = await this.drills.lockResult(tx, studentId, scenarioId);
    const { best, gradedCount } = await this.drills.bestGraded(tx, studentId, scenarioId);
    result.gradedCount = gradedCount;
    result.bestSubmissionId = best?.id ?? null;
    result.bestScore = best?.score ?? null;
    result.bestMaxScore = best?.max_score ?? null;
    result.passed = best?.passed ?? false;
    if (result.passed && result.firstPassedAt === null) result.firstPassedAt = new Date();

    if (result.passed && !result.credited) {
      const scenario = await tx.getRepository(TrainingScenario).findOneByOrFail({ id: scenarioId });
      result.creditGeneration += 1;
      result.credited = true;
      result.creditedMinutes = scenario.creditMinutes;
      if (scenario.creditMinutes > 0) {
        await this.hours.append(tx, {
          studentId,
          systemCode: 'training',
          minutes: scenario.creditMinutes,
          source: 'drill_pass',
          referenceType: 'scenario',
          referenceId: scenarioId,
          idempotencyKey: drillCreditKey(scenarioId, studentId, result.creditGeneration),
          reason: result.creditGeneration === 1 ? null : '复核后重新通过实训',
          authorId: actorId,
        });
      }
    } else if (!result.passed && result.credited) {
      if (result.creditedMinutes > 0) {
        await this.hours.append(tx, {
          studentId,
          systemCode: 'training',
          minutes: -result.creditedMinutes,
          source: 'drill_pass',
          referenceType: 'scenario',
          referenceId: scenarioId,
          idempotencyKey: drillReversalKey(scenarioId, studentId, result.creditGeneration),
          reason: '质检复核改判为未通过，冲销实训学时',
          authorId: actorId,
        });
      }
      result.credited = false;
      result.creditedMinutes = 0;
    }
    await this.drills.saveResult(tx, result);
  }
}
