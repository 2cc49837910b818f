// Rubric scoring of free-text replies (short answers, scenario drills).
//
// Rules (all matching is done on normalizeText() of both reply and phrase):
// - A required point is found when ANY of its phrases occurs in the reply outside text copied
//   from the customer's message (see markCopiedFromPrompt). It earns its full score.
// - A forbidden item (服务禁忌) is used when ANY of its phrases occurs anywhere in the reply,
//   copied or not (saying it back to the customer is still saying it). Each used item deducts its
//   penalty once, however often it occurs; a fatal one fails the reply whatever the score.
// - Sequence: each found point among sequence.pointIds has a first occurrence (the earliest
//   counted occurrence of any of its phrases). If those first occurrences are not in the order
//   of pointIds (ties allowed), the sequence penalty is deducted once. Points not found are
//   ignored, so with fewer than two found points the order is respected.
// - score = clamp(found scores − penalties, 0, maxScore), maxScore = sum of the point scores.
// - passed = reply not blank ∧ score ≥ passScore ∧ no fatal item used.
// - An empty or whitespace-only reply scores 0 and does not pass.

import { normalizeText, normalizeWithOffsets, type NormalizedText } from './normalize';
import type { Rubric, RubricForbiddenResult, RubricPointResult, RubricResult } from './types';

/** A reply substring at least this long (normalized) that also occurs in the prompt is "copied". */
export const MIN_COPIED_LENGTH = 8;

/**
 * Marks the positions of the normalized reply that were copied from the normalized prompt:
 * every position covered by a common substring of length ≥ MIN_COPIED_LENGTH, or every
 * position when the whole reply occurs in the prompt (a reply that only repeats part of the
 * customer's message). Longest common suffixes are computed by dynamic programming in
 * O(|reply| × |prompt|) time and O(|prompt|) memory.
 */
export function markCopiedFromPrompt(reply: string, prompt: string): boolean[] {
  const copied = new Array<boolean>(reply.length).fill(false);
  if (reply.length === 0 || prompt.length === 0) return copied;
  if (prompt.includes(reply)) return copied.fill(true);
  let prev = new Uint32Array(prompt.length + 1);
  let cur = new Uint32Array(prompt.length + 1);
  for (let i = 1; i <= reply.length; i++) {
    let longest = 0;
    const c = reply.charCodeAt(i - 1);
    for (let j = 1; j <= prompt.length; j++) {
      const v = c === prompt.charCodeAt(j - 1) ? prev[j - 1] + 1 : 0;
      cur[j] = v;
      if (v > longest) longest = v;
    }
    if (longest >= MIN_COPIED_LENGTH) {
      for (let k = i - longest; k < i; k++) copied[k] = true;
    }
    [prev, cur] = [cur, prev];
  }
  return copied;
}

interface Occurrence {
  /** Index in the normalized reply. */
  pos: number;
  /** Normalized length. */
  length: number;
  /** The phrase as written in the rubric. */
  phrase: string;
}

/**
 * Earliest occurrence of any phrase, skipping occurrences that touch a blocked position.
 * Ties on position go to the longest phrase. Phrases that normalize to '' never match.
 */
function firstOccurrence(text: string, phrases: unknown, blockedPrefix: Uint32Array | null): Occurrence | null {
  if (!Array.isArray(phrases)) return null;
  let best: Occurrence | null = null;
  for (const phrase of phrases) {
    if (typeof phrase !== 'string') continue;
    const needle = normalizeText(phrase);
    if (needle.length === 0) continue;
    let pos = text.indexOf(needle);
    while (pos !== -1) {
      const blocked = blockedPrefix !== null && blockedPrefix[pos + needle.length] - blockedPrefix[pos] > 0;
      if (!blocked) break;
      pos = text.indexOf(needle, pos + 1);
    }
    if (pos === -1) continue;
    if (best === null || pos < best.pos || (pos === best.pos && needle.length > best.length)) {
      best = { pos, length: needle.length, phrase };
    }
  }
  return best;
}

function originalRange(norm: NormalizedText, occ: Occurrence): { at: number; end: number } {
  return { at: norm.starts[occ.pos], end: norm.ends[occ.pos + occ.length - 1] };
}

