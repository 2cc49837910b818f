import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawQuestions, type DrawCandidate, type DrawRule } from '@lms/grading';
import { readQuestionInput } from '../assessment/question-input';
import { REVIEW_POLICIES, type ReviewPolicy } from '../assessment/entities/exam.entity';
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

/** A question bank as written in seeds/banks/<code>.json. */
export interface BankSeed {
  bank: { code: string; title: string; description: string; systemCode: string };
  questions: Array<Record<string, unknown> & { ref: string }>;
}

/** An exam as written in seeds/banks/exams.json: banks by code, an exam lesson by module row and title. */
export interface ExamSeed {
  key: string;
  title: string;
  description: string;
  lesson?: { moduleRow: number; title: string };
  tierCode?: string;
  timeLimitMinutes: number;
  passScore: number;
  maxAttempts: number;
  shuffle: boolean;
  reviewPolicy: ReviewPolicy;
  reviewRubrics?: boolean;
  draw: Array<Omit<DrawRule, 'bankId'> & { bank: string }>;
}

export interface SeedFiles {
  practical: PracticalCurriculum;
  general: GeneralCurriculum;
  training: TrainingCurriculum;
  professional: ProfessionalCurriculum;
  scenarios: ScenarioSeed[];
  banks: BankSeed[];
  exams: ExamSeed[];
  findings: string[];
}

export const BANK_FILES = ['banks/practical.json', 'banks/certification.json'];

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

function validateBank(data: unknown): ValidationResult {
  const d = data as Partial<BankSeed>;
  const errors: string[] = [];
  if (typeof d?.bank?.code !== 'string' || typeof d.bank.title !== 'string') errors.push('bank.code and bank.title are required');
  if (!Array.isArray(d?.questions) || d.questions.length === 0) return { errors: [...errors, 'questions must be a non-empty array'], findings: [] };
  const refs = new Set<string>();
  const types = new Map<string, number>();
  d.questions.forEach((q, i) => {
    const input = readQuestionInput(q);
    const where = `questions[${i}]${input.ref ? ` (${input.ref})` : ''}`;
    if (!input.ok) errors.push(`${where}: ${input.problems.join('; ')}`);
    else types.set(input.content.type, (types.get(input.content.type) ?? 0) + 1);
    if (!input.ref) errors.push(`${where}: ref is required`);
    else if (refs.has(input.ref)) errors.push(`${where}: ref repeated`);
    else refs.add(input.ref);
  });
  const summary = [...types].map(([t, n]) => `${n} ${t}`).join(', ');
  return { errors, findings: [`${d.bank?.code} bank: ${d.questions.length} questions (${summary})`] };
}

function validateExams(data: unknown, banks: BankSeed[], practical: PracticalCurriculum | undefined): ValidationResult {
  const exams = (data as { exams?: unknown })?.exams;
  if (!Array.isArray(exams)) return { errors: ['exams must be an array'], findings: [] };
  const errors: string[] = [];
  const pool: DrawCandidate[] = banks.flatMap((b) =>
    (b?.questions ?? []).map((q) => ({
      id: `${b.bank.code}/${q.ref}`,
      bankId: b.bank.code,
      type: q.type as DrawCandidate['type'],
      tags: (q.tags as string[]) ?? [],
      difficulty: (q.difficulty as DrawCandidate['difficulty']) ?? null,
    })),
  );
  const keys = new Set<string>();
  (exams as ExamSeed[]).forEach((e, i) => {
    const where = `exams[${i}]${e?.key ? ` (${e.key})` : ''}`;
    if (typeof e?.key !== 'string' || keys.has(e.key)) errors.push(`${where}: key missing or repeated`);
    keys.add(e?.key);
    if (typeof e?.title !== 'string' || !e.title) errors.push(`${where}: title missing`);
    if (!REVIEW_POLICIES.includes(e?.reviewPolicy)) errors.push(`${where}: reviewPolicy must be one of ${REVIEW_POLICIES.join(', ')}`);
    for (const [field, min, max] of [['timeLimitMinutes', 1, 1440], ['passScore', 0, 100], ['maxAttempts', 1, 100]] as const) {
      const v = e?.[field];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) errors.push(`${where}: ${field} must be a whole number from ${min} to ${max}`);
    }
    if (e?.lesson) {
      const lesson = practical?.modules[e.lesson.moduleRow - 1]?.lessons.find((l) => l.title === e.lesson?.title);
      if (!lesson || lesson.mode !== 'exam') errors.push(`${where}: module ${e.lesson.moduleRow} has no exam lesson "${e.lesson.title}"`);
    }
    if (!Array.isArray(e?.draw) || e.draw.length === 0) {
      errors.push(`${where}: draw must be a non-empty array`);
      return;
    }
    const unknownBank = e.draw.find((r) => !banks.some((b) => b?.bank?.code === r.bank));
    if (unknownBank) errors.push(`${where}: unknown bank "${unknownBank.bank}"`);
    const result = drawQuestions(pool, e.draw.map(({ bank, ...r }) => ({ ...r, bankId: bank })), 'seed', { shuffle: false });
    if (!result.ok) errors.push(`${where}: draw rule ${result.shortfall.rule + 1} wants ${result.shortfall.wanted}, the bank has ${result.shortfall.available}`);
  });
  return { errors, findings: [`banks/exams.json: ${exams.length} exams (${(exams as ExamSeed[]).map((e) => e?.title).join('、')})`] };
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
  const banks = BANK_FILES.map((file) => check<BankSeed>(file, validateBank));
  const exams = check<{ exams: ExamSeed[] }>('banks/exams.json', (d) => validateExams(d, banks, practical))?.exams;
  if (problems.length > 0) throw new SeedFileError(problems);
  return { practical, general, training, professional, scenarios, banks, exams, findings };
}
