import { BadInputCase, expectRefused } from '../support/bad-input';
import { listRoutes } from '../support/routes';
import { addQuestion, auth, makeBank, makeExam, SAMPLE_QUESTIONS } from '../support/exam-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const NONE = '00000000-0000-4000-8000-000000000000';

/** Every route of the assessment and grading contexts answers bad input with a 4xx and a stable code, never a 500. */
describe('bad input on banks, exams, attempts and reviews', () => {
  let t: TestApp;
  let trainer: string;
  let student: string;
  let bankId: string;
  let questionId: string;
  let examId: string;
  let attemptId: string;
  let attemptQuestionId: string;
  let readingLessonId: string;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await t.login('trainer1');
    student = await t.login('student3');
    bankId = (await makeBank(t, trainer, '坏输入题库')).id;
    questionId = (await addQuestion(t, trainer, bankId, SAMPLE_QUESTIONS.single)).id;
    examId = (await makeExam(t, trainer, { draw: [{ bankId, count: 1 }] })).id;
    const attempt = (await t.http().post(`/api/exams/${examId}/attempts`).set(auth(student)).expect(201)).body;
    attemptId = attempt.id;
    attemptQuestionId = attempt.questions[0].id;
    const [{ id }] = await t.ds.query(`SELECT id FROM lesson WHERE mode = 'reading' LIMIT 1`);
    readingLessonId = id;
    await addQuestion(t, trainer, bankId, { ...SAMPLE_QUESTIONS.single, ref: 'dup' });
  });
  afterAll(() => t.close());

  const huge = 'x'.repeat(10_000);
  const exam = (over: () => Record<string, unknown>) => () => ({ title: '考试', timeLimitMinutes: 10, passScore: 60, draw: [{ bankId, count: 1 }], ...over() });
  const T = () => trainer;
  const S = () => student;
  const cases: BadInputCase[] = [
    ['bank: no title', 'post', () => '/api/question-banks', {}, T, 400, 'VALIDATION_FAILED'],
    ['bank: oversized title', 'post', () => '/api/question-banks', { title: huge }, T, 400, 'VALIDATION_FAILED'],
    ['bank: bad code', 'post', () => '/api/question-banks', { title: 'b', code: 'Not A Code' }, T, 400, 'VALIDATION_FAILED'],
    ['bank: unknown system', 'post', () => '/api/question-banks', { title: 'b', systemCode: 'magic' }, T, 400, 'VALIDATION_FAILED'],
    ['bank: unknown field', 'post', () => '/api/question-banks', { title: 'b', owner: 'me' }, T, 400, 'VALIDATION_FAILED'],
    ['bank: code taken', 'post', () => '/api/question-banks', { title: 'b', code: 'practical' }, T, 409, 'CONFLICT'],
    ['bank patch: shared as text', 'patch', () => `/api/question-banks/${bankId}`, { shared: 'yes' }, T, 400, 'VALIDATION_FAILED'],
    ['bank patch: empty title', 'patch', () => `/api/question-banks/${bankId}`, { title: '  ' }, T, 400, 'VALIDATION_FAILED'],
    ['bank patch: unknown field', 'patch', () => `/api/question-banks/${bankId}`, { ownerId: NONE }, T, 400, 'VALIDATION_FAILED'],
    ['bank patch: unknown bank', 'patch', () => `/api/question-banks/${NONE}`, { shared: true }, T, 404, 'BANK_NOT_FOUND'],
    ['banks: zero limit', 'get', () => '/api/question-banks?limit=0', undefined, T, 400, 'VALIDATION_FAILED'],
    ['bank: id not a uuid', 'get', () => '/api/question-banks/42', undefined, T, 400, 'VALIDATION_FAILED'],
    ['bank: unknown', 'get', () => `/api/question-banks/${NONE}`, undefined, T, 404, 'BANK_NOT_FOUND'],
    ['questions: unknown bank', 'get', () => `/api/question-banks/${NONE}/questions`, undefined, T, 404, 'BANK_NOT_FOUND'],
    ['questions: bad type filter', 'get', () => `/api/question-banks/${bankId}/questions?type=essay`, undefined, T, 400, 'VALIDATION_FAILED'],
    ['questions: oversized tag filter', 'get', () => `/api/question-banks/${bankId}/questions?tag=${'t'.repeat(80)}`, undefined, T, 400, 'VALIDATION_FAILED'],
    ['question: no answer', 'post', () => `/api/question-banks/${bankId}/questions`, { type: 'single', stem: 's', points: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['question: unknown type', 'post', () => `/api/question-banks/${bankId}/questions`, { type: 'essay', stem: 's', points: 1, answer: 'x' }, T, 400, 'VALIDATION_FAILED'],
    ['question: fractional points', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.single, points: 1.5 }, T, 400, 'VALIDATION_FAILED'],
    ['question: options not a list', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.single, options: 'A,B' }, T, 400, 'VALIDATION_FAILED'],
    ['question: option without text', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.single, options: [{ key: 'A' }, { key: 'B', text: 'b' }] }, T, 400, 'VALIDATION_FAILED'],
    ['question: tags not strings', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.single, tags: [1] }, T, 400, 'VALIDATION_FAILED'],
    ['question: key not an option', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.single, answer: 'Q' }, T, 400, 'INVALID_QUESTION'],
    ['question: rubric as a string', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.scenario, answer: 'good reply' }, T, 400, 'INVALID_QUESTION'],
    ['question: options on true/false', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.true_false, options: [{ key: 'A', text: 'a' }, { key: 'B', text: 'b' }] }, T, 400, 'INVALID_QUESTION'],
    ['question: NUL in the stem', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.single, stem: 'a\u0000b' }, T, 400, 'VALIDATION_FAILED'],
    ['question: unknown bank', 'post', () => `/api/question-banks/${NONE}/questions`, SAMPLE_QUESTIONS.single, T, 404, 'BANK_NOT_FOUND'],
    ['question: ref taken again', 'post', () => `/api/question-banks/${bankId}/questions`, { ...SAMPLE_QUESTIONS.single, ref: 'dup' }, T, 409, 'QUESTION_REF_TAKEN'],
    ['import: empty list', 'post', () => `/api/question-banks/${bankId}/import`, [], T, 400, 'IMPORT_EMPTY'],
    ['import: object without questions', 'post', () => `/api/question-banks/${bankId}/import`, { items: [] }, T, 400, 'IMPORT_MALFORMED'],
    ['import: too many', 'post', () => `/api/question-banks/${bankId}/import`, Array.from({ length: 2001 }, () => ({})), T, 400, 'IMPORT_TOO_MANY_ROWS'],
    ['import: unknown bank', 'post', () => `/api/question-banks/${NONE}/import`, [SAMPLE_QUESTIONS.single], T, 404, 'BANK_NOT_FOUND'],
    ['question: id not a uuid', 'get', () => '/api/questions/abc', undefined, T, 400, 'VALIDATION_FAILED'],
    ['question: unknown', 'get', () => `/api/questions/${NONE}`, undefined, T, 404, 'QUESTION_NOT_FOUND'],
    ['edit: unknown type', 'patch', () => `/api/questions/${questionId}`, { type: 'essay' }, T, 400, 'VALIDATION_FAILED'],
    ['edit: key not an option', 'patch', () => `/api/questions/${questionId}`, { answer: 'Q' }, T, 400, 'INVALID_QUESTION'],
    ['edit: unknown field', 'patch', () => `/api/questions/${questionId}`, { ref: 'x' }, T, 400, 'VALIDATION_FAILED'],
    ['edit: unknown question', 'patch', () => `/api/questions/${NONE}`, { stem: 'x' }, T, 404, 'QUESTION_NOT_FOUND'],
    ['correction: no reason', 'post', () => `/api/questions/${questionId}/answer-key-corrections`, { answer: 'B' }, T, 400, 'VALIDATION_FAILED'],
    ['correction: no answer', 'post', () => `/api/questions/${questionId}/answer-key-corrections`, { reason: '原因' }, T, 400, 'VALIDATION_FAILED'],
    ['correction: bad key', 'post', () => `/api/questions/${questionId}/answer-key-corrections`, { answer: ['A'], reason: '原因' }, T, 400, 'INVALID_ANSWER_KEY'],
    ['correction: unknown version', 'post', () => `/api/questions/${questionId}/answer-key-corrections`, { version: 99, answer: 'B', reason: '原因' }, T, 404, 'QUESTION_VERSION_NOT_FOUND'],
    ['correction: unknown question', 'post', () => `/api/questions/${NONE}/answer-key-corrections`, { answer: 'B', reason: '原因' }, T, 404, 'QUESTION_NOT_FOUND'],
    ['corrections: unknown question', 'get', () => `/api/questions/${NONE}/answer-key-corrections`, undefined, T, 404, 'QUESTION_NOT_FOUND'],
    ['exam: empty', 'post', () => '/api/exams', {}, T, 400, 'VALIDATION_FAILED'],
    ['exam: pass score over 100', 'post', () => '/api/exams', exam(() => ({ passScore: 101 })), T, 400, 'VALIDATION_FAILED'],
    ['exam: no draw rules', 'post', () => '/api/exams', exam(() => ({ draw: [] })), T, 400, 'VALIDATION_FAILED'],
    ['exam: draw bank not a uuid', 'post', () => '/api/exams', exam(() => ({ draw: [{ bankId: 'x', count: 1 }] })), T, 400, 'VALIDATION_FAILED'],
    ['exam: draw of zero', 'post', () => '/api/exams', exam(() => ({ draw: [{ bankId, count: 0 }] })), T, 400, 'VALIDATION_FAILED'],
    ['exam: draw of an unknown type', 'post', () => '/api/exams', exam(() => ({ draw: [{ bankId, count: 1, types: ['essay'] }] })), T, 400, 'VALIDATION_FAILED'],
    ['exam: unknown review policy', 'post', () => '/api/exams', exam(() => ({ reviewPolicy: 'sometimes' })), T, 400, 'VALIDATION_FAILED'],
    ['exam: bad date', 'post', () => '/api/exams', exam(() => ({ opensAt: 'tomorrow' })), T, 400, 'VALIDATION_FAILED'],
    ['exam: both time limits', 'post', () => '/api/exams', exam(() => ({ timeLimitSeconds: 60 })), T, 400, 'INVALID_EXAM'],
    ['exam: no time limit', 'post', () => '/api/exams', exam(() => ({ timeLimitMinutes: undefined })), T, 400, 'INVALID_EXAM'],
    ['exam: window backwards', 'post', () => '/api/exams', exam(() => ({ opensAt: '2027-01-02T00:00:00Z', closesAt: '2027-01-01T00:00:00Z' })), T, 400, 'INVALID_EXAM'],
    ['exam: after_close without close', 'post', () => '/api/exams', exam(() => ({ reviewPolicy: 'after_close' })), T, 400, 'INVALID_EXAM'],
    ['exam: too many questions', 'post', () => '/api/exams', exam(() => ({ draw: [{ bankId, count: 150 }, { bankId, count: 150 }] })), T, 400, 'INVALID_EXAM'],
    ['exam: more than the bank holds', 'post', () => '/api/exams', exam(() => ({ draw: [{ bankId, count: 50 }] })), T, 400, 'DRAW_NOT_SATISFIABLE'],
    ['exam: unknown bank', 'post', () => '/api/exams', exam(() => ({ draw: [{ bankId: NONE, count: 1 }] })), T, 404, 'BANK_NOT_FOUND'],
    ['exam: unknown lesson', 'post', () => '/api/exams', exam(() => ({ lessonId: NONE })), T, 404, 'LESSON_NOT_FOUND'],
    ['exam: lesson not an exam', 'post', () => '/api/exams', exam(() => ({ lessonId: readingLessonId })), T, 400, 'LESSON_NOT_EXAM'],
    ['exam: unknown cohort', 'post', () => '/api/exams', exam(() => ({ cohortIds: [NONE] })), T, 404, 'COHORT_NOT_FOUND'],
    ['exams: negative offset', 'get', () => '/api/exams?offset=-1', undefined, S, 400, 'VALIDATION_FAILED'],
    ['exam: id not a uuid', 'get', () => '/api/exams/12', undefined, S, 400, 'VALIDATION_FAILED'],
    ['exam: unknown', 'get', () => `/api/exams/${NONE}`, undefined, S, 404, 'EXAM_NOT_FOUND'],
    ['exam attempts: unknown exam', 'get', () => `/api/exams/${NONE}/attempts`, undefined, T, 404, 'EXAM_NOT_FOUND'],
    ['start: unknown exam', 'post', () => `/api/exams/${NONE}/attempts`, undefined, S, 404, 'EXAM_NOT_FOUND'],
    ['start: id not a uuid', 'post', () => '/api/exams/x/attempts', undefined, S, 400, 'VALIDATION_FAILED'],
    ['attempt: unknown', 'get', () => `/api/attempts/${NONE}`, undefined, S, 404, 'ATTEMPT_NOT_FOUND'],
    ['attempt: id not a uuid', 'get', () => '/api/attempts/1', undefined, S, 400, 'VALIDATION_FAILED'],
    ['answer: no clientSeq', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: 'A' }, S, 400, 'VALIDATION_FAILED'],
    ['answer: clientSeq zero', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: 'A', clientSeq: 0 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: clientSeq too big', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: 'A', clientSeq: 2 ** 60 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: clientSeq as text', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: 'A', clientSeq: '1' }, S, 400, 'VALIDATION_FAILED'],
    ['answer: missing', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { clientSeq: 1 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: an object', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: { a: 1 }, clientSeq: 1 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: a number', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: 3, clientSeq: 1 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: list of numbers', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: [1, 2], clientSeq: 1 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: oversized text', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: huge, clientSeq: 1 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: NUL character', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: 'A\u0000', clientSeq: 1 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: unknown field', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: 'A', clientSeq: 1, score: 2 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: question id not a uuid', 'put', () => `/api/attempts/${attemptId}/answers/q1`, { answer: 'A', clientSeq: 1 }, S, 400, 'VALIDATION_FAILED'],
    ['answer: unknown attempt', 'put', () => `/api/attempts/${NONE}/answers/${attemptQuestionId}`, { answer: 'A', clientSeq: 1 }, S, 404, 'ATTEMPT_NOT_FOUND'],
    ['answer: wrong shape', 'put', () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`, { answer: true, clientSeq: 1 }, S, 400, 'ANSWER_SHAPE_MISMATCH'],
    ['submit: unknown attempt', 'post', () => `/api/attempts/${NONE}/submit`, undefined, S, 404, 'ATTEMPT_NOT_FOUND'],
    ['submit: id not a uuid', 'post', () => '/api/attempts/zz/submit', undefined, S, 400, 'VALIDATION_FAILED'],
    ['reviews: unknown status', 'get', () => '/api/reviews?status=maybe', undefined, T, 400, 'VALIDATION_FAILED'],
    ['reviews: exam not a uuid', 'get', () => '/api/reviews?examId=1', undefined, T, 400, 'VALIDATION_FAILED'],
    ['review: negative score', 'post', () => `/api/reviews/${NONE}`, { score: -1 }, T, 400, 'VALIDATION_FAILED'],
    ['review: score as text', 'post', () => `/api/reviews/${NONE}`, { score: '5' }, T, 400, 'VALIDATION_FAILED'],
    ['review: oversized comment', 'post', () => `/api/reviews/${NONE}`, { score: 1, comment: huge }, T, 400, 'VALIDATION_FAILED'],
    ['review: unknown', 'post', () => `/api/reviews/${NONE}`, { score: 1 }, T, 404, 'REVIEW_NOT_FOUND'],
    ['review: id not a uuid', 'post', () => '/api/reviews/7', { score: 1 }, T, 400, 'VALIDATION_FAILED'],
  ];

  it.each(cases)('%s → %i %s', (...c: BadInputCase) => expectRefused(t, c));

  it('answers an empty, malformed or oversized CSV import with a code', async () => {
    const url = `/api/question-banks/${bankId}/import`;
    const csv = (text: string) => t.http().post(url).set(auth(trainer)).set('Content-Type', 'text/csv').send(text);
    expect((await csv('')).body.code).toBe('IMPORT_EMPTY');
    expect((await csv('type,stem,answer,points\n')).body.code).toBe('IMPORT_EMPTY');
    expect((await csv('type,stem,answer,points\n"single,x')).body.code).toBe('IMPORT_MALFORMED');
    const many = ['type,stem,answer,points', ...Array.from({ length: 2001 }, () => 'true_false,题,对,1')].join('\n');
    expect((await csv(many)).body.code).toBe('IMPORT_TOO_MANY_ROWS');
    const json = await t.http().post(url).set(auth(trainer)).set('Content-Type', 'application/json').send('{"questions": [');
    expect([json.status, json.body.code]).toEqual([400, 'MALFORMED_BODY']);
  });

  it('covers every route of the two contexts', () => {
    const mine = listRoutes(t.app)
      .filter((r) => /^\/api\/(question-banks|questions|exams|attempts|reviews)/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);
    const tested = new Set(
      cases.map(([, method, path]) => {
        const url = path().replace(/\?.*$/, '');
        const match = mine.find((m) => {
          const [verb, pattern] = m.split(' ');
          return verb === method.toUpperCase() && new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(url);
        });
        return match;
      }),
    );
    expect(mine.filter((m) => !tested.has(m))).toEqual([]);
  });
});
