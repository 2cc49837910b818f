// Text normalisation for comparing answers typed on phones: full-width letters and digits,
// stray spaces (ASCII and ideographic), Chinese punctuation and mixed case must not matter.
//
// normalizeWithOffsets() also returns, for every UTF-16 unit of the normalized text, the
// range of the ORIGINAL text it came from, so that a match found in normalized text can be
// highlighted in what the student actually typed.

/** Punctuation variants folded to one ASCII form (applied after NFKC). */
const PUNCTUATION: Readonly<Record<string, string>> = {
  '。': '.',
  '、': ',',
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '〝': '"',
  '〞': '"',
  '〟': '"',
  '«': '"',
  '»': '"',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '《': '<',
  '》': '>',
  '〈': '<',
  '〉': '>',
  '‹': '<',
  '›': '>',
  '【': '[',
  '】': ']',
  '〔': '[',
  '〕': ']',
  '〖': '[',
  '〗': ']',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '〜': '~',
  '・': '·',
  '•': '·',
  '‧': '·',
};

/** Whitespace (\s covers ASCII, U+3000, NBSP, line separators, BOM) and invisible characters. */
const REMOVED = /^[\s\u00ad\u180e\u200b-\u200d\u2060\ufeff]$/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface NormalizedText {
  /** The normalized text. */
  text: string;
  /** starts[i]: UTF-16 index in the original where the source of text[i] begins. */
  starts: number[];
  /** ends[i]: UTF-16 index in the original just past the source of text[i]. */
  ends: number[];
}

function foldCluster(cluster: string): string {
  // NFKC and lower-casing can feed each other (a compatibility character that decomposes to an
  // upper-case letter; a lower-case form that is not NFKC-stable), so iterate to a fixed point.
  let current = cluster;
  for (let i = 0; i < 4; i++) {
    const next = current.normalize('NFKC').toLowerCase().normalize('NFKC');
    if (next === current) break;
    current = next;
  }
  return current;
}

interface Pass {
  text: string;
  /** For each output unit: [start, end) in the pass's input. */
  from: number[];
  to: number[];
}

function normalizeOnce(input: string): Pass {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (const { segment, index } of segmenter.segment(input)) {
    const folded = foldCluster(segment);
    const end = index + segment.length;
    for (const ch of folded) {
      if (REMOVED.test(ch)) continue;
      const out = PUNCTUATION[ch] ?? ch;
      text += out;
      for (let k = 0; k < out.length; k++) {
        from.push(index);
        to.push(end);
      }
    }
  }
  return { text, from, to };
}

/**
 * Normalizes text for comparison and keeps, per normalized unit, the range of the original text
 * it came from. Works grapheme by grapheme: NFKC (full-width → half-width, compatibility forms),
 * lower-case, Chinese/typographic punctuation folded to ASCII, all whitespace and invisible
 * characters removed. Passes repeat until the text no longer changes (removing a space can join
 * a combining mark to the previous letter, which the next pass composes), so the result is a
 * fixed point and normalizeText is idempotent.
 */
export function normalizeWithOffsets(original: string): NormalizedText {
  if (typeof original !== 'string' || original.length === 0) return { text: '', starts: [], ends: [] };
  let pass = normalizeOnce(original);
  let starts = pass.from;
  let ends = pass.to;
  for (let i = 0; i < 8; i++) {
    const next = normalizeOnce(pass.text);
    if (next.text === pass.text) break;
    // Compose the offsets of the new pass with those accumulated so far.
    const nextStarts = next.from.map((f) => starts[f]);
    const nextEnds = next.to.map((t) => ends[t - 1]);
    pass = next;
    starts = nextStarts;
    ends = nextEnds;
  }
  return { text: pass.text, starts, ends };
}

/**
 * Text that the full normalisation can only lower-case: visible ASCII without spaces, and CJK
 * ideographs (NFKC-stable, caseless, never a cluster with a neighbour when no combining mark is
 * present). Option keys, most answer keys and most rubric phrases are like this, and grading
 * compares thousands of them, so they skip the grapheme-by-grapheme pass (a test checks that
 * both paths agree).
 */
const STABLE = /^[\x21-\x7e\u3400-\u4dbf\u4e00-\u9fff]*$/;

/**
 * Canonical form for comparison: NFKC (full-width → half-width), lower-case, no whitespace at
 * all (including U+3000) nor zero-width characters, punctuation variants unified
 * (，→, 。→. 、→, ；→; ：→: ！→! ？→? “”「」→" ‘’→' 《》→<> 【】→[] —→- …→...). Idempotent.
 * A non-string input normalizes to ''.
 */
export function normalizeText(s: string): string {
  if (typeof s === 'string' && STABLE.test(s)) return s.toLowerCase().replace(/`/g, "'");
  return normalizeWithOffsets(s).text;
}

