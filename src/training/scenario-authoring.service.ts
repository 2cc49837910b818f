import { Injectable } from '@nestjs/common';
import { validateRubric, type Rubric } from '@lms/grading';
import { CreateScenarioDto, UpdateScenarioDto } from './dto/training.dto';
import { TrainingScenario } from './entities/training-scenario.entity';
import { invalidRubric, scenarioNotFound } from './training.errors';
import { ScenarioFields, TrainingRepository } from './training.repository';

/** Keeps one rubric well inside what a trainer writes by hand (and the 1 MB body limit). */
const MAX_RUBRIC_JSON = 100_000;

/**
 * Trainers write and edit scenarios and their rubrics. A rubric is checked with validateRubric
 * before it is stored; replies already submitted keep the rubric they were submitted under.
 */
@Injectable()
export class ScenarioAuthoringService {
  constructor(private readonly repo: TrainingRepository) {}

  async create(dto: CreateScenarioDto): Promise<TrainingScenario> {
    const rubric = this.checkRubric(dto.rubric);
    const position = dto.position ?? (await this.repo.nextPosition());
    return this.repo.insertScenario({
      title: dto.title,
      summary: dto.summary ?? '',
      conversation: dto.conversation,
      rubric,
      creditMinutes: dto.creditMinutes,
      position,
    });
  }

  async update(id: string, dto: UpdateScenarioDto): Promise<TrainingScenario> {
    // Validation refuses null, so an absent field (undefined) is the only kind left out.
    const patch: Partial<ScenarioFields> = {};
    if (dto.title != null) patch.title = dto.title;
    if (dto.summary != null) patch.summary = dto.summary;
    if (dto.conversation != null) patch.conversation = dto.conversation;
    if (dto.rubric != null) patch.rubric = this.checkRubric(dto.rubric);
    if (dto.creditMinutes != null) patch.creditMinutes = dto.creditMinutes;
    if (dto.position != null) patch.position = dto.position;
    if (Object.keys(patch).length > 0 && !(await this.repo.updateScenario(id, patch))) throw scenarioNotFound();
    const scenario = await this.repo.findScenario(id);
    if (!scenario) throw scenarioNotFound();
    return scenario;
  }

  async get(id: string): Promise<TrainingScenario> {
    const scenario = await this.repo.findScenario(id);
    if (!scenario) throw scenarioNotFound();
    return scenario;
  }

  list(limit: number, offset: number): Promise<{ items: TrainingScenario[]; total: number }> {
    return this.repo.listScenarios(limit, offset);
  }

  private checkRubric(rubric: Record<string, unknown>): Record<string, unknown> {
    if (JSON.stringify(rubric).length > MAX_RUBRIC_JSON) throw invalidRubric([`rubric must be at most ${MAX_RUBRIC_JSON} characters of JSON`]);
    const problems = validateRubric(rubric);
    if (problems.length > 0) throw invalidRubric(problems);
    return pickRubric(rubric as unknown as Rubric) as unknown as Record<string, unknown>;
  }
}

/** A valid rubric with only the fields the scorer reads (anything else a client sent is dropped). */
function pickRubric(r: Rubric): Rubric {
  return {
    points: r.points.map((p) => ({ id: p.id, label: p.label, score: p.score, phrases: p.phrases })),
    ...(r.forbidden && {
      forbidden: r.forbidden.map((f) => ({ id: f.id, label: f.label, phrases: f.phrases, penalty: f.penalty, ...(f.fatal !== undefined && { fatal: f.fatal }) })),
    }),
    ...(r.sequence && { sequence: { pointIds: r.sequence.pointIds, penalty: r.sequence.penalty } }),
    passScore: r.passScore,
    requiresReview: r.requiresReview === true,
  };
}
