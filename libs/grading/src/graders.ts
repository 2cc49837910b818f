// One pure grader per question type. Every grader is total: a malformed response (wrong type,
// null, an object where a string is expected, an unknown option key) scores 0 and never throws.
//
// Scoring rules (P = the question's points, clamped to a finite number ≥ 0):
// - Full credit is exactly P and only for a fully correct answer; partial credit is rounded
//   DOWN to a whole number, so it is always an integer strictly below P for integer P.
// - single: full iff the response is the key's option key. Keys compare after normalizeText
//   ("ａ", " A " and "A" are the same key).
// - true_false: full iff the response equals the key; accepted responses are booleans and the
//   strings "true" / "false" (any case, full-width, spaces).
// - multiple, all_or_nothing (default): full iff the set of picked keys equals the key set.
// - multiple, proportional: floor(P × max(0, R − W) / K), where K = number of keys, R = right
//   keys picked, W = wrong keys picked; duplicates count once. Full only for the exact set.
// - fill_blank: each blank is right when normalizeText(response) equals normalizeText of one of
//   its alternatives; score = floor(P × right blanks / blanks), full only if all are right.
//   Missing, null or empty blanks are wrong; extra entries are ignored; any other non-string
//   entry makes the whole response malformed.
// - short_answer / scenario: rubric score scaled to P: P when the rubric score is its maximum,
//   else floor(P × rubric score / rubric max). needsReview = rubric.requiresReview ||
//   opts.reviewRubrics; correct = null when it needs review, else the rubric's `passed`.
// - A broken answer key (see validateAnswerKey) scores 0 with correct = null and
//   needsReview = true: a trainer has to fix the question and decide.

import { normalizeText } from './normalize';
import { scoreRubric, validateRubric } from './rubric';
import {
  QUESTION_TYPES,
  type ChoiceDetail,
  type GradableQuestion,
  type GradeOptions,
  type QuestionGrade,
  type QuestionOption,
  type QuestionType,
  type Rubric,
} from './types';

/** Points of a question as a usable maximum: a finite number ≥ 0, else 0. */
function maxPointsOf(points: unknown): number {
  return typeof points === 'number' && Number.isFinite(points) && points > 0 ? points : 0;
}

/** P × numerator / denominator rounded down; exactly P when numerator = denominator. */
export function partialCredit(points: number, numerator: number, denominator: number): number {
  if (denominator <= 0 || numerator <= 0) return 0;
  if (numerator >= denominator) return points;
  return Math.min(points, Math.max(0, Math.floor((points * numerator) / denominator)));
}

function isOptionList(v: unknown): v is QuestionOption[] {
  return Array.isArray(v) && v.every((o) => typeof o === 'object' && o !== null && typeof o.key === 'string');
}

/** Canonical option key → the key as the options (or, without options, the answer key) spell it. */
function optionUniverse(options: unknown): Map<string, string> | null {
  if (!isOptionList(options)) return null;
  const universe = new Map<string, string>();
  for (const o of options) {
    const canon = normalizeText(o.key);
    if (!universe.has(canon)) universe.set(canon, o.key);
  }
  return universe;
}

function ungraded(maxScore: number): QuestionGrade {
  return { score: 0, maxScore, correct: null, needsReview: true };
}

function wrong(maxScore: number): QuestionGrade {
  return { score: 0, maxScore, correct: false, needsReview: false };
}

function graded(score: number, maxScore: number, correct: boolean, detail?: QuestionGrade['detail']): QuestionGrade {
  const clamped = Math.min(maxScore, Math.max(0, score));
  return detail === undefined
    ? { score: clamped, maxScore, correct, needsReview: false }
    : { score: clamped, maxScore, correct, needsReview: false, detail };
}

export function gradeSingle(key: string, response: unknown, points: number, options?: QuestionOption[]): QuestionGrade {
  if (typeof response !== 'string') return wrong(points);
  const picked = normalizeText(response);
  const universe = optionUniverse(options);
  if (picked.length === 0 || (universe !== null && !universe.has(picked))) return wrong(points);
  const correct = picked === normalizeText(key);
  return graded(correct ? points : 0, points, correct);
}

