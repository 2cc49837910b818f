import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TrainingScenario } from './entities/training-scenario.entity';

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
}
