import { gradeQuestion, validateAnswerKey, type GradableQuestion, type Rubric, type RubricResult } from '@lms/grading';

const OPTIONS = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}` }));

function makeQuestion(overrides: Partial<GradableQuestion> & Pick<GradableQuestion, 'type' | 'answer'>): GradableQuestion {
  return { points: 10, ...overrides };
}

// Shapes of responses a buggy or hostile client could autosave.
const MALFORMED = [undefined, null, 0, 1, NaN, {}, { answer: 'A' }, [], [null], ['A', 1], () => 'A', Symbol('A'), 10n];

describe('gradeQuestion: single choice', () => {
  const q = makeQuestion({ type: 'single', answer: 'B', options: OPTIONS });

  it('gives full points for the right key and none for another key', () => {
    expect(gradeQuestion(q, 'B')).toEqual({ score: 10, maxScore: 10, correct: true, needsReview: false });
    expect(gradeQuestion(q, 'A')).toEqual({ score: 0, maxScore: 10, correct: false, needsReview: false });
  });

  it('accepts the key typed in lower case, full width or with spaces', () => {
    for (const response of ['b', 'Ｂ', ' B ', 'ｂ　']) expect(gradeQuestion(q, response).score).toBe(10);
  });

  it('scores 0 for a key that is not an option', () => {
    expect(gradeQuestion(q, 'E')).toMatchObject({ score: 0, correct: false });
    expect(gradeQuestion(q, '')).toMatchObject({ score: 0, correct: false });
    expect(gradeQuestion(q, 'AB')).toMatchObject({ score: 0, correct: false });
  });

  it('works without an option list', () => {
    expect(gradeQuestion(makeQuestion({ type: 'single', answer: 'B' }), 'B').score).toBe(10);
  });

  it.each([...MALFORMED, ['B']])('scores the malformed response %p as 0', (response) => {
    expect(gradeQuestion(q, response)).toMatchObject({ score: 0, correct: false, needsReview: false });
  });
});

describe('gradeQuestion: true/false', () => {
  const yes = makeQuestion({ type: 'true_false', answer: true, points: 2 });
  const no = makeQuestion({ type: 'true_false', answer: false, points: 2 });

  it('compares booleans', () => {
    expect(gradeQuestion(yes, true)).toMatchObject({ score: 2, correct: true });
    expect(gradeQuestion(yes, false)).toMatchObject({ score: 0, correct: false });
    expect(gradeQuestion(no, false)).toMatchObject({ score: 2, correct: true });
  });

  it('accepts the strings "true" and "false"', () => {
    expect(gradeQuestion(yes, 'true').score).toBe(2);
    expect(gradeQuestion(yes, ' TRUE ').score).toBe(2);
    expect(gradeQuestion(no, 'false').score).toBe(2);
    expect(gradeQuestion(no, 'ｆａｌｓｅ').score).toBe(2);
    expect(gradeQuestion(no, 'true').score).toBe(0);
  });

  it.each([...MALFORMED, 'yes', '1', '对', ''])('scores the malformed response %p as 0', (response) => {
    expect(gradeQuestion(yes, response)).toMatchObject({ score: 0, correct: false });
    expect(gradeQuestion(no, response)).toMatchObject({ score: 0, correct: false });
  });
});

describe('gradeQuestion: multiple choice, all or nothing', () => {
  const q = makeQuestion({ type: 'multiple', answer: ['A', 'C'], options: OPTIONS });

  it('gives full points only for the exact set, in any order', () => {
    expect(gradeQuestion(q, ['A', 'C'])).toMatchObject({ score: 10, correct: true });
    expect(gradeQuestion(q, ['C', 'A'])).toMatchObject({ score: 10, correct: true });
    expect(gradeQuestion(q, ['A'])).toMatchObject({ score: 0, correct: false });
    expect(gradeQuestion(q, ['A', 'B', 'C'])).toMatchObject({ score: 0, correct: false });
    expect(gradeQuestion(q, [])).toMatchObject({ score: 0, correct: false });
  });

  it('counts duplicate picks once', () => {
    expect(gradeQuestion(q, ['A', 'C', 'A', 'ａ'])).toMatchObject({ score: 10, correct: true });
  });

  it('reports what was picked, right and wrong, spelled as the options', () => {
    expect(gradeQuestion(q, ['ａ', 'B', 'b']).detail).toEqual({ picked: ['A', 'B'], right: ['A'], wrong: ['B'] });
  });

  it('scores 0 when a pick is not an option', () => {
    expect(gradeQuestion(q, ['A', 'C', 'Z'])).toMatchObject({ score: 0, correct: false });
  });

  it('works without an option list', () => {
    const bare = makeQuestion({ type: 'multiple', answer: ['A', 'C'] });
    expect(gradeQuestion(bare, ['c', 'a']).score).toBe(10);
    expect(gradeQuestion(bare, ['A', 'C', 'Z']).detail).toEqual({ picked: ['A', 'C', 'Z'], right: ['A', 'C'], wrong: ['Z'] });
  });

  it.each([...MALFORMED.filter((m) => !(Array.isArray(m) && m.length === 0)), 'AC', 'A,C'])(
    'scores the malformed response %p as 0',
    (response) => {
      expect(gradeQuestion(q, response)).toMatchObject({ score: 0, correct: false });
    },
  );
});

describe('gradeQuestion: multiple choice, proportional', () => {
  const q = makeQuestion({ type: 'multiple', answer: ['A', 'B', 'C'], options: OPTIONS, scoring: 'proportional' });

  it.each([
    [['A', 'B', 'C'], 10, true],
    [['A', 'B'], 6], // floor(10 × 2 / 3)
    [['A'], 3], // floor(10 × 1 / 3)
    [['A', 'B', 'D'], 3], // floor(10 × (2 − 1) / 3)
    [['A', 'B', 'C', 'D'], 6], // floor(10 × (3 − 1) / 3): every key but one wrong pick
    [['A', 'D'], 0], // right − wrong = 0
    [['D'], 0], // floored at 0
    [[], 0],
    [['A', 'A', 'A'], 3], // duplicates count once
  ])('scores %j as %d', (response, score, correct = false) => {
    expect(gradeQuestion(q, response)).toMatchObject({ score, correct });
  });

  it('never gives full points to a superset', () => {
    const q2 = makeQuestion({ type: 'multiple', answer: ['A'], options: OPTIONS, scoring: 'proportional', points: 1 });
    expect(gradeQuestion(q2, ['A', 'B']).score).toBe(0);
    expect(gradeQuestion(q2, ['A']).score).toBe(1);
  });
});

describe('gradeQuestion: fill in the blank', () => {
  const q = makeQuestion({ type: 'fill_blank', answer: [['春节', '新年'], ['7'], ['淘宝网', 'Taobao']], points: 9 });

  it('gives full points when every blank matches an alternative', () => {
    expect(gradeQuestion(q, ['春节', '7', '淘宝网'])).toEqual({
      score: 9,
      maxScore: 9,
      correct: true,
      needsReview: false,
      detail: { blanks: [true, true, true] },
    });
    expect(gradeQuestion(q, ['新年', '7', 'taobao']).score).toBe(9);
  });

  it('compares after normalization: full width, spaces, case', () => {
    expect(gradeQuestion(q, [' 春 节 ', '７', 'ＴＡＯＢＡＯ']).score).toBe(9);
    expect(gradeQuestion(q, ['春节　', ' 7 ', 'Tao bao']).score).toBe(9);
  });

  it('does not accept an answer that merely contains an alternative', () => {
    expect(gradeQuestion(q, ['春节期间', '17', '淘宝']).detail).toEqual({ blanks: [false, false, false] });
  });

  it('gives points per right blank, rounded down', () => {
    expect(gradeQuestion(q, ['春节', '8', '淘宝网'])).toMatchObject({ score: 6, correct: false, detail: { blanks: [true, false, true] } });
    const four = makeQuestion({ type: 'fill_blank', answer: [['a'], ['b'], ['c']], points: 4 });
    expect(gradeQuestion(four, ['a', 'b', 'x']).score).toBe(2); // floor(4 × 2 / 3)
    expect(gradeQuestion(four, ['a', 'x', 'x']).score).toBe(1);
  });

  it('counts missing, null and empty blanks as wrong and ignores extra entries', () => {
    expect(gradeQuestion(q, ['春节']).detail).toEqual({ blanks: [true, false, false] });
    expect(gradeQuestion(q, ['春节', null, '淘宝网']).detail).toEqual({ blanks: [true, false, true] });
    expect(gradeQuestion(q, ['', '', '']).score).toBe(0);
    expect(gradeQuestion(q, ['春节', '7', '淘宝网', 'extra']).score).toBe(9);
  });

  it.each([undefined, null, '春节', 7, {}, { 0: '春节' }, ['春节', 7, '淘宝网'], [['春节']]])(
    'scores the malformed response %p as 0',
    (response) => {
      expect(gradeQuestion(q, response)).toMatchObject({ score: 0, correct: false });
    },
  );
});

describe('gradeQuestion: rubric questions', () => {
  const rubric: Rubric = {
    points: [
      { id: 'greet', label: '问候', score: 1, phrases: ['您好', '亲'] },
      { id: 'apologize', label: '致歉', score: 1, phrases: ['抱歉'] },
      { id: 'check', label: '核实订单', score: 2, phrases: ['订单号'] },
    ],
    forbidden: [{ id: 'rude', label: '辱骂顾客', phrases: ['神经病'], penalty: 4, fatal: true }],
    passScore: 3,
  };
  const scenario = makeQuestion({ type: 'scenario', answer: rubric, points: 10 });

  it('scales the rubric score to the question points, rounding down', () => {
    expect(gradeQuestion(scenario, '您好，抱歉，请提供订单号')).toMatchObject({ score: 10, correct: true, needsReview: false });
    expect(gradeQuestion(scenario, '您好，请提供订单号')).toMatchObject({ score: 7, correct: true }); // floor(10 × 3 / 4)
    expect(gradeQuestion(scenario, '请提供订单号')).toMatchObject({ score: 5, correct: false });
    expect(gradeQuestion(scenario, '您好')).toMatchObject({ score: 2, correct: false });
  });

  it('includes the rubric result as detail', () => {
    const grade = gradeQuestion(scenario, '您好，抱歉');
    const detail = grade.detail as RubricResult;
    expect(detail.score).toBe(2);
    expect(detail.maxScore).toBe(4);
    expect(detail.points.map((p) => p.found)).toEqual([true, true, false]);
  });

  it('marks a fatal forbidden phrase as not correct', () => {
    expect(gradeQuestion(scenario, '您好，抱歉，订单号给我，神经病')).toMatchObject({ score: 0, correct: false });
  });

  it('sends the question to review when the rubric asks for it, with correct = null', () => {
    const q = makeQuestion({ type: 'short_answer', answer: { ...rubric, requiresReview: true } });
    expect(gradeQuestion(q, '您好，抱歉，订单号')).toMatchObject({ score: 10, correct: null, needsReview: true });
  });

  it('sends the question to review when the caller asks for it', () => {
    const grade = gradeQuestion(scenario, '您好，抱歉，订单号', { reviewRubrics: true });
    expect(grade).toMatchObject({ score: 10, correct: null, needsReview: true });
    expect((grade.detail as RubricResult).needsReview).toBe(true);
  });

  it('uses the question prompt to discount text copied from the customer', () => {
    const prompt = '您好，我的订单号是123456，怎么还没发货？';
    const q = makeQuestion({ type: 'scenario', answer: rubric, prompt });
    expect(gradeQuestion(q, prompt).score).toBe(0);
    expect(gradeQuestion({ ...q, prompt: undefined }, prompt).score).toBe(7);
  });

  it.each(MALFORMED)('scores the malformed response %p as 0', (response) => {
    expect(gradeQuestion(scenario, response)).toMatchObject({ score: 0, correct: false });
  });

  it('scores an empty reply as 0 and not correct', () => {
    expect(gradeQuestion(scenario, '　 ')).toMatchObject({ score: 0, correct: false });
  });
});

describe('gradeQuestion: points and broken questions', () => {
  it('keeps full marks exact for non-integer points', () => {
    const q = makeQuestion({ type: 'multiple', answer: ['A', 'B'], points: 2.5, scoring: 'proportional' });
    expect(gradeQuestion(q, ['A', 'B']).score).toBe(2.5);
    expect(gradeQuestion(q, ['A']).score).toBe(1);
  });

  it.each([-5, NaN, Infinity, '10', undefined])('treats the points %p as 0 without throwing', (points) => {
    const q = { type: 'single', answer: 'A', points } as unknown as GradableQuestion;
    expect(gradeQuestion(q, 'A')).toMatchObject({ score: 0, maxScore: 0 });
  });

  it.each([
    ['single', ['A']],
    ['single', ''],
    ['multiple', []],
    ['multiple', 'A'],
    ['true_false', 'true'],
    ['fill_blank', ['春节']],
    ['fill_blank', [[]]],
    ['scenario', { points: [] }],
    ['short_answer', 'a model answer'],
    ['essay', 'A'],
  ])('sends a %s question with the broken key %j to review with score 0', (type, answer) => {
    const q = { type, answer, points: 5 } as unknown as GradableQuestion;
    expect(gradeQuestion(q, 'A')).toEqual({ score: 0, maxScore: 5, correct: null, needsReview: true });
  });

  it('sends a question whose key is not among its options to review', () => {
    const q = makeQuestion({ type: 'single', answer: 'E', options: OPTIONS });
    expect(gradeQuestion(q, 'E')).toMatchObject({ score: 0, correct: null, needsReview: true });
  });

  it.each([null, undefined, 'single', 42, []])('does not throw on the question %p', (question) => {
    expect(gradeQuestion(question as unknown as GradableQuestion, 'A')).toMatchObject({ score: 0, needsReview: true });
  });
});

describe('validateAnswerKey', () => {
  it.each([
    ['single', 'A', OPTIONS],
    ['single', 'a', OPTIONS],
    ['single', 'A', undefined],
    ['multiple', ['A', 'C'], OPTIONS],
    ['multiple', ['D'], OPTIONS],
    ['true_false', true, undefined],
    ['true_false', false, undefined],
    ['fill_blank', [['春节', '新年'], ['7']], undefined],
    ['scenario', { points: [{ id: 'a', label: 'A', score: 1, phrases: ['x'] }], passScore: 1 }, undefined],
  ] as const)('accepts a %s key %j', (type, answer, options) => {
    expect(validateAnswerKey(type, answer, options as { key: string }[] | undefined)).toEqual([]);
  });

  it.each([
    ['single', 'E', OPTIONS, 'answer "E" is not one of the options'],
    ['single', ' ', undefined, 'answer must be a non-blank option key'],
    ['single', 1, undefined, 'answer must be a non-blank option key'],
    ['multiple', [], OPTIONS, 'answer must be a non-empty array of option keys'],
    ['multiple', 'A', OPTIONS, 'answer must be a non-empty array of option keys'],
    ['multiple', ['A', 'ａ'], OPTIONS, 'answer[1] repeats "ａ"'],
    ['multiple', ['A', 'Z'], OPTIONS, 'answer[1] "Z" is not one of the options'],
    ['true_false', 'true', undefined, 'answer must be true or false'],
    ['fill_blank', [], undefined, 'answer must be a non-empty array of blanks, each a list of accepted alternatives'],
    ['fill_blank', ['春节'], undefined, 'answer[0] must be a non-empty array of accepted alternatives'],
    ['fill_blank', [['春节', '　']], undefined, 'answer[0][1] must be a non-blank string'],
    ['short_answer', null, undefined, 'rubric must be an object'],
    ['essay', 'A', undefined, 'unknown question type "essay"'],
  ])('rejects a %s key %j', (type, answer, options, problem) => {
    expect(validateAnswerKey(type as never, answer, options)).toContain(problem);
  });

  it('rejects duplicate or blank option keys', () => {
    expect(validateAnswerKey('single', 'A', [{ key: 'A' }, { key: 'Ａ' }, { key: '' }])).toEqual([
      'options[1].key "Ａ" is not unique',
      'options[2].key must be a non-blank string',
    ]);
  });
});