function nonNegative(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

function asText(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback;
}

/**
 * Scores a reply against a rubric. Never throws; entries of a malformed rubric that cannot be
 * read are skipped (validateRubric reports them). `at`/`end` index the ORIGINAL reply.
 */
export function scoreRubric(rubric: Rubric, reply: string, context?: { prompt?: string }): RubricResult {
  const points = Array.isArray(rubric?.points) ? rubric.points : [];
  const forbiddenItems = Array.isArray(rubric?.forbidden) ? rubric.forbidden : [];
  const sequence = rubric?.sequence && Array.isArray(rubric.sequence.pointIds) ? rubric.sequence : undefined;
  const maxScore = points.reduce((sum, p) => sum + nonNegative(p?.score), 0);
  const passScore = typeof rubric?.passScore === 'number' && Number.isFinite(rubric.passScore) ? rubric.passScore : 0;
  const needsReview = rubric?.requiresReview === true;

  const norm = normalizeWithOffsets(typeof reply === 'string' ? reply : '');
  const explanation: string[] = [];

  if (norm.text.length === 0) {
    explanation.push('回复为空，不得分');
    return {
      score: 0,
      maxScore,
      passed: false,
      needsReview,
      points: points.map((p, i) => ({
        id: asText(p?.id, String(i)),
        label: asText(p?.label, ''),
        score: 0,
        maxScore: nonNegative(p?.score),
        found: false,
      })),
      forbidden: [],
      sequenceRespected: sequence ? true : null,
      explanation,
    };
  }

  // Positions copied from the customer's message cannot earn points.
  const prompt = typeof context?.prompt === 'string' ? normalizeText(context.prompt) : '';
  const copied = markCopiedFromPrompt(norm.text, prompt);
  const blockedPrefix = new Uint32Array(norm.text.length + 1);
  let anyCopied = false;
  for (let i = 0; i < copied.length; i++) {
    blockedPrefix[i + 1] = blockedPrefix[i] + (copied[i] ? 1 : 0);
    anyCopied ||= copied[i];
  }

  let raw = 0;
  const firstAt = new Map<string, number>();
  const pointResults: RubricPointResult[] = points.map((p, i) => {
    const id = asText(p?.id, String(i));
    const label = asText(p?.label, id);
    const weight = nonNegative(p?.score);
    const occ = firstOccurrence(norm.text, p?.phrases, blockedPrefix);
    if (occ === null) {
      explanation.push(`未包含要点：${label}（${weight}分）`);
      return { id, label, score: 0, maxScore: weight, found: false };
    }
    raw += weight;
    if (!firstAt.has(id)) firstAt.set(id, occ.pos);
    explanation.push(`已包含要点：${label}（+${weight}分）`);
    return { id, label, score: weight, maxScore: weight, found: true, matchedPhrase: occ.phrase, ...originalRange(norm, occ) };
  });

  const forbiddenResults: RubricForbiddenResult[] = [];
  let fatalUsed = false;
  forbiddenItems.forEach((f, i) => {
    const occ = firstOccurrence(norm.text, f?.phrases, null);
    if (occ === null) return;
    const id = asText(f?.id, String(i));
    const label = asText(f?.label, id);
    const penalty = nonNegative(f?.penalty);
    const fatal = f?.fatal === true;
    raw -= penalty;
    fatalUsed ||= fatal;
    forbiddenResults.push({ id, label, penalty, fatal, matchedPhrase: occ.phrase, ...originalRange(norm, occ) });
    const consequence = [penalty > 0 ? `-${penalty}分` : '', fatal ? '一票否决' : ''].filter(Boolean).join('，');
    explanation.push(`使用了服务禁忌：${label}${consequence ? `（${consequence}）` : ''}`);
  });

  let sequenceRespected: boolean | null = null;
  if (sequence) {
    const positions = sequence.pointIds.map((id) => firstAt.get(id)).filter((p): p is number => p !== undefined);
    sequenceRespected = positions.every((p, i) => i === 0 || positions[i - 1] <= p);
    if (!sequenceRespected) {
      const penalty = nonNegative(sequence.penalty);
      raw -= penalty;
      const labels = sequence.pointIds.map((id) => pointResults.find((p) => p.id === id)?.label ?? id);
      explanation.push(`服务步骤顺序不对，应为：${labels.join(' → ')}（-${penalty}分）`);
    }
  }

  if (anyCopied) explanation.push('与顾客原话重复的内容不计分');

  const score = Math.min(maxScore, Math.max(0, raw));
  const passed = score >= passScore && !fatalUsed;
  explanation.push(`得分 ${score}/${maxScore}，及格线 ${passScore}分，${passed ? '通过' : '未通过'}${needsReview ? '（待人工复核）' : ''}`);

  return {
    score,
    maxScore,
    passed,
    needsReview,
    points: pointResults,
    forbidden: forbiddenResults,
    sequenceRespected,
    explanation,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isNonBlank(v: unknown): v is string {
  return typeof v === 'string' && normalizeText(v).length > 0;
}

function checkPhrases(where: string, phrases: unknown, problems: string[]): string[] {
  if (!Array.isArray(phrases) || phrases.length === 0) {
    problems.push(`${where}.phrases must be a non-empty array of strings`);
    return [];
  }
  const seen = new Set<string>();
  const normalized: string[] = [];
  phrases.forEach((ph, j) => {
    if (!isNonBlank(ph)) {
      problems.push(`${where}.phrases[${j}] must be a non-blank string`);
      return;
    }
    const n = normalizeText(ph);
    if (seen.has(n)) problems.push(`${where}.phrases[${j}] repeats "${ph}"`);
    seen.add(n);
    normalized.push(n);
  });
  return normalized;
}

/**
 * Lists the problems of a rubric (empty when valid): points non-empty; ids non-blank and unique
 * across points and forbidden items; labels non-blank; point scores positive integers;
 * phrases non-empty lists of non-blank strings; penalties non-negative integers; fatal boolean;
 * passScore an integer within [0, maxScore]; sequence ids existing, distinct, at least two;
 * no forbidden phrase inside a required phrase (the point could never be earned cleanly).
 */
export function validateRubric(r: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(r)) return ['rubric must be an object'];

  const ids = new Set<string>();
  const checkId = (where: string, id: unknown): void => {
    if (!isNonBlank(id)) {
      problems.push(`${where}.id must be a non-blank string`);
      return;
    }
    if (ids.has(id)) problems.push(`${where}.id "${id}" is not unique`);
    ids.add(id);
  };

  const pointIds = new Set<string>();
  const requiredPhrases: { where: string; phrase: string }[] = [];
  let maxScore = 0;
  if (!Array.isArray(r.points) || r.points.length === 0) {
    problems.push('points must be a non-empty array');
  } else {
    r.points.forEach((p: unknown, i: number) => {
      const where = `points[${i}]`;
      if (!isRecord(p)) {
        problems.push(`${where} must be an object`);
        return;
      }
      checkId(where, p.id);
      if (typeof p.id === 'string') pointIds.add(p.id);
      if (!isNonBlank(p.label)) problems.push(`${where}.label must be a non-blank string`);
      if (!isPositiveInteger(p.score)) problems.push(`${where}.score must be a positive integer`);
      else maxScore += p.score;
      for (const phrase of checkPhrases(where, p.phrases, problems)) requiredPhrases.push({ where, phrase });
    });
  }

  if (r.forbidden !== undefined) {
    if (!Array.isArray(r.forbidden)) {
      problems.push('forbidden must be an array');
    } else {
      r.forbidden.forEach((f: unknown, i: number) => {
        const where = `forbidden[${i}]`;
        if (!isRecord(f)) {
          problems.push(`${where} must be an object`);
          return;
        }
        checkId(where, f.id);
        if (!isNonBlank(f.label)) problems.push(`${where}.label must be a non-blank string`);
        if (!isNonNegativeInteger(f.penalty)) problems.push(`${where}.penalty must be a non-negative integer`);
        if (f.fatal !== undefined && typeof f.fatal !== 'boolean') problems.push(`${where}.fatal must be a boolean`);
        for (const phrase of checkPhrases(where, f.phrases, problems)) {
          for (const req of requiredPhrases) {
            if (req.phrase.includes(phrase)) {
              problems.push(`${where} phrase "${phrase}" occurs inside a required phrase of ${req.where}`);
            }
          }
        }
      });
    }
  }

  if (r.sequence !== undefined) {
    const s = r.sequence;
    if (!isRecord(s)) {
      problems.push('sequence must be an object');
    } else {
      if (!Array.isArray(s.pointIds) || s.pointIds.length < 2) {
        problems.push('sequence.pointIds must list at least two point ids');
      } else {
        const seen = new Set<unknown>();
        s.pointIds.forEach((id: unknown, i: number) => {
          if (typeof id !== 'string' || !pointIds.has(id)) problems.push(`sequence.pointIds[${i}] is not the id of a point`);
          if (seen.has(id)) problems.push(`sequence.pointIds[${i}] repeats "${String(id)}"`);
          seen.add(id);
        });
      }
      if (!isNonNegativeInteger(s.penalty)) problems.push('sequence.penalty must be a non-negative integer');
    }
  }

  if (!isNonNegativeInteger(r.passScore)) {
    problems.push('passScore must be a non-negative integer');
  } else if (r.passScore > maxScore) {
    problems.push(`passScore ${r.passScore} exceeds the maximum score ${maxScore}`);
  }

  if (r.requiresReview !== undefined && typeof r.requiresReview !== 'boolean') {
    problems.push('requiresReview must be a boolean');
  }

  return problems;
}
