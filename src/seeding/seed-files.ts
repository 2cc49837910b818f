import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GeneralCurriculum,
  PracticalCurriculum,
  ProfessionalCurriculum,
  TrainingCurriculum,
  validateGeneral,
  validatePractical,
  validateProfessional,
  validateTraining,
  ValidationResult,
} from '@lms/curriculum';

/** A scenario as written in seeds/training/scenarios.json. */
export interface ScenarioSeed {
  title: string;
  summary: string;
  conversation: string[];
  rubric: Record<string, unknown>;
  modelReply?: string;
  poorReply?: string;
}

export interface SeedFiles {
  practical: PracticalCurriculum;
  general: GeneralCurriculum;
  training: TrainingCurriculum;
  professional: ProfessionalCurriculum;
  scenarios: ScenarioSeed[];
  findings: string[];
}

export class SeedFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`The seed files are invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SeedFileError';
  }
}

function readJson(dir: string, file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message}`);
    return undefined;
  }
}

function validateScenarios(data: unknown, training: TrainingCurriculum | undefined): ValidationResult {
  const errors: string[] = [];
  if (!Array.isArray(data)) return { errors: ['training/scenarios.json: must be an array'], findings: [] };
  const titles = new Set<string>();
  data.forEach((s: Partial<ScenarioSeed>, i) => {
    const where = `training/scenarios.json[${i}]`;
    if (typeof s?.title !== 'string' || !s.title) errors.push(`${where}: title missing`);
    else if (titles.has(s.title)) errors.push(`${where}: title "${s.title}" repeated`);
    else titles.add(s.title);
    if (!Array.isArray(s?.conversation) || s.conversation.length === 0 || s.conversation.some((m) => typeof m !== 'string' || !m.trim())) {
      errors.push(`${where}: conversation must be a non-empty list of customer messages`);
    }
    if (typeof s?.rubric !== 'object' || s.rubric === null) errors.push(`${where}: rubric missing`);
  });
  const findings: string[] = [];
  if (training) {
    const distinct = new Set(training.rows.filter((r) => r.duplicateOfRow === undefined).map((r) => r.title));
    for (const t of distinct) if (!titles.has(t)) errors.push(`training/scenarios.json: no scenario for 附件三 title "${t}"`);
    for (const t of titles) if (!distinct.has(t)) errors.push(`training/scenarios.json: "${t}" is not a title of 附件三`);
    findings.push(`training/scenarios.json: ${titles.size} scenarios with customer conversations and rubrics`);
  }
  return { errors, findings };
}

/** Reads and validates every seed file; throws with every problem when any is structurally wrong. */
export function loadSeedFiles(dir: string): SeedFiles {
  const problems: string[] = [];
  const findings: string[] = [];
  const check = <T>(file: string, validate: (d: unknown) => ValidationResult): T => {
    const data = readJson(dir, file, problems);
    if (data === undefined) return undefined as T;
    const r = validate(data);
    problems.push(...r.errors.map((e) => `${file}: ${e}`));
    findings.push(...r.findings);
    return data as T;
  };
  const practical = check<PracticalCurriculum>('curriculum/practical.json', validatePractical);
  const general = check<GeneralCurriculum>('curriculum/general.json', validateGeneral);
  const training = check<TrainingCurriculum>('curriculum/training.json', validateTraining);
  const professional = check<ProfessionalCurriculum>('curriculum/professional.json', validateProfessional);
  const scenarios = check<ScenarioSeed[]>('training/scenarios.json', (d) => validateScenarios(d, training));
  if (problems.length > 0) throw new SeedFileError(problems);
  return { practical, general, training, professional, scenarios, findings };
}
