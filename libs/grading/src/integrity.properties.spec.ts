// Laws of the reply-integrity checks, with fast-check.
import fc from 'fast-check';
import { checkReplyIntegrity, normalizeText, sampledForReview, MIN_OWN_UNITS, OWN_TO_PHRASE_RATIO, type Rubric } from '@lms/grading';

// Phrase bodies and own words use disjoint alphabets, so own words never create or extend a
// phrase match; separators are whitespace and punctuation (no content units).
const phraseArb = fc.string({ unit: fc.constantFrom('甲', '乙', '丙', '丁', 'k'), minLength: 1, maxLength: 5 });
const ownArb = fc.string({ unit: fc.constantFrom('您', '好', '我', '们', '会', '处', '理', 'z'), minLength: 1, maxLength: 40 });
const sepArb = fc.constantFrom(' ', '，', '。', '、', '　', '\n', '!', '');
const promptArb = fc.string({ unit: fc.constantFrom('顾', '客', '说', '订', '单', '没', '到', '？'), minLength: 1, maxLength: 60 });

const rubricArb: fc.Arbitrary<Rubric> = fc
  .array(fc.array(phraseArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 })
  .map((groups) => ({
    points: groups.map((phrases, i) => ({ id: `p${i}`, label: `要点${i}`, score: 10, phrases })),
    passScore: 10,
  }));

describe('reply integrity laws', () => {
  it('a reply made only of rubric phrases and separators is keyword stuffing', () => {
    fc.assert(
      fc.property(rubricArb, fc.array(fc.tuple(fc.nat(), fc.nat(), sepArb), { minLength: 1, maxLength: 8 }), promptArb, (rubric, picks, prompt) => {
        const reply = picks
          .map(([i, j, sep]) => {
            const phrases = rubric.points[i % rubric.points.length].phrases;
            return phrases[j % phrases.length] + sep;
          })
          .join('');
        const r = checkReplyIntegrity(rubric, reply, { prompt });
        expect(r.ownUnits).toBe(0);
        expect(r.flags).toContain('keyword_stuffing');
      }),
    );
  });

  it('a reply without any rubric phrase is never keyword stuffing', () => {
    fc.assert(
      fc.property(rubricArb, ownArb, sepArb, ownArb, (rubric, a, sep, b) => {
        expect(checkReplyIntegrity(rubric, a + sep + b).flags).not.toContain('keyword_stuffing');
      }),
    );
  });

  it('phrases with enough own words around them are not keyword stuffing', () => {
    fc.assert(
      fc.property(rubricArb, fc.nat(), ownArb, ownArb, (rubric, i, before, after) => {
        const phrase = rubric.points[i % rubric.points.length].phrases[0];
        let own = before + after;
        const needed = Math.max(MIN_OWN_UNITS, Math.ceil(normalizeText(phrase).length * OWN_TO_PHRASE_RATIO));
        while (own.length < needed) own += before;
        const reply = `${own.slice(0, Math.ceil(own.length / 2))}，${phrase}，${own.slice(Math.ceil(own.length / 2))}。`;
        expect(checkReplyIntegrity(rubric, reply).flags).toEqual([]);
      }),
    );
  });

  it('the customer message sent back, whole or any part of it, is a copy', () => {
    fc.assert(
      fc.property(rubricArb, promptArb, fc.nat(), fc.nat(), (rubric, prompt, a, b) => {
        const from = a % prompt.length;
        const part = prompt.slice(from, from + 1 + (b % (prompt.length - from)));
        const r = checkReplyIntegrity(rubric, part, { prompt });
        if (r.contentUnits > 0) expect(r.flags).toContain('copied_prompt');
      }),
    );
  });

  it('own words never count as copied when they share no character with the prompt', () => {
    fc.assert(
      fc.property(rubricArb, ownArb, promptArb, (rubric, own, prompt) => {
        expect(checkReplyIntegrity(rubric, own, { prompt })).toMatchObject({ copiedUnits: 0, flags: [] });
      }),
    );
  });

  it('units add up, and the result does not change under normalisation of the reply', () => {
    fc.assert(
      fc.property(rubricArb, fc.array(fc.oneof(phraseArb, ownArb, sepArb, promptArb), { maxLength: 8 }), promptArb, (rubric, parts, prompt) => {
        const reply = parts.join('');
        const r = checkReplyIntegrity(rubric, reply, { prompt });
        expect(r.ownUnits).toBeLessThanOrEqual(r.contentUnits);
        expect(r.contentUnits).toBeLessThanOrEqual(r.phraseUnits + r.copiedUnits + r.ownUnits);
        expect(checkReplyIntegrity(rubric, normalizeText(reply), { prompt })).toEqual(r);
      }),
    );
  });

  it('sampling is deterministic and monotone in the share', () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (key, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(sampledForReview(key, lo)).toBe(sampledForReview(key, lo));
        if (sampledForReview(key, lo)) expect(sampledForReview(key, hi)).toBe(true);
      }),
    );
  });
});
