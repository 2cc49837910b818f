// Deterministic drawing and shuffling of exam questions (pure; no I/O).
//
// An attempt's questions, their order and the order of each question's options are a function
// of a seed string (the attempt id, plus the question id for options): the same seed always
// gives the same result, so an attempt can be rebuilt and checked, and nothing random needs to
// be stored beyond what the attempt already holds.

import type { Difficulty, QuestionType } from './types';

/** 32-bit FNV-1a over the UTF-16 code units of the seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** murmur3's finaliser over a seed hash and a lane number: four well-mixed, different state words from one pass. */
function mix(h: number, lane: number): number {
  let x = (h ^ Math.imul(lane, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A pseudo-random generator in [0, 1) determined by `seed` (sfc32 seeded from a hash of the
 * seed). Not for secrets: it only has to be stable and evenly spread.
 */
export function seededRandom(seed: string): () => number {
  const h = fnv1a(seed);
  let a = mix(h, 1);
  let b = mix(h, 2);
  let c = mix(h, 3);
  let d = mix(h, 4);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // let the state mix before the first use
  return next;
}

/** A new array with the items in a seed-determined order (Fisher–Yates); the input is not changed. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = items.slice();
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface DrawCandidate {
  id: string;
  bankId: string;
  type: QuestionType;
  tags: readonly string[];
  difficulty: Difficulty | null;
}

/** "count questions from bank B that carry every tag in `tags` (and the difficulty / a type, when given)". */
export interface DrawRule {
  bankId: string;
  count: number;
  tags?: readonly string[];
  difficulty?: Difficulty;
  types?: readonly QuestionType[];
}

export interface DrawShortfall {
  /** Index of the first rule that cannot be met. */
  rule: number;
  wanted: number;
  available: number;
}

export type DrawResult = { ok: true; ids: string[] } | { ok: false; shortfall: DrawShortfall };

export function matchesRule(c: DrawCandidate, rule: DrawRule): boolean {
  if (c.bankId !== rule.bankId) return false;
  if (rule.difficulty !== undefined && c.difficulty !== rule.difficulty) return false;
  if (rule.types !== undefined && rule.types.length > 0 && !rule.types.includes(c.type)) return false;
  return (rule.tags ?? []).every((t) => c.tags.includes(t));
}

/**
 * Draws questions by rules, in rule order, never the same question twice: rule i picks
 * `count` of the candidates that match it and were not picked by an earlier rule, chosen by the
 * seed. Without `shuffle` the picks keep the pool's order (rule by rule); with it the whole
 * selection is shuffled by the seed. The pool's order must itself be deterministic (e.g. by id).
 */
export function drawQuestions(pool: readonly DrawCandidate[], rules: readonly DrawRule[], seed: string, opts: { shuffle: boolean }): DrawResult {
  const taken = new Set<string>();
  const position = new Map(pool.map((c, i) => [c.id, i]));
  const picked: string[] = [];
  for (const [index, rule] of rules.entries()) {
    const candidates = pool.filter((c) => !taken.has(c.id) && matchesRule(c, rule));
    if (candidates.length < rule.count) return { ok: false, shortfall: { rule: index, wanted: rule.count, available: candidates.length } };
    const chosen = seededShuffle(candidates, `${seed}#rule${index}`).slice(0, rule.count);
    chosen.sort((x, y) => (position.get(x.id) as number) - (position.get(y.id) as number));
    for (const c of chosen) {
      taken.add(c.id);
      picked.push(c.id);
    }
  }
  return { ok: true, ids: opts.shuffle ? seededShuffle(picked, `${seed}#order`) : picked };
}
