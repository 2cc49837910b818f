// fast-check arbitraries shared by the property tests. Kept outside src/ so the production
// build never requires fast-check (a dev dependency).
// fast-check's own `unit: 'binary'` spends most of a second building its tables on first use,
// so arbitrary Unicode is generated here from code points, weighted towards the characters
// that normalisation actually changes.
import fc from 'fast-check';

const codeUnitRanges: [number, number][] = [
  [0x0000, 0x007f], // ASCII, controls
  [0x00a0, 0x024f], // Latin-1, accented letters, NBSP, soft hyphen
  [0x0300, 0x036f], // combining diacritics
  [0x2000, 0x206f], // typographic spaces, dashes, quotes, zero-width characters
  [0x2460, 0x24ff], // circled numbers
  [0x3000, 0x303f], // CJK punctuation, ideographic space
  [0x3300, 0x33ff], // CJK compatibility (㎏)
  [0x4e00, 0x4fff], // common hanzi
  [0xac00, 0xac20], // Hangul syllables
  [0x1100, 0x11ff], // Hangul jamo
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xffef], // half-width and full-width forms
  [0xd800, 0xdfff], // lone surrogates
  [0x0000, 0xffff], // anything in the BMP
];

const charArb: fc.Arbitrary<string> = fc.oneof(
  ...codeUnitRanges.map(([min, max]) => fc.integer({ min, max }).map((c) => String.fromCharCode(c))),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);

/** Arbitrary Unicode text (including lone surrogates and combining marks). */
export function unicodeTextArb(maxLength = 30): fc.Arbitrary<string> {
  return fc.array(charArb, { maxLength }).map((chars) => chars.join(''));
}
