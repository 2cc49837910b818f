/**
 * A holder's name as the public verification page shows it: enough for someone who already
 * knows the name to recognise it, never the whole name.
 *
 * - One word (Chinese names, or a single Latin name): the first and last characters stay, every
 *   character between becomes `*`: 张小三 → 张*三, 欧阳小明 → 欧**明, Madonna → M*****a. Two
 *   characters keep only the first (张三 → 张*); one character is all masked (张 → *).
 * - Several words (`John Smith`, `买买提·艾力`): every word keeps its first character and masks
 *   the rest (J*** S****, 买**·艾*); separators stay as they are.
 *
 * Characters are counted as user-perceived characters (grapheme clusters), so an accented Latin
 * letter or a surrogate pair never splits.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
const SEPARATOR = /^[\s·•・.\-]$/u;
const MASK = '*';

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

function maskWord(chars: string[], keepLast: boolean): string {
  if (chars.length <= 1) return MASK.repeat(chars.length);
  if (chars.length === 2 || !keepLast) return chars[0] + MASK.repeat(chars.length - 1);
  return chars[0] + MASK.repeat(chars.length - 2) + chars[chars.length - 1];
}

export function maskName(name: string): string {
  const chars = graphemes(name.trim().replace(/\s+/gu, ' '));
  const words: string[][] = [];
  const separators: string[] = [];
  let current: string[] = [];
  for (const ch of chars) {
    if (SEPARATOR.test(ch)) {
      if (current.length === 0 && words.length === 0) continue;
      words.push(current);
      separators.push(ch);
      current = [];
    } else {
      current.push(ch);
    }
  }
  words.push(current);
  const nonEmpty = words.filter((w) => w.length > 0).length;
  if (nonEmpty <= 1) return maskWord(words.flat(), true);
  return words.map((w, i) => maskWord(w, false) + (separators[i] ?? '')).join('');
}
