import { addQuestion, auth, makeBank, makeChoiceBank, makeExam, makeStudents, SAMPLE_QUESTIONS, Student, waitFor } from '../support/exam-fixtures';
import { startTestApp, TestApp } from '../support/test-app';


/** The life of an exam attempt through the API, with the worker grading in the same process. */
describe('taking an exam', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let students: Student[];

  beforeAll(async () => {
    t = await startTestApp({ env: { ATTEMPT_SWEEP_INTERVAL_MS: '200', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    trainer = await t.login('trainer1');
    admin = await t.login('admin');
    students = await makeStudents(t, admin, 4, 'flow');
  });
  afterAll(() => t.close());

  const get = (path: string, token: string) => t.http().get(path).set(auth(token));
  const post = (path: string, token: string, body?: object) => t.http().post(path).set(auth(token)).send(body);
  const put = (path: string, token: string, body: object) => t.http().put(path).set(auth(token)).send(body);

  it('freezes the draw, order and deadline at the start, resumes with saved answers, and grades once after submit', async () => {
    const bank = await makeBank(t, trainer, '流程题库');
    const ids: Record<string, string> = {};
    for (const [type, body] of Object.entries(SAMPLE_QUESTIONS)) if (type !== 'scenario') ids[type] = (await addQuestion(t, trainer, bank.id, body)).id;
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 5 }], shuffle: true, passScore: 50, reviewPolicy: 'after_graded' });
    const [s] = students;

    const started = await post(`/api/exams/${exam.id}/attempts`, s.token).expect(201);
    const attempt = started.body;
    expect(attempt).toMatchObject({ examId: exam.id, status: 'in_progress', attemptNo: 1, answers: {} });
    expect(attempt.questions).toHaveLength(5);
    const deadline = new Date(attempt.deadline).getTime();
    expect(deadline - new Date(attempt.startedAt).getTime()).toBe(30 * 60_000);

    const byType = Object.fromEntries(attempt.questions.map((q: { type: string; id: string }) => [q.type, q.id]));
    expect(byType.fill_blank).toBe(ids.fill_blank);
    expect(attempt.questions.find((q: { type: string }) => q.type === 'fill_blank').blanks).toBe(2);
    const answers: Array<[string, unknown]> = [
      [ids.single, 'A'],
      [ids.multiple, ['A', 'B']],
      [ids.true_false, false],
      [ids.fill_blank, ['７', '签收']],
      [ids.short_answer, '先安抚情绪，再给出解决方案'],
    ];
    for (const [qid, answer] of answers) {
      const res = await put(`/api/attempts/${attempt.id}/answers/${qid}`, s.token, { answer, clientSeq: 1 }).expect(200);
      expect(res.body).toMatchObject({ questionId: qid, applied: true, clientSeq: 1 });
    }

    // A reload resumes the same attempt, same order, with the saved answers.
    const resumed = await post(`/api/exams/${exam.id}/attempts`, s.token).expect(200);
    expect(resumed.body.id).toBe(attempt.id);
    expect(resumed.body.questions).toEqual(attempt.questions);
    expect(resumed.body.deadline).toBe(attempt.deadline);
    expect(resumed.body.answers[ids.multiple]).toMatchObject({ answer: ['A', 'B'], clientSeq: 1 });
    const read = await get(`/api/attempts/${attempt.id}`, s.token).expect(200);
    expect(read.body.answers).toEqual(resumed.body.answers);

    const submitted = await post(`/api/attempts/${attempt.id}/submit`, s.token).expect(202);
    expect(submitted.body).toMatchObject({ id: attempt.id, status: 'submitted' });
    const graded = await waitFor('grading', async () => {
      const r = await get(`/api/attempts/${attempt.id}`, s.token);
      return r.body.status === 'graded' ? r.body : undefined;
    });
    // 2 + floor(3 × (2 − 0) / 3) + 1 + 2 + 10 = 17 of 18
    expect(graded).toMatchObject({ score: 17, maxScore: 18, passed: true, percent: 94.44 });
    expect(graded.review.find((r: { questionId: string }) => r.questionId === ids.multiple)).toMatchObject({ score: 2, correctAnswer: ['A', 'B', 'D'] });
    const runs = await t.ds.query(`SELECT kind FROM grading_run WHERE attempt_id = $1`, [attempt.id]);
    expect(runs).toEqual([{ kind: 'auto' }]);
  });

  it('keeps the newest answer by client sequence number and treats a repeated write as done', async () => {
    const bank = await makeChoiceBank(t, trainer, 2, '顺序');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 2 }] });
    const s = students[1];
    const attempt = (await post(`/api/exams/${exam.id}/attempts`, s.token).expect(201)).body;
    const q = attempt.questions[0].id;
    const url = `/api/attempts/${attempt.id}/answers/${q}`;
    await put(url, s.token, { answer: 'B', clientSeq: 5 }).expect(200);
    const older = await put(url, s.token, { answer: 'C', clientSeq: 3 }).expect(200);
    expect(older.body).toMatchObject({ applied: false, clientSeq: 5 });
    const again = await put(url, s.token, { answer: 'B', clientSeq: 5 }).expect(200);
    expect(again.body).toMatchObject({ applied: false, clientSeq: 5 });
    // Concurrent writes out of order: the highest sequence number wins whatever the arrival order.
    await Promise.all([9, 7, 8, 6].map((seq) => put(url, s.token, { answer: String.fromCharCode(60 + seq), clientSeq: seq })));
    const view = (await get(`/api/attempts/${attempt.id}`, s.token).expect(200)).body;
    expect(view.answers[q]).toMatchObject({ answer: 'E', clientSeq: 9 });
    await put(url, s.token, { answer: null, clientSeq: 10 }).expect(200);
    expect((await get(`/api/attempts/${attempt.id}`, s.token)).body.answers[q]).toMatchObject({ answer: null, clientSeq: 10 });
  });

  it('refuses answers after submission and after the deadline with 409 and a code', async () => {
    const bank = await makeChoiceBank(t, trainer, 1, '截止');
    const s = students[2];
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], timeLimitMinutes: undefined, timeLimitSeconds: 2 });
    const attempt = (await post(`/api/exams/${exam.id}/attempts`, s.token).expect(201)).body;
    const url = `/api/attempts/${attempt.id}/answers/${attempt.questions[0].id}`;
    await put(url, s.token, { answer: 'A', clientSeq: 1 }).expect(200);
    await new Promise((r) => setTimeout(r, Math.max(0, new Date(attempt.deadline).getTime() - Date.now() + 50)));
    const late = await put(url, s.token, { answer: 'B', clientSeq: 2 });
    expect([late.status, late.body.code]).toEqual([409, expect.stringMatching(/^ATTEMPT_(DEADLINE_PASSED|ALREADY_SUBMITTED)$/)]);
    // The delayed job submits it at the deadline, and it is graded with the answer saved in time.
    const graded = await waitFor('auto-submit', async () => {
      const r = await get(`/api/attempts/${attempt.id}`, s.token);
      return r.body.status === 'graded' ? r.body : undefined;
    });
    expect(graded).toMatchObject({ score: 2, submittedBy: expect.stringMatching(/^(deadline|sweep)$/) });
    const after = await put(url, s.token, { answer: 'B', clientSeq: 3 });
    expect([after.status, after.body.code]).toEqual([409, 'ATTEMPT_ALREADY_SUBMITTED']);
  });

  it('answers every repeated submit with 202 and grades once', async () => {
    const bank = await makeChoiceBank(t, trainer, 3, '重复');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 3 }] });
    const s = students[3];
    const attempt = (await post(`/api/exams/${exam.id}/attempts`, s.token).expect(201)).body;
    const first = await post(`/api/attempts/${attempt.id}/submit`, s.token).expect(202);
    expect(first.body.status).toBe('submitted');
    await waitFor('grading', async () => (await get(`/api/attempts/${attempt.id}`, s.token)).body.status === 'graded');
    const again = await post(`/api/attempts/${attempt.id}/submit`, s.token).expect(202);
    expect(again.body).toMatchObject({ id: attempt.id, status: 'graded' });
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM grading_run WHERE attempt_id = $1`, [attempt.id]);
    expect(n).toBe(1);
  });
});
