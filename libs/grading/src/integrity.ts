// Reply integrity: replies that would score by gaming the rubric rather than by answering the
// customer. Rubric scoring rewards phrases; these checks say when a reply is little more than
// those phrases (keyword stuffing) or repeats the customer's own message (copied prompt), so
// that such a reply goes to a person (质检) instead of passing automatically.
//
// All counting is done on normalizeText() of the reply, over "content" units only: letters and
// digits (\p{L}, \p{N}, which covers CJK ideographs). Whitespace is already gone after
// normalisation; punctuation separates words but says nothing, so it counts for neither side.
//
// - phrase units: content units covered by ANY occurrence of ANY required-point phrase.
// - copied units: content units copied from the customer's message (markCopiedFromPrompt).
// - own units: content units that are neither, i.e. the student's own words.
//
// keyword_stuffing: at least one phrase occurs, and the student's own words are fewer than
//   max(MIN_OWN_UNITS, phrase units × OWN_TO_PHRASE_RATIO): the phrases outweigh the student's own
//   words two to one, i.e. the reply is mostly matched phrases with no sentence around them.
//   ("您好，非常抱歉，我马上帮您查询物流。" is a short sentence: 8 phrase units, 7 own.)
// copied_prompt: copied units are at least COPIED_SHARE of the content units.
// A blank reply (no content unit) has no flag: it scores 0 and fails anyway.

import { normalizeText } from './normalize';
import { markCopiedFromPrompt } from './rubric';
import type { Rubric } from './types';

export type IntegrityFlag = 'keyword_stuffing' | 'copied_prompt';

/** Own words needed around the phrases, at the least (the words that make phrases a sentence). */
export const MIN_OWN_UNITS = 4;
/** Own words needed per phrase unit: phrases may not outweigh the student's own words two to one. */
export const OWN_TO_PHRASE_RATIO = 0.5;
/** Share of the content copied from the customer's message from which a reply is a copy. */
export const COPIED_SHARE = 0.5;

export interface ReplyIntegrity {
  /** Flags in a fixed order (keyword_stuffing, copied_prompt); empty when none applies. */
  flags: IntegrityFlag[];
  contentUnits: number;
  phraseUnits: number;
  copiedUnits: number;
  ownUnits: number;
}

/** What a flag means, for the explanation shown to the student and the reviewer. */
export const INTEGRITY_FLAG_TEXT: Readonly<Record<IntegrityFlag, string>> = {
  keyword_stuffing: '回复主要由评分关键词堆砌而成，缺少完整的句子',
  copied_prompt: '回复大部分照抄了顾客的原话',
};

const CONTENT = /[\p{L}\p{N}]/u;

function phraseList(rubric: Rubric): string[] {
  const points = Array.isArray(rubric?.points) ? rubric.points : [];
  const out: string[] = [];
  for (const p of points) {
    if (!Array.isArray(p?.phrases)) continue;
    for (const ph of p.phrases) {
      if (typeof ph !== 'string') continue;
      const n = normalizeText(ph);
      if (n.length > 0) out.push(n);
    }
  }
  return out;
}

/** Positions of `text` covered by any occurrence of any needle (overlapping occurrences included). */
function markOccurrences(text: string, needles: string[]): boolean[] {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const needle of needles) {
    let pos = text.indexOf(needle);
    while (pos !== -1) {
      for (let k = pos; k < pos + needle.length; k++) covered[k] = true;
      pos = text.indexOf(needle, pos + 1);
    }
  }
  return covered;
}

/**
 * Measures a reply against the rubric's phrases and the customer's message and says which
 * integrity flags apply. Pure and total: a malformed rubric or a missing prompt only means
 * fewer phrases or nothing copied.
 */
export function checkReplyIntegrity(rubric: Rubric, reply: string, context?: { prompt?: string }): ReplyIntegrity {
  const text = normalizeText(typeof reply === 'string' ? reply : '');
  const prompt = typeof context?.prompt === 'string' ? normalizeText(context.prompt) : '';
  const phrase = markOccurrences(text, phraseList(rubric));
  const copied = markCopiedFromPrompt(text, prompt);

  let contentUnits = 0;
  let phraseUnits = 0;
  let copiedUnits = 0;
  let ownUnits = 0;
  let anyPhrase = false;
  for (let i = 0; i < text.length; i++) {
    anyPhrase ||= phrase[i];
    if (!CONTENT.test(text[i])) continue;
    contentUnits++;
    if (phrase[i]) phraseUnits++;
    if (copied[i]) copiedUnits++;
    if (!phrase[i] && !copied[i]) ownUnits++;
  }

  const flags: IntegrityFlag[] = [];
  if (contentUnits > 0) {
    if (anyPhrase && ownUnits < Math.max(MIN_OWN_UNITS, phraseUnits * OWN_TO_PHRASE_RATIO)) flags.push('keyword_stuffing');
    if (copiedUnits >= contentUnits * COPIED_SHARE) flags.push('copied_prompt');
  }
  return { flags, contentUnits, phraseUnits, copiedUnits, ownUnits };
}

/** The reply is mostly matched phrases without sentences of its own. */
export function isKeywordStuffing(rubric: Rubric, reply: string, context?: { prompt?: string }): boolean {
  return checkReplyIntegrity(rubric, reply, context).flags.includes('keyword_stuffing');
}

/** The reply mostly repeats the customer's message. */
export function isCopiedPrompt(reply: string, prompt: string): boolean {
  return checkReplyIntegrity({ points: [], passScore: 0 }, reply, { prompt }).flags.includes('copied_prompt');
}

/**
 * Whether an auto-passed submission is sampled into the quality-review queue: a deterministic
 * draw from the submission's key (a hash mapped to [0, 1)), so that grading the same
 * submission again draws the same. share ≤ 0 never samples, share ≥ 1 always does.
 */
export function sampledForReview(key: string, share: number): boolean {
  if (!(share > 0)) return false;
  if (share >= 1) return true;
  // FNV-1a, 32 bits: uniform enough over random ids, and free of I/O and dependencies.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000 < share;
}
