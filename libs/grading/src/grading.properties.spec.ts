// Laws of the graders, checked with fast-check on generated questions, rubrics and replies.
import fc from 'fast-check';
import { unicodeTextArb } from '../test/grading.arbitraries';
import {
  gradeQuestion,
  normalizeText,
  scoreRubric,
  validateAnswerKey,
  validateRubric,
  type GradableQuestion,
  type Rubric,
} from '@lms/grading';

const KEYS = ['A', 'B', 'C', 'D', 'E', 'F'];
const optionsArb = fc
  .integer({ min: 2, max: KEYS.length })
  .map((n) => KEYS.slice(0, n).map((key) => ({ key, text: `选项${key}` })));

// Phrases are delimited by markers that occur nowhere else ('#' … '$'), so a phrase can only
// ever match a token that is exactly that phrase: concatenating tokens never creates or breaks
// a match. Required phrase bodies and forbidden phrase bodies use disjoint alphabets.
const requiredPhraseArb = fc.string({ unit: fc.constantFrom('甲', '乙', '丙', 'a', '7'), minLength: 1, maxLength: 3 }).map((b) => `#${b}$`);
const forbiddenPhraseArb = fc.string({ unit: fc.constantFrom('丁', '戊', '己', 'x'), minLength: 1, maxLength: 3 }).map((b) => `#${b}$`);
const fillerArb = fc.string({ unit: fc.constantFrom('您', '好', '亲', '，', '。', ' ', '　', '７', 'Ａ'), maxLength: 6 });

