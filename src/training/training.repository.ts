import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import { TrainingScenario } from './entities/training-scenario.entity';
import { scenarioTitleTaken } from './training.errors';

export type ScenarioFields = Pick<TrainingScenario, 'title' | 'summary' | 'conversation' | 'rubric' | 'creditMinutes' | 'position'>;

/** A scenario as the seed import writes it. */
export type SeededScenario = Omit<ScenarioFields, 'rubric'> & Pick<TrainingScenario, 'creditIsDefault' | 'seedKey'> & { rubric: TrainingScenario['rubric'] & object };

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

  /** Inserts the seed's scenarios that do not exist yet (by title); returns how many it inserted. */
  async insertMissingScenarios(tx: EntityManager, rows: SeededScenario[]): Promise<number> {
    const res = await tx.createQueryBuilder().insert().into(TrainingScenario).values(rows).orIgnore().returning('id').execute();
    return (res.raw as unknown[]).length;
  }

  /** Every scenario's id by its title. */
  async scenarioIdsByTitle(tx: EntityManager): Promise<Map<string, string>> {
    const all = await tx.getRepository(TrainingScenario).find({ select: { id: true, title: true } });
    return new Map(all.map((s) => [s.title, s.id]));
  }

  /** The scenario, read in the caller's transaction; it must exist. */
  scenarioIn(tx: EntityManager, id: string): Promise<TrainingScenario> {
    return tx.getRepository(TrainingScenario).findOneByOrFail({ id });
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