export function gradeTrueFalse(key: boolean, response: unknown, points: number): QuestionGrade {
  let value: boolean;
  if (typeof response === 'boolean') value = response;
  else if (typeof response === 'string' && normalizeText(response) === 'true') value = true;
  else if (typeof response === 'string' && normalizeText(response) === 'false') value = false;
  else return wrong(points);
  const correct = value === key;
  return graded(correct ? points : 0, points, correct);
}

export function gradeMultiple(
  key: string[],
  response: unknown,
  points: number,
  scoring: 'all_or_nothing' | 'proportional' = 'all_or_nothing',
  options?: QuestionOption[],
): QuestionGrade {
  if (!Array.isArray(response) || !response.every((r) => typeof r === 'string')) return wrong(points);
  const universe = optionUniverse(options);
  const keySpelling = new Map<string, string>();
  for (const k of key) {
    const canon = normalizeText(k);
    if (!keySpelling.has(canon)) keySpelling.set(canon, universe?.get(canon) ?? k);
  }

  const picked = new Map<string, string>();
  for (const r of response as string[]) {
    const canon = normalizeText(r);
    if (canon.length === 0) continue; // an empty entry picks nothing
    if (universe !== null && !universe.has(canon)) return wrong(points); // unknown option key
    if (!picked.has(canon)) picked.set(canon, universe?.get(canon) ?? keySpelling.get(canon) ?? r.trim());
  }

  const detail: ChoiceDetail = { picked: [...picked.values()], right: [], wrong: [] };
  for (const [canon, spelling] of picked) (keySpelling.has(canon) ? detail.right : detail.wrong).push(spelling);
  const exact = detail.wrong.length === 0 && detail.right.length === keySpelling.size;

  const score =
    scoring === 'proportional'
      ? exact
        ? points
        : partialCredit(points, detail.right.length - detail.wrong.length, keySpelling.size)
      : exact
        ? points
        : 0;
  return graded(score, points, exact, detail);
}

export function gradeFillBlank(key: string[][], response: unknown, points: number): QuestionGrade {
  if (!Array.isArray(response)) return wrong(points);
  if (!response.every((r) => typeof r === 'string' || r === null || r === undefined)) return wrong(points);
  const blanks = key.map((alternatives, i) => {
    const given = response[i];
    if (typeof given !== 'string') return false;
    const answer = normalizeText(given);
    return answer.length > 0 && alternatives.some((alt) => normalizeText(alt) === answer);
  });
  const right = blanks.filter(Boolean).length;
  const allRight = right === blanks.length;
  return graded(partialCredit(points, right, blanks.length), points, allRight, { blanks });
}

export function gradeRubricQuestion(
  rubric: Rubric,
  response: unknown,
  points: number,
  opts?: GradeOptions,
  prompt?: string,
): QuestionGrade {
  const result = scoreRubric(rubric, typeof response === 'string' ? response : '', { prompt });
  const needsReview = rubric.requiresReview === true || opts?.reviewRubrics === true;
  const score = result.maxScore > 0 ? partialCredit(points, result.score, result.maxScore) : 0;
  return {
    score: Math.min(points, Math.max(0, score)),
    maxScore: points,
    correct: needsReview ? null : result.passed,
    needsReview,
    detail: { ...result, needsReview },
  };
}

/**
 * Grades one response. Never throws. `question.prompt` (optional, the customer's message of a
 * scenario) keeps a reply that repeats the customer from earning points with the customer's words.
 */
