import fc from 'fast-check';
import { gradeAttempt, passes, type AttemptQuestion, type Rubric } from '@lms/grading';

const rubric = (requiresReview: boolean): Rubric => ({
  points: [
    { id: 'sorry', label: '致歉', score: 40, phrases: ['抱歉'] },
    { id: 'fix', label: '给出方案', score: 60, phrases: ['退款', '补发'] },
  ],
  passScore: 60,
  requiresReview,
});

const questionArb: fc.Arbitrary<AttemptQuestion> = fc.oneof(
  fc.record({
    id: fc.uuid(),
    question: fc.record({ type: fc.constant('single' as const), points: fc.integer({ min: 1, max: 10 }), answer: fc.constantFrom('A', 'B') }),
    response: fc.constantFrom('A', 'B', null, 42),
  }),
  fc.record({
    id: fc.uuid(),
    question: fc.record({ type: fc.constant('true_false' as const), points: fc.integer({ min: 1, max: 10 }), answer: fc.boolean() }),
    response: fc.constantFrom(true, false, 'true', null),
  }),
  fc.record({
    id: fc.uuid(),
    question: fc.record({ type: fc.constant('scenario' as const), points: fc.integer({ min: 1, max: 20 }), answer: fc.boolean().map(rubric) }),
    response: fc.constantFrom('非常抱歉，马上为您退款', '抱歉', '', null),
    reviewedScore: fc.option(fc.integer({ min: -5, max: 30 }), { nil: undefined }),
  }),
);

describe('gradeAttempt', () => {
  it('keeps the total within [0, max], waits for review exactly while a question needs it, and passes by the integer rule', () => {
    fc.assert(
      fc.property(fc.array(questionArb, { maxLength: 12 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), (qs, passScore, reviewRubrics) => {
        const g = gradeAttempt(qs, { passScore, reviewRubrics });
        expect(g.maxScore).toBe(qs.reduce((s, q) => s + q.question.points, 0));
        expect(g.score).toBeGreaterThanOrEqual(0);
        expect(g.score).toBeLessThanOrEqual(g.maxScore);
        expect(g.score).toBe(g.items.reduce((s, i) => s + i.score, 0));
        for (const i of g.items) expect(Number.isInteger(i.score) && i.score >= 0 && i.score <= i.maxScore).toBe(true);
        expect(g.status === 'needs_review').toBe(g.items.some((i) => i.needsReview));
        expect(g.passed).toBe(g.status === 'graded' ? g.score * 100 >= passScore * g.maxScore : null);
      }),
    );
  });

  it('lets a trainer mark replace the rubric score and settle the review, clamped to the question', () => {
    const q: AttemptQuestion = { id: 'q1', question: { type: 'scenario', points: 20, answer: rubric(true) }, response: '抱歉' };
    expect(gradeAttempt([q], { passScore: 60 })).toMatchObject({ status: 'needs_review', passed: null, pendingReview: 1, score: 8 });
    expect(gradeAttempt([{ ...q, reviewedScore: 15 }], { passScore: 60 })).toMatchObject({ status: 'graded', passed: true, score: 15 });
    expect(gradeAttempt([{ ...q, reviewedScore: 99 }], { passScore: 60 }).score).toBe(20);
    expect(gradeAttempt([{ ...q, reviewedScore: -3 }], { passScore: 60 })).toMatchObject({ score: 0, passed: false });
  });

  it('sends rubric questions to review when the exam asks, even if the rubric does not', () => {
    const q: AttemptQuestion = { id: 'q1', question: { type: 'scenario', points: 10, answer: rubric(false) }, response: '抱歉，给您退款' };
    expect(gradeAttempt([q], { passScore: 60 }).status).toBe('graded');
    expect(gradeAttempt([q], { passScore: 60, reviewRubrics: true }).status).toBe('needs_review');
  });

  it('never lowers the total when a trainer raises a mark', () => {
    fc.assert(
      fc.property(fc.array(questionArb, { minLength: 1, maxLength: 8 }), fc.nat({ max: 7 }), fc.integer({ min: 0, max: 20 }), (qs, at, bump) => {
        const i = at % qs.length;
        const base = typeof qs[i].reviewedScore === 'number' ? (qs[i].reviewedScore as number) : 0;
        const lower = qs.map((q, k) => (k === i ? { ...q, reviewedScore: base } : q));
        const higher = qs.map((q, k) => (k === i ? { ...q, reviewedScore: base + bump } : q));
        expect(gradeAttempt(higher, { passScore: 50 }).score).toBeGreaterThanOrEqual(gradeAttempt(lower, { passScore: 50 }).score);
      }),
    );
  });

  it('passes at exactly the pass percentage and not one point below', () => {
    expect(passes(80, 100, 80)).toBe(true);
    expect(passes(79, 100, 80)).toBe(false);
    expect(passes(17, 20, 85)).toBe(true);
    expect(passes(0, 0, 0)).toBe(true);
    for (let max = 1; max <= 60; max++) {
      for (let pass = 0; pass <= 100; pass++) {
        const threshold = Math.ceil((pass * max) / 100);
        expect([passes(threshold, max, pass), threshold === 0 || !passes(threshold - 1, max, pass)]).toEqual([true, true]);
      }
    }
  });
});
