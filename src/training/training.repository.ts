import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { TrainingScenario } from './entities/training-scenario.entity';
import { scenarioTitleTaken } from './training.errors';

export type ScenarioFields = Pick<TrainingScenario, 'title' | 'summary' | 'conversation' | 'rubric' | 'creditMinutes' | 'position'>;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505';
}

/** Training scenarios (the drills of 附件三) and their rubrics. */
@Injectable()
export class TrainingRepository {
  constructor(@InjectRepository(TrainingScenario) private readonly scenarios: Repository<TrainingScenario>) {}

  async listScenarios(limit: number, offset: number): Promise<{ items: TrainingScenario[]; total: number }> {
    const [items, total] = await this.scenarios.findAndCount({ order: { position: 'ASC', title: 'ASC' }, take: limit, skip: offset });
    return { items, total };
  }

  findScenario(id: string): Promise<TrainingScenario | null> {
    return this.scenarios.findOneBy({ id });
  }

  /** Creates a scenario; a title that exists is SCENARIO_TITLE_TAKEN, even when two trainers race. */
  async insertScenario(fields: ScenarioFields): Promise<TrainingScenario> {
    try {
      return await this.scenarios.save(this.scenarios.create({ ...fields, creditIsDefault: false, seedKey: null }));
    } catch (err) {
      if (isUniqueViolation(err)) throw scenarioTitleTaken(fields.title);
      throw err;
    }
  }

  /** Applies the given fields; false when the scenario does not exist. */
  async updateScenario(id: string, patch: Partial<ScenarioFields>): Promise<boolean> {
    const changes: Partial<TrainingScenario> = { ...patch };
    // An hours figure a trainer set is no longer the seed's default.
    if (patch.creditMinutes !== undefined) changes.creditIsDefault = false;
    try {
      const res = await this.scenarios.update({ id }, changes as never);
      return (res.affected ?? 0) > 0;
    } catch (err) {
      if (isUniqueViolation(err)) throw scenarioTitleTaken(patch.title ?? '');
      throw err;
    }
  }

  async nextPosition(): Promise<number> {
    const row = await this.scenarios.createQueryBuilder('s').select('COALESCE(MAX(s.position), 0) + 1', 'next').getRawOne<{ next: number }>();
    return Number(row?.next ?? 1);
  }
}