export function gradeQuestion(
  question: GradableQuestion,
  response: unknown,
  opts?: GradeOptions,
): QuestionGrade {
  if (typeof question !== 'object' || question === null) return ungraded(0);
  const points = maxPointsOf(question.points);
  const type = question.type;
  if (validateAnswerKey(type, question.answer, question.options).length > 0) return ungraded(points);
  const options = isOptionList(question.options) ? question.options : undefined;
  switch (type) {
    case 'single':
      return gradeSingle(question.answer as string, response, points, options);
    case 'multiple':
      return gradeMultiple(
        question.answer as string[],
        response,
        points,
        question.scoring === 'proportional' ? 'proportional' : 'all_or_nothing',
        options,
      );
    case 'true_false':
      return gradeTrueFalse(question.answer as boolean, response, points);
    case 'fill_blank':
      return gradeFillBlank(question.answer as string[][], response, points);
    case 'short_answer':
    case 'scenario':
      return gradeRubricQuestion(
        question.answer as Rubric,
        response,
        points,
        opts,
        typeof question.prompt === 'string' ? question.prompt : undefined,
      );
    default:
      return ungraded(points);
  }
}

// ---------------------------------------------------------------------------------------------
// Answer key validation

function checkOptions(options: unknown, problems: string[]): Map<string, string> | null {
  if (options === undefined) return null;
  if (!Array.isArray(options)) {
    problems.push('options must be an array');
    return null;
  }
  const universe = new Map<string, string>();
  options.forEach((o: unknown, i: number) => {
    const key = typeof o === 'object' && o !== null ? (o as { key?: unknown }).key : undefined;
    if (typeof key !== 'string' || normalizeText(key).length === 0) {
      problems.push(`options[${i}].key must be a non-blank string`);
      return;
    }
    const canon = normalizeText(key);
    if (universe.has(canon)) problems.push(`options[${i}].key "${key}" is not unique`);
    universe.set(canon, key);
  });
  return universe;
}

function checkChoiceKey(where: string, key: unknown, universe: Map<string, string> | null, problems: string[]): string | null {
  if (typeof key !== 'string' || normalizeText(key).length === 0) {
    problems.push(`${where} must be a non-blank option key`);
    return null;
  }
  const canon = normalizeText(key);
  if (universe !== null && !universe.has(canon)) problems.push(`${where} "${key}" is not one of the options`);
  return canon;
}

/**
 * Lists the problems of an answer key for a question type (empty when valid):
 * single — a non-blank option key (one of the options when given); multiple — a non-empty list
 * of distinct option keys; true_false — a boolean; fill_blank — a non-empty list of blanks, each
 * a non-empty list of non-blank alternatives; short_answer / scenario — a valid rubric.
 * Options, when given, must have non-blank unique keys.
 */
export function validateAnswerKey(type: QuestionType, answer: unknown, options?: { key: string }[]): string[] {
  const problems: string[] = [];
  if (!QUESTION_TYPES.includes(type)) return [`unknown question type "${String(type)}"`];
  switch (type) {
    case 'single': {
      const universe = checkOptions(options, problems);
      checkChoiceKey('answer', answer, universe, problems);
      break;
    }
    case 'multiple': {
      const universe = checkOptions(options, problems);
      if (!Array.isArray(answer) || answer.length === 0) {
        problems.push('answer must be a non-empty array of option keys');
        break;
      }
      const seen = new Set<string>();
      answer.forEach((k: unknown, i: number) => {
        const canon = checkChoiceKey(`answer[${i}]`, k, universe, problems);
        if (canon === null) return;
        if (seen.has(canon)) problems.push(`answer[${i}] repeats "${String(k)}"`);
        seen.add(canon);
      });
      break;
    }
    case 'true_false':
      if (typeof answer !== 'boolean') problems.push('answer must be true or false');
      break;
    case 'fill_blank':
      if (!Array.isArray(answer) || answer.length === 0) {
        problems.push('answer must be a non-empty array of blanks, each a list of accepted alternatives');
        break;
      }
      answer.forEach((alternatives: unknown, i: number) => {
        if (!Array.isArray(alternatives) || alternatives.length === 0) {
          problems.push(`answer[${i}] must be a non-empty array of accepted alternatives`);
          return;
        }
        alternatives.forEach((alt: unknown, j: number) => {
          if (typeof alt !== 'string' || normalizeText(alt).length === 0) {
            problems.push(`answer[${i}][${j}] must be a non-blank string`);
          }
        });
      });
      break;
    case 'short_answer':
    case 'scenario':
      problems.push(...validateRubric(answer));
      break;
  }
  return problems;
}
