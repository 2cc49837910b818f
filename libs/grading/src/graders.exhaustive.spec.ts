// Exhaustive checks of the objective graders against a reference written from the rules in
// graders.ts: every key set, every response set, every blank combination, for small sizes.
import { gradeQuestion, type GradableQuestion, type QuestionOption } from '@lms/grading';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const POINTS = [1, 2, 3, 7, 10];

function subsets<T>(items: readonly T[]): T[][] {
  return Array.from({ length: 1 << items.length }, (_, mask) => items.filter((_, i) => mask & (1 << i)));
}

function product<T>(choices: readonly T[], n: number): T[][] {
  return n === 0 ? [[]] : product(choices, n - 1).flatMap((rest) => choices.map((c) => [...rest, c]));
}

const optionsOf = (n: number): QuestionOption[] => LETTERS.slice(0, n).map((key) => ({ key, text: `选项${key}` }));

describe('single choice, every key against every pick', () => {
  it.each([2, 3, 4, 5])('with %i options', (n) => {
    const options = optionsOf(n);
    for (const points of POINTS) {
      for (const key of LETTERS.slice(0, n)) {
        for (const pick of [...LETTERS.slice(0, n), 'Z', '', ' ', key.toLowerCase(), `　${key}　`]) {
          const g = gradeQuestion({ type: 'single', answer: key, options, points }, pick);
          const right = pick.trim().toUpperCase() === key;
          expect({ key, pick, score: g.score, correct: g.correct }).toEqual({ key, pick, score: right ? points : 0, correct: right });
          expect(g.needsReview).toBe(false);
        }
      }
    }
  });
});

describe('true / false, every key against every response', () => {
  const responses: Array<[unknown, boolean | null]> = [
    [true, true],
    [false, false],
    ['true', true],
    ['FALSE', false],
    [' ｔｒｕｅ ', true],
    ['yes', null],
    [1, null],
    [0, null],
    [null, null],
    [undefined, null],
    [['true'], null],
  ];
  it.each([true, false])('with the key %s', (key) => {
    for (const points of POINTS) {
      for (const [response, means] of responses) {
        const g = gradeQuestion({ type: 'true_false', answer: key, points }, response);
        const right = means === key;
        expect({ response, score: g.score, correct: g.correct }).toEqual({ response, score: right ? points : 0, correct: right });
      }
    }
  });
});

describe('multiple choice, every key set against every picked set', () => {
  const reference = (key: string[], picked: string[], points: number, proportional: boolean): number => {
    const right = picked.filter((p) => key.includes(p)).length;
    const wrong = picked.length - right;
    if (right === key.length && wrong === 0) return points;
    if (!proportional) return 0;
    return Math.max(0, Math.floor((points * (right - wrong)) / key.length));
  };

  it.each([1, 2, 3, 4, 5])('with %i options', (n) => {
    const options = optionsOf(n);
    const letters = LETTERS.slice(0, n);
    const mismatches: unknown[] = [];
    let checked = 0;
    for (const key of subsets(letters).filter((s) => s.length > 0)) {
      for (const picked of subsets(letters)) {
        const exact = picked.length === key.length && picked.every((p) => key.includes(p));
        for (const points of POINTS) {
          for (const scoring of ['all_or_nothing', 'proportional'] as const) {
            const q: GradableQuestion = { type: 'multiple', answer: key, options, points, scoring };
            const g = gradeQuestion(q, picked);
            const expected = reference(key, picked, points, scoring === 'proportional');
            // Order and repetition of the picks do not matter (checked once per key and pick set).
            const shuffled = points === 10 ? gradeQuestion(q, [...picked].reverse().concat(picked)).score : expected;
            if (g.score !== expected || g.correct !== exact || shuffled !== expected || g.score < 0 || g.score > points) {
              mismatches.push({ key, picked, points, scoring, score: g.score, correct: g.correct, shuffled, expected });
            }
            checked++;
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe((2 ** n - 1) * 2 ** n * POINTS.length * 2);
  });
});

describe('fill in the blank, every combination of right, alternative, wrong, empty and missing blanks', () => {
  const key = [
    ['春节', '新年'],
    ['7', '七'],
    ['淘宝', 'Taobao'],
  ];
  const given = (blank: string[], kind: number): string | null | undefined =>
    [blank[0], blank[1], '错误答案', '', null, undefined, ` ${blank[1].toUpperCase()}　`][kind];
  const isRight = (kind: number) => kind === 0 || kind === 1 || kind === 6;

  it.each([1, 2, 3])('with %i blank(s)', (blanks) => {
    const answer = key.slice(0, blanks);
    for (const kinds of product([0, 1, 2, 3, 4, 5, 6], blanks)) {
      const response = kinds.map((k, i) => given(answer[i], k));
      for (const points of POINTS) {
        const g = gradeQuestion({ type: 'fill_blank', answer, points }, response);
        const right = kinds.filter(isRight).length;
        const expected = right === blanks ? points : Math.floor((points * right) / blanks);
        expect({ response, points, score: g.score, correct: g.correct }).toEqual({ response, points, score: expected, correct: right === blanks });
      }
    }
  });
});