const rubricArb: fc.Arbitrary<Rubric> = fc
  .record({
    points: fc.array(
      fc.record({
        label: fc.constantFrom('问候', '致歉', '核实订单', '给出方案'),
        score: fc.integer({ min: 1, max: 5 }),
        phrases: fc.uniqueArray(requiredPhraseArb, { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    forbidden: fc.array(
      fc.record({
        label: fc.constantFrom('推诿', '辱骂', '承诺赔偿'),
        penalty: fc.integer({ min: 0, max: 5 }),
        fatal: fc.boolean(),
        phrases: fc.uniqueArray(forbiddenPhraseArb, { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 3 },
    ),
    sequencePenalty: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    passFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    requiresReview: fc.boolean(),
  })
  .map(({ points, forbidden, sequencePenalty, passFraction, requiresReview }) => {
    const ps = points.map((p, i) => ({ id: `p${i}`, ...p }));
    const max = ps.reduce((s, p) => s + p.score, 0);
    const rubric: Rubric = {
      points: ps,
      forbidden: forbidden.map((f, i) => ({ id: `f${i}`, ...f })),
      passScore: Math.floor(max * passFraction),
      requiresReview,
    };
    if (sequencePenalty !== undefined && ps.length >= 2) {
      rubric.sequence = { pointIds: ps.map((p) => p.id).reverse(), penalty: sequencePenalty };
    }
    return rubric;
  });

/** A reply as tokens: phrases of the rubric (required or forbidden) and filler. */
function tokensArb(rubric: Rubric): fc.Arbitrary<string[]> {
  const phrases = [...rubric.points.flatMap((p) => p.phrases), ...(rubric.forbidden ?? []).flatMap((f) => f.phrases)];
  return fc.array(fc.oneof(fc.constantFrom(...phrases), fillerArb), { maxLength: 8 });
}

const rubricWithReplyArb = rubricArb.chain((rubric) =>
  fc.record({ rubric: fc.constant(rubric), tokens: tokensArb(rubric), insertAt: fc.nat() }),
);

function insert(tokens: string[], at: number, token: string): string[] {
  const i = at % (tokens.length + 1);
  return [...tokens.slice(0, i), token, ...tokens.slice(i)];
}

const questionArb: fc.Arbitrary<GradableQuestion> = fc.oneof(
  fc.record({
    type: fc.constant('single' as const),
    points: fc.integer({ min: 0, max: 100 }),
    options: optionsArb,
    answer: fc.constantFrom('A', 'B'),
  }),
  fc.record({
    type: fc.constant('multiple' as const),
    points: fc.integer({ min: 0, max: 100 }),
    options: fc.constant(KEYS.map((key) => ({ key, text: key }))),
    answer: fc.subarray(KEYS, { minLength: 1 }),
    scoring: fc.constantFrom('all_or_nothing' as const, 'proportional' as const),
  }),
  fc.record({ type: fc.constant('true_false' as const), points: fc.integer({ min: 0, max: 100 }), answer: fc.boolean() }),
  fc.record({
    type: fc.constant('fill_blank' as const),
    points: fc.integer({ min: 0, max: 100 }),
    answer: fc.array(fc.array(fc.constantFrom('春节', '新年', '7', '７天', 'Taobao'), { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({
    type: fc.constantFrom('short_answer' as const, 'scenario' as const),
    points: fc.integer({ min: 0, max: 100 }),
    answer: rubricArb,
  }),
);

/** Responses that are sometimes well-formed for some type, and often not. */
const responseArb = fc.oneof(
  fc.anything(),
  fc.constantFrom(...KEYS, 'true', 'false', true, false, '春节'),
  fc.array(fc.constantFrom(...KEYS, 'Z', '春节', '7', '')),
  fc.array(fc.oneof(fc.string(), fc.constant(null))),
  fc.string(),
);

describe('grading properties', () => {
  it('generates only valid keys and rubrics', () => {
    fc.assert(
      fc.property(questionArb, (q) => {
        expect(validateAnswerKey(q.type, q.answer, q.options)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every grade within [0, points], an integer, for any response to a valid question', () => {
    fc.assert(
      fc.property(questionArb, responseArb, fc.boolean(), (q, response, reviewRubrics) => {
        const grade = gradeQuestion(q, response, { reviewRubrics });
        expect(grade.maxScore).toBe(q.points);
        expect(Number.isInteger(grade.score)).toBe(true);
        expect(grade.score).toBeGreaterThanOrEqual(0);
        expect(grade.score).toBeLessThanOrEqual(q.points);
        expect(grade.needsReview || grade.correct !== null).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the question and the response', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (question, response) => {
        const grade = gradeQuestion(question as GradableQuestion, response);
        expect(grade.score).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('proportional multiple choice never exceeds the points and gives them only for the exact set', () => {
    fc.assert(
      fc.property(
        fc.subarray(KEYS, { minLength: 1 }),
        fc.array(fc.constantFrom(...KEYS), { maxLength: 10 }),
        fc.integer({ min: 1, max: 100 }),
        (key, picks, points) => {
          const q: GradableQuestion = { type: 'multiple', points, answer: key, scoring: 'proportional' };
          const { score, correct } = gradeQuestion(q, picks);
          const exact = new Set(picks).size === key.length && key.every((k) => picks.includes(k));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(points);
          expect(score === points).toBe(exact);
          expect(correct).toBe(exact);
          // Picking one more right key never lowers the score.
          const missing = key.find((k) => !picks.includes(k));
          if (missing !== undefined) expect(gradeQuestion(q, [...picks, missing]).score).toBeGreaterThanOrEqual(score);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the rubric score within [0, max] for any reply and prompt', () => {
    fc.assert(
      fc.property(rubricArb, fc.oneof(fc.string(), unicodeTextArb(60)), fc.option(fc.string()), (rubric, reply, prompt) => {
        expect(validateRubric(rubric)).toEqual([]);
        const r = scoreRubric(rubric, reply, prompt === null ? undefined : { prompt });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(r.maxScore);
        expect(r.maxScore).toBe(rubric.points.reduce((s, p) => s + p.score, 0));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the rubric score within [0, max] for replies built from its phrases', () => {
    fc.assert(
      fc.property(rubricWithReplyArb, ({ rubric, tokens }) => {
        const r = scoreRubric(rubric, tokens.join(''));
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(r.maxScore);
        const blank = normalizeText(tokens.join('')) === '';
        expect(r.passed).toBe(!blank && r.score >= rubric.passScore && !r.forbidden.some((f) => f.fatal));
      }),
      { numRuns: 300 },
    );
  });

  it('points every match `at` the original text of a phrase', () => {
    fc.assert(
      fc.property(rubricWithReplyArb, ({ rubric, tokens }) => {
        const reply = tokens.join('');
        const r = scoreRubric(rubric, reply);
        for (const p of r.points.filter((x) => x.found)) {
          expect(reply.slice(p.at, p.end)).toBe(p.matchedPhrase);
        }
        for (const f of r.forbidden) expect(reply.slice(f.at, f.end)).toBe(f.matchedPhrase);
      }),
      { numRuns: 200 },
    );
  });

  it('never raises the score or turns a fail into a pass by adding a forbidden phrase', () => {
    const arb = rubricWithReplyArb
      .filter(({ rubric }) => (rubric.forbidden ?? []).length > 0)
      .chain(({ rubric, tokens, insertAt }) =>
        fc.record({
          rubric: fc.constant(rubric),
          tokens: fc.constant(tokens),
          insertAt: fc.constant(insertAt),
          phrase: fc.constantFrom(...(rubric.forbidden ?? []).flatMap((f) => f.phrases)),
        }),
      );
    fc.assert(
      fc.property(arb, ({ rubric, tokens, insertAt, phrase }) => {
        const before = scoreRubric(rubric, tokens.join(''));
        const after = scoreRubric(rubric, insert(tokens, insertAt, phrase).join(''));
        expect(after.score).toBeLessThanOrEqual(before.score);
        // A blank reply fails by rule, so only a non-blank one says something about the phrase.
        if (!before.passed && normalizeText(tokens.join('')) !== '') expect(after.passed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the score by adding a required phrase that brings no forbidden phrase and no order violation', () => {
    const arb = rubricWithReplyArb.chain(({ rubric, tokens, insertAt }) =>
      fc.record({
        rubric: fc.constant(rubric),
        tokens: fc.constant(tokens),
        insertAt: fc.constant(insertAt),
        phrase: fc.constantFrom(...rubric.points.flatMap((p) => p.phrases)),
      }),
    );
    fc.assert(
      fc.property(arb, ({ rubric, tokens, insertAt, phrase }) => {
        const before = scoreRubric(rubric, tokens.join(''));
        const after = scoreRubric(rubric, insert(tokens, insertAt, phrase).join(''));
        fc.pre(after.forbidden.length === before.forbidden.length);
        fc.pre(!(after.sequenceRespected === false && before.sequenceRespected !== false));
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.points.filter((p) => p.found).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the score by appending a required phrase of a point outside the sequence', () => {
    fc.assert(
      fc.property(rubricWithReplyArb, ({ rubric, tokens }) => {
        const free: Rubric = { ...rubric, sequence: undefined };
        const before = scoreRubric(free, tokens.join(''));
        for (const p of free.points) {
          const after = scoreRubric(free, tokens.join('') + p.phrases[0]);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(after.points.find((x) => x.id === p.id)?.found).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
