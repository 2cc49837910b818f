import type { Response } from 'supertest';
import {
  addQuestion,
  auth,
  cohortIdOf,
  LEAK_MARKER,
  makeBank,
  makeChoiceBank,
  makeExam,
  makeStudents,
  SAMPLE_QUESTIONS,
  Student,
  stringsIn,
  waitFor,
} from '../support/exam-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const KEY_FIELDS = new Set(['answer', 'correctAnswer', 'explanation', 'rubric', 'detail', 'review', 'phrases', 'correct', 'feedback']);

/** Object keys at any depth, except inside the student's own saved answers. */
function keysOutsideAnswers(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysOutsideAnswers(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (path === '' && k === 'answers' ? [] : [`${path}.${k}`, ...keysOutsideAnswers(v, `${path}.${k}`)]));
}

describe('what students can see and do', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let students: Student[];
  let bankId: string;
  let keyValues: string[];

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await t.login('trainer1');
    admin = await t.login('admin');
    students = await makeStudents(t, admin, 6, 'sec');
    const bank = await makeBank(t, trainer, '安全题库');
    bankId = bank.id;
    for (const body of Object.values(SAMPLE_QUESTIONS)) await addQuestion(t, trainer, bank.id, body);
    // Key values that are not also visible option keys: explanations, accepted blanks, rubric labels and phrases.
    keyValues = Object.values(SAMPLE_QUESTIONS).flatMap((q) => stringsIn(q.answer).concat('explanation' in q ? [q.explanation] : [])).filter((s) => s.includes(LEAK_MARKER));
    expect(keyValues.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(() => t.close());

  /** Every response a student receives during an attempt's life, from the exam list to the graded result. */
  async function lifeOfAnAttempt(student: Student, reviewPolicy: string): Promise<{ responses: Array<Response & { url: string }>; attemptId: string }> {
    const exam = await makeExam(t, trainer, { draw: [{ bankId, count: 6 }], reviewPolicy, shuffle: true, passScore: 0 });
    const responses: Array<Response & { url: string }> = [];
    const as = async (req: Promise<Response> & { url?: string }) => {
      const url = req.url ?? '';
      const res = await req;
      responses.push(Object.assign(res, { url }));
      return res;
    };
    const s = student.token;
    await as(t.http().get('/api/exams').set(auth(s)));
    await as(t.http().get(`/api/exams/${exam.id}`).set(auth(s)));
    const attempt = (await as(t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s)))).body;
    await as(t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s)));
    for (const q of attempt.questions as Array<{ id: string; type: string }>) {
      const answer = q.type === 'single' ? 'B' : q.type === 'multiple' ? ['A'] : q.type === 'true_false' ? true : q.type === 'fill_blank' ? ['8', '下单'] : '您好，非常抱歉';
      await as(t.http().put(`/api/attempts/${attempt.id}/answers/${q.id}`).set(auth(s)).send({ answer, clientSeq: 1 }));
      await as(t.http().put(`/api/attempts/${attempt.id}/answers/${q.id}`).set(auth(s)).send({ answer, clientSeq: 1 }));
    }
    await as(t.http().get(`/api/attempts/${attempt.id}`).set(auth(s)));
    await as(t.http().post(`/api/attempts/${attempt.id}/submit`).set(auth(s)));
    await as(t.http().get(`/api/attempts/${attempt.id}`).set(auth(s)));
    await waitFor('grading', async () => ['needs_review', 'graded'].includes((await t.http().get(`/api/attempts/${attempt.id}`).set(auth(s))).body.status));
    const reviews = (await t.http().get(`/api/reviews?status=pending&examId=${exam.id}`).set(auth(trainer))).body.items;
    for (const r of reviews) await t.http().post(`/api/reviews/${r.id}`).set(auth(trainer)).send({ score: 5, comment: '复核' }).expect(200);
    await waitFor('graded', async () => (await t.http().get(`/api/attempts/${attempt.id}`).set(auth(s))).body.status === 'graded');
    await as(t.http().get(`/api/attempts/${attempt.id}`).set(auth(s)));
    await as(t.http().get(`/api/exams/${exam.id}`).set(auth(s)));
    await as(t.http().post(`/api/attempts/${attempt.id}/submit`).set(auth(s)));
    await as(t.http().put(`/api/attempts/${attempt.id}/answers/${attempt.questions[0].id}`).set(auth(s)).send({ answer: 'A', clientSeq: 9 }));
    return { responses, attemptId: attempt.id };
  }

  it('never sends a student an answer key, explanation or rubric while the review policy forbids it', async () => {
    const { responses } = await lifeOfAnAttempt(students[0], 'never');
    expect(responses.length).toBeGreaterThan(15);
    for (const res of responses) {
      const text = JSON.stringify(res.body);
      for (const value of keyValues) expect({ url: res.url, leaked: text.includes(value) ? value : null }).toEqual({ url: res.url, leaked: null });
      expect(text).not.toContain(LEAK_MARKER);
      const fields = keysOutsideAnswers(res.body).filter((p) => KEY_FIELDS.has(p.split('.').pop() as string));
      expect({ url: res.url, fields }).toEqual({ url: res.url, fields: [] });
    }
    // The graded result itself is shown: the score, not the key.
    const final = responses.find((r) => r.body?.status === 'graded' && r.body?.questions);
    expect(final?.body).toMatchObject({ score: expect.any(Number), passed: true });
  });

  it('shows the keys once the policy allows it (the scan above would have seen them)', async () => {
    const { responses } = await lifeOfAnAttempt(students[1], 'after_graded');
    const beforeGraded = responses.filter((r) => r.body?.status && r.body.status !== 'graded');
    for (const res of beforeGraded) expect(JSON.stringify(res.body)).not.toContain(LEAK_MARKER);
    const graded = responses.filter((r) => r.body?.status === 'graded' && r.body?.questions);
    expect(graded.length).toBeGreaterThan(0);
    const text = JSON.stringify(graded[0].body);
    for (const value of keyValues.filter((v) => v.includes('EXPLAIN') || v.includes('BLANK'))) expect(text).toContain(value);
  });

  it("does not let a student read, answer or submit another student's attempt", async () => {
    const bank = await makeChoiceBank(t, trainer, 2, '他人');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 2 }] });
    const [owner, intruder] = [students[2], students[3]];
    const attempt = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(owner.token)).expect(201)).body;
    const q = attempt.questions[0].id;
    for (const res of [
      await t.http().get(`/api/attempts/${attempt.id}`).set(auth(intruder.token)),
      await t.http().put(`/api/attempts/${attempt.id}/answers/${q}`).set(auth(intruder.token)).send({ answer: 'B', clientSeq: 100 }),
      await t.http().post(`/api/attempts/${attempt.id}/submit`).set(auth(intruder.token)),
    ]) {
      expect([res.status, res.body.code]).toEqual([404, 'ATTEMPT_NOT_FOUND']);
    }
    const mine = (await t.http().get(`/api/attempts/${attempt.id}`).set(auth(owner.token)).expect(200)).body;
    expect([mine.status, mine.answers]).toEqual(['in_progress', {}]);
    // Staff may read it, keys included.
    const staff = (await t.http().get(`/api/attempts/${attempt.id}`).set(auth(trainer)).expect(200)).body;
    expect(staff.review[0].correctAnswer).toBe('A');
  });

  it('refuses an answer to a question that is not in the attempt, and an answer of the wrong shape', async () => {
    const bank = await makeChoiceBank(t, trainer, 4, '范围');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 2 }] });
    const s = students[4];
    const attempt = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s.token)).expect(201)).body;
    const inAttempt = new Set(attempt.questions.map((q: { id: string }) => q.id));
    const all = (await t.http().get(`/api/question-banks/${bank.id}/questions`).set(auth(trainer))).body.items.map((q: { id: string }) => q.id);
    const outside = all.find((id: string) => !inAttempt.has(id));
    const res = await t.http().put(`/api/attempts/${attempt.id}/answers/${outside}`).set(auth(s.token)).send({ answer: 'A', clientSeq: 1 });
    expect([res.status, res.body.code]).toEqual([404, 'QUESTION_NOT_IN_ATTEMPT']);
    const shape = await t.http().put(`/api/attempts/${attempt.id}/answers/${attempt.questions[0].id}`).set(auth(s.token)).send({ answer: ['A', 'B'], clientSeq: 1 });
    expect([shape.status, shape.body.code]).toEqual([400, 'ANSWER_SHAPE_MISMATCH']);
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM attempt_item WHERE attempt_id = $1 AND saved_at IS NOT NULL`, [attempt.id]);
    expect(n).toBe(0);
  });

  it('holds the attempt limit, also against concurrent starts', async () => {
    const bank = await makeChoiceBank(t, trainer, 1, '次数');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], maxAttempts: 2 });
    const s = students[5];
    for (let i = 1; i <= 2; i++) {
      const starts = await Promise.all(Array.from({ length: 5 }, () => t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s.token))));
      const ids = new Set(starts.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(starts.filter((r) => r.status === 201)).toHaveLength(1);
      await t.http().post(`/api/attempts/${[...ids][0]}/submit`).set(auth(s.token)).expect(202);
    }
    const third = await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s.token));
    expect([third.status, third.body.code]).toEqual([409, 'ATTEMPT_LIMIT_REACHED']);
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM attempt WHERE exam_id = $1`, [exam.id]);
    expect(n).toBe(2);
  });

  it('holds the open window by server time', async () => {
    const bank = await makeChoiceBank(t, trainer, 1, '窗口');
    const s = students[5];
    const later = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], opensAt: new Date(Date.now() + 3_600_000).toISOString() });
    const early = await t.http().post(`/api/exams/${later.id}/attempts`).set(auth(s.token));
    expect([early.status, early.body.code]).toEqual([409, 'EXAM_NOT_OPEN']);
    const past = await makeExam(t, trainer, {
      draw: [{ bankId: bank.id, count: 1 }],
      opensAt: new Date(Date.now() - 7_200_000).toISOString(),
      closesAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const late = await t.http().post(`/api/exams/${past.id}/attempts`).set(auth(s.token));
    expect([late.status, late.body.code]).toEqual([409, 'EXAM_CLOSED']);
    // An exam closing before the time limit ends caps the deadline at its close.
    const closing = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], timeLimitMinutes: 60, closesAt: new Date(Date.now() + 600_000).toISOString() });
    const attempt = (await t.http().post(`/api/exams/${closing.id}/attempts`).set(auth(s.token)).expect(201)).body;
    expect(attempt.deadline).toBe(closing.closesAt);
  });

  it('admits only the exam lesson course’s students and the exam’s cohorts', async () => {
    const bank = await makeChoiceBank(t, trainer, 1, '范围');
    const cohortId = await cohortIdOf(t, admin, '队列 sec');
    const outsiders = await makeStudents(t, admin, 1, 'out');
    const forCohort = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], cohortIds: [cohortId] });
    const refused = await t.http().post(`/api/exams/${forCohort.id}/attempts`).set(auth(outsiders[0].token));
    expect([refused.status, refused.body.code]).toEqual([403, 'EXAM_NOT_AVAILABLE']);
    await t.http().get(`/api/exams/${forCohort.id}`).set(auth(outsiders[0].token)).expect(404);
    const visible = (await t.http().get('/api/exams?limit=200').set(auth(outsiders[0].token))).body.items.map((e: { id: string }) => e.id);
    expect(visible).not.toContain(forCohort.id);
    await t.http().post(`/api/exams/${forCohort.id}/attempts`).set(auth(students[5].token)).expect(201);
    // The seeded 入门测试 belongs to the practical course: enrolled demo students only.
    const student1 = await t.login('student1');
    const intro = (await t.http().get('/api/exams?limit=200').set(auth(student1))).body.items.find((e: { title: string }) => e.title === '入门测试');
    expect(intro.lessonId).toBeTruthy();
    const notEnrolled = await t.http().post(`/api/exams/${intro.id}/attempts`).set(auth(outsiders[0].token));
    expect([notEnrolled.status, notEnrolled.body.code]).toEqual([403, 'EXAM_NOT_AVAILABLE']);
  });
});
