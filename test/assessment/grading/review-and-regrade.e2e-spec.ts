import { addQuestion, auth, makeBank, makeChoiceBank, makeExam, makeStudents, SAMPLE_QUESTIONS, Student, waitFor } from '../../support/exam-fixtures';
import { AttemptGradingService } from '../../../src/assessment/grading/attempt-grading.service';
import { GradingRepository } from '../../../src/assessment/grading/grading.repository';
import { startTestApp, TestApp } from '../../support/test-app';

interface AttemptBody {
  id: string;
  status: string;
  score?: number;
  passed?: boolean;
  questions: Array<{ id: string; type: string }>;
  review?: Array<{ questionId: string; correctAnswer: unknown }>;
}

describe('grading: trainer review, answer-key corrections, exam lesson hours', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let students: Student[];

  beforeAll(async () => {
    t = await startTestApp({ env: { GRADING_STUCK_AFTER_MS: '500', ATTEMPT_SWEEP_INTERVAL_MS: '300' } });
    trainer = await t.login('trainer1');
    admin = await t.login('admin');
    students = await makeStudents(t, admin, 4, 'rev');
  });
  afterAll(() => t.close());

  const attemptOf = async (id: string, token: string): Promise<AttemptBody> => (await t.http().get(`/api/attempts/${id}`).set(auth(token)).expect(200)).body;
  const settled = (id: string, token: string, statuses = ['graded', 'needs_review']) =>
    waitFor(`attempt ${id} to be ${statuses.join(' or ')}`, async () => {
      const a = await attemptOf(id, token);
      return statuses.includes(a.status) ? a : undefined;
    });

  /** Starts, answers (each question by `answer(question, key)`, keys read through the trainer's view) and submits. */
  async function sit(examId: string, token: string, answer: (q: { id: string; type: string }, key: unknown) => unknown): Promise<AttemptBody> {
    const attempt = (await t.http().post(`/api/exams/${examId}/attempts`).set(auth(token)).expect(201)).body as AttemptBody;
    const keys = new Map((await attemptOf(attempt.id, trainer)).review?.map((r) => [r.questionId, r.correctAnswer]));
    for (const q of attempt.questions) {
      const key = keys.get(q.id);
      await t.http().put(`/api/attempts/${attempt.id}/answers/${q.id}`).set(auth(token)).send({ answer: answer(q, key), clientSeq: 1 }).expect(200);
    }
    await t.http().post(`/api/attempts/${attempt.id}/submit`).set(auth(token)).expect(202);
    return attempt;
  }

  const rightAnswer = (q: { type: string }, key: unknown) =>
    q.type === 'fill_blank' ? (key as string[][]).map((alts) => alts[0]) : q.type === 'short_answer' || q.type === 'scenario' ? '' : key;

  it('leaves a rubric answer for review, lists it for trainers, and grades the attempt when the review is done', async () => {
    const bank = await makeBank(t, trainer, '复核题库');
    await addQuestion(t, trainer, bank.id, SAMPLE_QUESTIONS.single);
    await addQuestion(t, trainer, bank.id, SAMPLE_QUESTIONS.scenario);
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 2 }], passScore: 50 });
    const s = students[0];
    const attempt = await sit(exam.id, s.token, (q, key) => (q.type === 'scenario' ? '非常抱歉，理解您的心情，鞋子不影响二次销售就可以退' : key));
    const waiting = await settled(attempt.id, s.token);
    expect(waiting.status).toBe('needs_review');
    expect(waiting).not.toHaveProperty('score');

    const pending = (await t.http().get(`/api/reviews?status=pending&examId=${exam.id}`).set(auth(trainer)).expect(200)).body;
    expect(pending.total).toBe(1);
    const review = pending.items[0];
    expect(review).toMatchObject({ status: 'pending', attemptId: attempt.id, type: 'scenario', autoScore: 20, maxScore: 20, answer: expect.stringContaining('抱歉') });
    expect(review.rubric.points).toHaveLength(2);
    expect(review.rubricResult.points.every((p: { found: boolean }) => p.found)).toBe(true);

    const tooHigh = await t.http().post(`/api/reviews/${review.id}`).set(auth(trainer)).send({ score: 21 });
    expect([tooHigh.status, tooHigh.body.code]).toEqual([400, 'REVIEW_SCORE_OUT_OF_RANGE']);
    const done = await t.http().post(`/api/reviews/${review.id}`).set(auth(trainer)).send({ score: 15, comment: '没有说明申请售后的路径' }).expect(200);
    expect(done.body).toMatchObject({ status: 'done', score: 15, comment: '没有说明申请售后的路径', attemptStatus: 'graded' });
    expect(await attemptOf(attempt.id, s.token)).toMatchObject({ status: 'graded', score: 17, maxScore: 22, passed: true });
    const again = await t.http().post(`/api/reviews/${review.id}`).set(auth(trainer)).send({ score: 1 });
    expect([again.status, again.body.code]).toEqual([409, 'REVIEW_ALREADY_DONE']);
    const runs = await t.ds.query(`SELECT kind, status, score FROM grading_run WHERE attempt_id = $1 ORDER BY created_at`, [attempt.id]);
    expect(runs).toEqual([
      { kind: 'auto', status: 'needs_review', score: 22 },
      { kind: 'review', status: 'graded', score: 17 },
    ]);
    const doneList = (await t.http().get(`/api/reviews?status=done&examId=${exam.id}`).set(auth(trainer)).expect(200)).body;
    expect(doneList.items.map((r: { id: string }) => r.id)).toEqual([review.id]);
  });

  it('sends every rubric answer to review when the exam asks for it', async () => {
    const bank = await makeBank(t, trainer, '简答题库');
    await addQuestion(t, trainer, bank.id, SAMPLE_QUESTIONS.short_answer);
    const plain = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }] });
    const reviewed = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], reviewRubrics: true });
    const reply = () => '先安抚顾客，再给出解决方案';
    const a = await sit(plain.id, students[1].token, reply);
    const b = await sit(reviewed.id, students[1].token, reply);
    expect((await settled(a.id, students[1].token)).status).toBe('graded');
    expect((await settled(b.id, students[1].token)).status).toBe('needs_review');
  });

  it('credits an exam lesson’s hours once, in the grading transaction, however often the student passes', async () => {
    const student1 = await t.login('student1');
    const intro = (await t.http().get('/api/exams?limit=200').set(auth(student1)).expect(200)).body.items.find((e: { title: string }) => e.title === '入门测试');
    const first = await sit(intro.id, student1, rightAnswer);
    expect(await settled(first.id, student1)).toMatchObject({ status: 'graded', passed: true });
    const second = await sit(intro.id, student1, rightAnswer);
    expect(await settled(second.id, student1)).toMatchObject({ status: 'graded', passed: true });
    const entries = await t.ds.query(
      `SELECT h.minutes, h.source, h.reference_type, h.reference_id FROM hour_entry h JOIN app_user u ON u.id = h.student_id WHERE u.username = 'student1'`,
    );
    expect(entries).toEqual([{ minutes: 80, source: 'exam_pass', reference_type: 'lesson', reference_id: intro.lessonId }]);
    const transcript = (await t.http().get('/api/me/transcript').set(auth(student1)).expect(200)).body;
    expect(transcript.systems.find((x: { code: string }) => x.code === 'practical').creditedMinutes).toBe(80);
    // Hours and grade were written together: the grading that passed holds the ledger entry's time.
    const [{ together }] = await t.ds.query(
      `SELECT (SELECT h.created_at FROM hour_entry h JOIN app_user u ON u.id = h.student_id WHERE u.username = 'student1') = a.graded_at AS together
         FROM attempt a WHERE a.id = $1`,
      [first.id],
    );
    expect(together).toBe(true);
  });

  it('changes nothing when an attempt is graded, or regraded for the same correction, a second time', async () => {
    const bank = await makeChoiceBank(t, trainer, 2, '两次');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 2 }] });
    const s = students[2];
    const attempt = await sit(exam.id, s.token, () => 'A');
    await settled(attempt.id, s.token);
    const snapshot = () =>
      t.ds.query(
        `SELECT a.status, a.score, a.graded_at, (SELECT json_agg(json_build_object('q', question_id, 's', score) ORDER BY question_id) FROM attempt_item WHERE attempt_id = a.id) AS items,
                (SELECT COUNT(*)::int FROM grading_run WHERE attempt_id = a.id) AS runs
           FROM attempt a WHERE a.id = $1`,
        [attempt.id],
      );
    const before = await snapshot();
    const grading = t.app.get(AttemptGradingService);
    expect(await grading.grade(attempt.id)).toBe('skipped');
    expect(await snapshot()).toEqual(before);

    const q = attempt.questions[0].id;
    const correction = (await t.http().post(`/api/questions/${q}/answer-key-corrections`).set(auth(trainer)).send({ answer: 'B', reason: '测试重复' }).expect(201)).body;
    await waitFor('regrade', async () => (await t.ds.query(`SELECT 1 FROM attempt_regrade WHERE correction_id = $1`, [correction.id])).length === 1);
    const after = await snapshot();
    expect(await grading.regrade(attempt.id, correction.id)).toBe('skipped');
    expect(await snapshot()).toEqual(after);
  });

  it('does not write a first grading computed before a key correction (it is graded again with the new key)', async () => {
    const bank = await makeChoiceBank(t, trainer, 1, '竞态');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }] });
    const s = students[1];
    const attempt = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s.token)).expect(201)).body;
    const q = attempt.questions[0].id;
    await t.http().put(`/api/attempts/${attempt.id}/answers/${q}`).set(auth(s.token)).send({ answer: 'B', clientSeq: 1 }).expect(200);
    // Submitted by hand (no grading job), read as the worker reads it, then the key changes.
    await t.ds.query(`UPDATE attempt SET status = 'submitted', submitted_at = now(), submitted_by = 'student' WHERE id = $1`, [attempt.id]);
    const repo = t.app.get(GradingRepository);
    const grading = t.app.get(AttemptGradingService);
    const read = (await repo.readForGrading(attempt.id))!;
    const stale = grading.evaluate(read.attempt, read.items);
    expect(stale.score).toBe(0);
    await t.http().post(`/api/questions/${q}/answer-key-corrections`).set(auth(trainer)).send({ answer: 'B', reason: '竞态测试' }).expect(201);
    expect(await repo.writeFirstGrading(attempt.id, read.keyEpoch, stale.items, new Map(), stale)).toBe(false);
    expect(await grading.grade(attempt.id)).toBe('graded');
    expect((await attemptOf(attempt.id, s.token)).score).toBe(2);
  });

  it('regrades the attempts holding a corrected key through the queue, records the change, and keeps hours in step', async () => {
    const bank = await makeChoiceBank(t, trainer, 3, '更正');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 3 }], passScore: 50 });
    const [right, wrong] = [students[2], students[3]];
    const a = await sit(exam.id, right.token, () => 'A');
    const b = await sit(exam.id, wrong.token, () => 'B');
    expect(await settled(a.id, right.token)).toMatchObject({ score: 6, passed: true });
    expect(await settled(b.id, wrong.token)).toMatchObject({ score: 0, passed: false });

    const q = a.questions[0].id;
    const bad = await t.http().post(`/api/questions/${q}/answer-key-corrections`).set(auth(trainer)).send({ answer: 'Z', reason: '更正' });
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_ANSWER_KEY']);
    const same = await t.http().post(`/api/questions/${q}/answer-key-corrections`).set(auth(trainer)).send({ answer: 'A', reason: '更正' });
    expect([same.status, same.body.code]).toEqual([409, 'ANSWER_KEY_UNCHANGED']);
    const corrected = await t.http().post(`/api/questions/${q}/answer-key-corrections`).set(auth(trainer)).send({ version: 1, answer: 'B', reason: '原答案误标为 A，应为 B' }).expect(201);
    expect(corrected.body).toMatchObject({ keyRevision: 2, previousAnswer: 'A', answer: 'B', affectedAttempts: 2 });

    const progress = await waitFor('regrades', async () => {
      const list = (await t.http().get(`/api/questions/${q}/answer-key-corrections`).set(auth(trainer)).expect(200)).body.items;
      return list[0].regraded === 2 ? list[0] : undefined;
    });
    expect(progress).toMatchObject({ regraded: 2, changed: 2, reason: '原答案误标为 A，应为 B' });
    expect(await attemptOf(a.id, right.token)).toMatchObject({ score: 4, passed: true });
    expect(await attemptOf(b.id, wrong.token)).toMatchObject({ score: 2, passed: false });
    const regrades = await t.ds.query(`SELECT previous_score, score FROM attempt_regrade WHERE correction_id = $1 ORDER BY previous_score`, [corrected.body.id]);
    expect(regrades).toEqual([
      { previous_score: 0, score: 2 },
      { previous_score: 6, score: 4 },
    ]);
    const question = (await t.http().get(`/api/questions/${q}`).set(auth(trainer)).expect(200)).body;
    expect(question).toMatchObject({ version: 1, keyRevision: 2, answer: 'B' });
  });

  it('reverses and restores an exam lesson’s hours when corrections flip the result', async () => {
    const student2 = await t.login('student2');
    const course = (await t.http().get('/api/courses?system=practical').set(auth(student2)).expect(200)).body.items[0];
    const detail = (await t.http().get(`/api/courses/${course.id}`).set(auth(student2)).expect(200)).body;
    const lesson = detail.modules[4].lessons[0];
    expect(lesson).toMatchObject({ title: '考试', mode: 'exam', creditMinutes: 60 });
    const bank = await makeChoiceBank(t, trainer, 1, '学时');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], passScore: 100, lessonId: lesson.id });
    const attempt = await sit(exam.id, student2, () => 'A');
    expect(await settled(attempt.id, student2)).toMatchObject({ passed: true });
    const q = attempt.questions[0].id;
    const net = async () =>
      (
        await t.ds.query(
          `SELECT COALESCE(SUM(minutes), 0)::int AS m, COUNT(*)::int AS n FROM hour_entry WHERE source = 'exam_pass' AND reference_type = 'lesson' AND reference_id = $1`,
          [lesson.id],
        )
      )[0];
    expect(await net()).toEqual({ m: 60, n: 1 });

    await t.http().post(`/api/questions/${q}/answer-key-corrections`).set(auth(trainer)).send({ answer: 'B', reason: '误标' }).expect(201);
    await waitFor('revocation', async () => (await net()).m === 0);
    expect(await attemptOf(attempt.id, student2)).toMatchObject({ passed: false });
    await t.http().post(`/api/questions/${q}/answer-key-corrections`).set(auth(trainer)).send({ answer: 'A', reason: '改回' }).expect(201);
    await waitFor('credit again', async () => (await net()).m === 60);
    expect(await net()).toEqual({ m: 60, n: 3 });
  });
});
