// Validation of a question as written by a trainer (API body, JSON import item, CSV row),
// shared by every way a question enters a bank. Framework-free: it only returns problems.
import { QUESTION_TYPES, validateAnswerKey, type AnswerKey, type Difficulty, type QuestionOption, type QuestionType } from '@lms/grading';
import type { ChoiceScoring, QuestionVersion } from './entities/question-version.entity';

export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];
export const CHOICE_SCORINGS: readonly ChoiceScoring[] = ['all_or_nothing', 'proportional'];
export const QUESTION_FIELDS = ['ref', 'type', 'stem', 'options', 'answer', 'points', 'scoring', 'tags', 'difficulty', 'explanation'] as const;

export const LIMITS = {
  stem: 4000,
  explanation: 4000,
  optionText: 1000,
  optionKey: 10,
  options: 10,
  tags: 20,
  tag: 50,
  ref: 100,
  points: 1000,
  answerJson: 20_000,
} as const;

/** A question's content: what one version holds. */
export interface QuestionContent {
  type: QuestionType;
  stem: string;
  options: QuestionOption[] | null;
  answer: AnswerKey;
  points: number;
  scoring: ChoiceScoring | null;
  tags: string[];
  difficulty: Difficulty | null;
  explanation: string | null;
}

export type QuestionInputResult = { ok: true; ref: string | null; content: QuestionContent } | { ok: false; ref: string | null; problems: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function text(where: string, v: unknown, max: number, problems: string[], required: boolean): string | null {
  if (blank(v)) {
    if (required) problems.push(`${where} is required`);
    return null;
  }
  if (typeof v !== 'string') {
    problems.push(`${where} must be a string`);
    return null;
  }
  const t = v.trim();
  if (t.length > max) problems.push(`${where} is longer than ${max} characters`);
  return t;
}

function readOptions(v: unknown, problems: string[]): QuestionOption[] | null {
  if (!Array.isArray(v)) {
    problems.push('options must be an array of { key, text }');
    return null;
  }
  if (v.length < 2 || v.length > LIMITS.options) problems.push(`options must list 2 to ${LIMITS.options} choices`);
  return v.map((o: unknown, i) => {
    if (!isRecord(o)) {
      problems.push(`options[${i}] must be an object { key, text }`);
      return { key: '', text: '' };
    }
    const extra = Object.keys(o).filter((k) => k !== 'key' && k !== 'text');
    if (extra.length) problems.push(`options[${i}] has unknown field(s) ${extra.join(', ')}`);
    return {
      key: text(`options[${i}].key`, o.key, LIMITS.optionKey, problems, true) ?? '',
      text: text(`options[${i}].text`, o.text, LIMITS.optionText, problems, true) ?? '',
    };
  });
}

function readTags(v: unknown, problems: string[]): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string')) {
    problems.push('tags must be an array of strings');
    return [];
  }
  const tags = [...new Set(v.map((t: string) => t.trim()).filter(Boolean))];
  if (tags.length > LIMITS.tags) problems.push(`at most ${LIMITS.tags} tags`);
  if (tags.some((t) => t.length > LIMITS.tag)) problems.push(`a tag is longer than ${LIMITS.tag} characters`);
  return tags;
}

/**
 * Checks a question as a trainer wrote it and returns its normalised content, or every problem
 * found (so that an import report names them all). The answer key is checked against the type
 * and options by the graders' own `validateAnswerKey`.
 */
export function readQuestionInput(raw: unknown): QuestionInputResult {
  if (!isRecord(raw)) return { ok: false, ref: null, problems: ['a question must be an object'] };
  const problems: string[] = [];
  const unknown = Object.keys(raw).filter((k) => !(QUESTION_FIELDS as readonly string[]).includes(k));
  if (unknown.length) problems.push(`unknown field(s): ${unknown.join(', ')}`);

  const ref = text('ref', raw.ref, LIMITS.ref, problems, false);
  const type = raw.type as QuestionType;
  if (!QUESTION_TYPES.includes(type)) problems.push(`type must be one of ${QUESTION_TYPES.join(', ')}`);
  const stem = text('stem', raw.stem, LIMITS.stem, problems, true) ?? '';
  const choice = type === 'single' || type === 'multiple';
  let options: QuestionOption[] | null = null;
  if (choice) options = readOptions(raw.options, problems);
  else if (raw.options !== undefined && raw.options !== null) problems.push(`options are only for single and multiple choice`);

  const points = raw.points;
  if (typeof points !== 'number' || !Number.isInteger(points) || points < 1 || points > LIMITS.points) {
    problems.push(`points must be a whole number from 1 to ${LIMITS.points}`);
  }
  let scoring: ChoiceScoring | null = null;
  if (type === 'multiple') {
    scoring = (raw.scoring ?? 'all_or_nothing') as ChoiceScoring;
    if (!CHOICE_SCORINGS.includes(scoring)) problems.push(`scoring must be one of ${CHOICE_SCORINGS.join(', ')}`);
  } else if (raw.scoring !== undefined && raw.scoring !== null) {
    problems.push('scoring is only for multiple choice');
  }
  const tags = readTags(raw.tags, problems);
  const difficulty = (raw.difficulty ?? null) as Difficulty | null;
  if (difficulty !== null && !DIFFICULTIES.includes(difficulty)) problems.push(`difficulty must be one of ${DIFFICULTIES.join(', ')}`);
  const explanation = text('explanation', raw.explanation, LIMITS.explanation, problems, false);

  if (raw.answer === undefined) problems.push('answer is required');
  else if (JSON.stringify(raw.answer).length > LIMITS.answerJson) problems.push(`answer is larger than ${LIMITS.answerJson} characters`);
  else if (QUESTION_TYPES.includes(type)) problems.push(...validateAnswerKey(type, raw.answer, options ?? undefined).map((p) => `answer: ${p}`));

  if (problems.length > 0) return { ok: false, ref, problems };
  return {
    ok: true,
    ref,
    content: { type, stem, options, answer: raw.answer as AnswerKey, points: points as number, scoring, tags, difficulty, explanation },
  };
}

/** JSON with object keys sorted, so that equal values give equal text. */
export function canonicalJson(value: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v;
  return JSON.stringify(canon(value));
}

/** Tells an unchanged re-import from an edit. */
export function contentFingerprint(c: QuestionContent): string {
  return canonicalJson(c);
}

/** The content a stored version holds. */
export function contentOfVersion(v: QuestionVersion): QuestionContent {
  return {
    type: v.type,
    stem: v.stem,
    options: v.options,
    answer: v.answer,
    points: v.points,
    scoring: v.scoring,
    tags: v.tags,
    difficulty: v.difficulty,
    explanation: v.explanation,
  };
}
