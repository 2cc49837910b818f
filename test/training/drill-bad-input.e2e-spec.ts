import { DrillGradingService } from '../../src/training/drill-grading.service';
import { BadInputCase, expectRefused } from '../support/bad-input';
import { startTestApp, TestApp } from '../support/test-app';
import { Caller, signIn } from './drill-fixtures';

/**
 * Bad input on every drill route gets a 4xx with a stable code, never a 500. The app runs
 * as an API process (no queue workers), so a submission stays `submitted` until the test
 * grades it itself.
 */
describe('drill routes refuse bad input', () => {
  let t: TestApp;
  let trainer: Caller;
  let student: Caller;
  let scenarioId: string;
  let noRubricId: string;
  let submittedId: string;
  let gradedId: string;
  const missing = '00000000-0000-4000-8000-000000000000';
  const huge = 'x'.repeat(10_000);
  const rubric = { points: [{ id: 'a', label: '问候', score: 10, phrases: ['您好'] }], passScore: 5 };

  beforeAll(async () => {
    t = await startTestApp({ env: { APP_ROLE: 'api' } });
    trainer = await signIn(t, 'trainer1');
    student = await signIn(t, 'student1');
    const make = (title: string) =>
      t.http().post('/api/training/scenarios').set('Authorization', `Bearer ${trainer.token}`).send({ title, conversation: ['在吗'], rubric, creditMinutes: 30 }).expect(201);
    scenarioId = (await make('坏输入场景')).body.id;
    noRubricId = (await make('无评分规则场景')).body.id;
    // Scenarios from before rubrics existed may have none (the column allows it; the API never writes it).
    await t.ds.query(`UPDATE training_scenario SET rubric = NULL WHERE id = $1`, [noRubricId]);
    const submit = () =>
      // A sentence, not the bare keyword (a keyword alone would be held for review as stuffing).
      t.http().post(`/api/training/scenarios/${scenarioId}/submissions`).set('Authorization', `Bearer ${student.token}`).send({ reply: '您好，请问有什么可以帮您的吗？' }).expect(202);
    submittedId = (await submit()).body.id;
    gradedId = (await submit()).body.id;
    await t.app.get(DrillGradingService).grade(gradedId);
  });
  afterAll(() => t.close());

  const S = () => student.token;
  const T = () => trainer.token;
  const cases: BadInputCase[] = [
    ['scenarios: limit zero', 'get', () => '/api/training/scenarios?limit=0', undefined, S, 400, 'VALIDATION_FAILED'],
    ['scenarios: negative offset', 'get', () => '/api/training/scenarios?offset=-1', undefined, S, 400, 'VALIDATION_FAILED'],
    ['scenarios: unknown query field', 'get', () => '/api/training/scenarios?withRubric=1', undefined, S, 400, 'VALIDATION_FAILED'],
    ['scenario: id not a uuid', 'get', () => '/api/training/scenarios/1%27--', undefined, S, 400, 'VALIDATION_FAILED'],
    ['scenario: unknown id', 'get', () => `/api/training/scenarios/${missing}`, undefined, S, 404, 'SCENARIO_NOT_FOUND'],

    ['create: empty body', 'post', () => '/api/training/scenarios', {}, T, 400, 'VALIDATION_FAILED'],
    ['create: blank title', 'post', () => '/api/training/scenarios', { title: '  ', conversation: ['x'], rubric, creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: oversized title', 'post', () => '/api/training/scenarios', { title: huge, conversation: ['x'], rubric, creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: no customer message', 'post', () => '/api/training/scenarios', { title: 'a', conversation: [], rubric, creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: blank customer message', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['  '], rubric, creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: messages not strings', 'post', () => '/api/training/scenarios', { title: 'a', conversation: [1, {}], rubric, creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: conversation a string', 'post', () => '/api/training/scenarios', { title: 'a', conversation: '在吗', rubric, creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: rubric a string', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric: 'points', creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: rubric an array', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric: [rubric], creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: rubric null', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric: null, creditMinutes: 1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: rubric with bad points', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric: { points: [{ id: 1 }], passScore: 'x' }, creditMinutes: 1 }, T, 400, 'INVALID_RUBRIC'],
    ['create: oversized rubric', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric: { ...rubric, note: 'y'.repeat(200_000) }, creditMinutes: 1 }, T, 400, 'INVALID_RUBRIC'],
    ['create: negative minutes', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric, creditMinutes: -1 }, T, 400, 'VALIDATION_FAILED'],
    ['create: fractional minutes', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric, creditMinutes: 1.5 }, T, 400, 'VALIDATION_FAILED'],
    ['create: minutes as a string', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric, creditMinutes: '60' }, T, 400, 'VALIDATION_FAILED'],
    ['create: huge minutes', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric, creditMinutes: 1e12 }, T, 400, 'VALIDATION_FAILED'],
    ['create: unknown field', 'post', () => '/api/training/scenarios', { title: 'a', conversation: ['x'], rubric, creditMinutes: 1, seedKey: 'x' }, T, 400, 'VALIDATION_FAILED'],
    ['create: taken title', 'post', () => '/api/training/scenarios', { title: '坏输入场景', conversation: ['x'], rubric, creditMinutes: 1 }, T, 409, 'SCENARIO_TITLE_TAKEN'],

    ['edit: id not a uuid', 'patch', () => '/api/training/scenarios/abc', { title: 'x' }, T, 400, 'VALIDATION_FAILED'],
    ['edit: unknown id', 'patch', () => `/api/training/scenarios/${missing}`, { title: 'x' }, T, 404, 'SCENARIO_NOT_FOUND'],
    ['edit: unknown id, empty patch', 'patch', () => `/api/training/scenarios/${missing}`, {}, T, 404, 'SCENARIO_NOT_FOUND'],
    ['edit: invalid rubric', 'patch', () => `/api/training/scenarios/${scenarioId}`, { rubric: { points: [] } }, T, 400, 'INVALID_RUBRIC'],
    ['edit: unknown field', 'patch', () => `/api/training/scenarios/${scenarioId}`, { creditIsDefault: true }, T, 400, 'VALIDATION_FAILED'],
    ['edit: position negative', 'patch', () => `/api/training/scenarios/${scenarioId}`, { position: -3 }, T, 400, 'VALIDATION_FAILED'],

    ['submit: id not a uuid', 'post', () => '/api/training/scenarios/zzz/submissions', { reply: '您好' }, S, 400, 'VALIDATION_FAILED'],
    ['submit: unknown scenario', 'post', () => `/api/training/scenarios/${missing}/submissions`, { reply: '您好' }, S, 404, 'SCENARIO_NOT_FOUND'],
    ['submit: scenario without rubric', 'post', () => `/api/training/scenarios/${noRubricId}/submissions`, { reply: '您好' }, S, 409, 'SCENARIO_HAS_NO_RUBRIC'],
    ['submit: no reply', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, {}, S, 400, 'VALIDATION_FAILED'],
    ['submit: empty reply', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: '' }, S, 400, 'VALIDATION_FAILED'],
    ['submit: blank reply', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: ' 　\n ' }, S, 400, 'VALIDATION_FAILED'],
    ['submit: reply a number', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: 42 }, S, 400, 'VALIDATION_FAILED'],
    ['submit: reply an object', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: { text: '您好' } }, S, 400, 'VALIDATION_FAILED'],
    ['submit: oversized reply', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: huge }, S, 400, 'VALIDATION_FAILED'],
    ['submit: unknown field', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: '您好', score: 100 }, S, 400, 'VALIDATION_FAILED'],
    ['submit: bad clientSubmissionId', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: '您好', clientSubmissionId: 'has space' }, S, 400, 'VALIDATION_FAILED'],
    ['submit: bad Idempotency-Key', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: '您好' }, S, 400, 'INVALID_IDEMPOTENCY_KEY', { 'Idempotency-Key': 'a b' }],
    ['submit: oversized Idempotency-Key', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: '您好' }, S, 400, 'INVALID_IDEMPOTENCY_KEY', { 'Idempotency-Key': 'k'.repeat(101) }],
    ['submit: header and body keys differ', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: '您好', clientSubmissionId: 'one' }, S, 400, 'IDEMPOTENCY_KEY_MISMATCH', { 'Idempotency-Key': 'two' }],
    ['submit: trainer is not a student', 'post', () => `/api/training/scenarios/${scenarioId}/submissions`, { reply: '您好' }, T, 403, 'FORBIDDEN'],

    ['submissions: bad status', 'get', () => '/api/training/submissions?status=done', undefined, S, 400, 'VALIDATION_FAILED'],
    ['submissions: bad scenarioId', 'get', () => '/api/training/submissions?scenarioId=1', undefined, S, 400, 'VALIDATION_FAILED'],
    ['submissions: bad studentId', 'get', () => '/api/training/submissions?studentId=me', undefined, T, 400, 'VALIDATION_FAILED'],
    ['submissions: huge limit', 'get', () => '/api/training/submissions?limit=100000', undefined, T, 400, 'VALIDATION_FAILED'],
    ['submission: id not a uuid', 'get', () => '/api/training/submissions/42', undefined, S, 400, 'VALIDATION_FAILED'],
    ['submission: unknown id', 'get', () => `/api/training/submissions/${missing}`, undefined, T, 404, 'SUBMISSION_NOT_FOUND'],
    ['results: bad studentId', 'get', () => '/api/training/results?studentId=x', undefined, T, 400, 'VALIDATION_FAILED'],
    ['results: unknown query field', 'get', () => '/api/training/results?all=true', undefined, S, 400, 'VALIDATION_FAILED'],

    ['reviews: unknown queue', 'get', () => '/api/training/reviews?status=done', undefined, T, 400, 'VALIDATION_FAILED'],
    ['reviews: bad scenarioId', 'get', () => '/api/training/reviews?scenarioId=abc', undefined, T, 400, 'VALIDATION_FAILED'],
    ['reviews: student', 'get', () => '/api/training/reviews', undefined, S, 403, 'FORBIDDEN'],
    ['review: id not a uuid', 'post', () => '/api/training/submissions/abc/review', { score: 1, comment: '好' }, T, 400, 'VALIDATION_FAILED'],
    ['review: unknown submission', 'post', () => `/api/training/submissions/${missing}/review`, { score: 1, comment: '好' }, T, 404, 'SUBMISSION_NOT_FOUND'],
    ['review: not graded yet', 'post', () => `/api/training/submissions/${submittedId}/review`, { score: 1, comment: '好' }, T, 409, 'SUBMISSION_NOT_GRADED'],
    ['review: no score', 'post', () => `/api/training/submissions/${gradedId}/review`, { comment: '好' }, T, 400, 'VALIDATION_FAILED'],
    ['review: negative score', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: -1, comment: '好' }, T, 400, 'VALIDATION_FAILED'],
    ['review: fractional score', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 2.5, comment: '好' }, T, 400, 'VALIDATION_FAILED'],
    ['review: score as a string', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: '5', comment: '好' }, T, 400, 'VALIDATION_FAILED'],
    ['review: huge score', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 1e15, comment: '好' }, T, 400, 'VALIDATION_FAILED'],
    ['review: score above the maximum', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 11, comment: '好' }, T, 400, 'REVIEW_SCORE_OUT_OF_RANGE'],
    ['review: no comment', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 5 }, T, 400, 'VALIDATION_FAILED'],
    ['review: blank comment', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 5, comment: '   ' }, T, 400, 'VALIDATION_FAILED'],
    ['review: oversized comment', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 5, comment: huge }, T, 400, 'VALIDATION_FAILED'],
    ['review: passed not a boolean', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 5, comment: '好', passed: 'yes' }, T, 400, 'VALIDATION_FAILED'],
    ['review: unknown field', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 5, comment: '好', reviewerId: missing }, T, 400, 'VALIDATION_FAILED'],
    ['review: student', 'post', () => `/api/training/submissions/${gradedId}/review`, { score: 5, comment: '好' }, S, 403, 'FORBIDDEN'],
  ];

  it.each(cases)('%s', (...c: BadInputCase) => expectRefused(t, c));

  it('answers malformed JSON on a submission with 400 MALFORMED_BODY', async () => {
    const res = await t
      .http()
      .post(`/api/training/scenarios/${scenarioId}/submissions`)
      .set('Authorization', `Bearer ${student.token}`)
      .set('Content-Type', 'application/json')
      .send('{"reply": "您好",');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_BODY');
  });

  it('changed nothing while refusing: the submission under review is still as graded', async () => {
    const res = await t.http().get(`/api/training/submissions/${gradedId}`).set('Authorization', `Bearer ${trainer.token}`).expect(200);
    expect(res.body).toMatchObject({ status: 'graded', score: 10, passed: true, reviews: [] });
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM drill_submission WHERE student_id = $1`, [student.id]);
    expect(n).toBe(2);
  });
});
