import { addQuestion, auth, makeBank, makeChoiceBank, makeExam, makeStudents, SAMPLE_QUESTIONS, type Student, waitFor } from '../support/exam-fixtures';
import { type Account, makeAccount } from '../support/staff';
import { startTestApp, TestApp } from '../support/test-app';

describe('question banks belong to their owner', () => {
  let t: TestApp;
  let admin: string;
  let owner: Account;
  let other: Account;
  let students: Student[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    owner = await makeAccount(t, admin, 'trainer', 'bank-owner');
    other = await makeAccount(t, admin, 'trainer', 'bank-other');
    students = await makeStudents(t, admin, 2, 'bko');
  });
  afterAll(() => t.close());

  const expectCode = (res: { status: number; body: { code?: string } }, status: number, code: string) => expect([res.status, res.body.code]).toEqual([status, code]);

  it('keeps a private bank, its questions and keys from another trainer, and refuses to draw an exam from it', async () => {
    const bank = await makeBank(t, owner.token, '私有题库');
    const q = await addQuestion(t, owner.token, bank.id, SAMPLE_QUESTIONS.single);
    const created = (await t.http().get(`/api/question-banks/${bank.id}`).set(auth(owner.token)).expect(200)).body;
    expect(created).toMatchObject({ ownerId: owner.id, shared: false, questionCount: 1 });

    expectCode(await t.http().get(`/api/question-banks/${bank.id}`).set(auth(other.token)), 403, 'BANK_PRIVATE');
    expectCode(await t.http().get(`/api/question-banks/${bank.id}/questions`).set(auth(other.token)), 403, 'BANK_PRIVATE');
    expectCode(await t.http().get(`/api/questions/${q.id}`).set(auth(other.token)), 403, 'BANK_PRIVATE');
    expectCode(await t.http().get(`/api/questions/${q.id}/answer-key-corrections`).set(auth(other.token)), 403, 'BANK_PRIVATE');
    const list = (await t.http().get('/api/question-banks?limit=100').set(auth(other.token)).expect(200)).body.items as Array<{ id: string }>;
    expect(list.map((b) => b.id)).not.toContain(bank.id);
    const exam = await t.http().post('/api/exams').set(auth(other.token)).send({ title: '借题考试', timeLimitMinutes: 10, passScore: 60, draw: [{ bankId: bank.id, count: 1 }] });
    expectCode(exam, 403, 'BANK_PRIVATE');

    // The owner and admins read it and draw from it.
    const adminList = (await t.http().get('/api/question-banks?limit=100').set(auth(admin)).expect(200)).body.items as Array<{ id: string }>;
    expect(adminList.map((b) => b.id)).toContain(bank.id);
    await t.http().get(`/api/questions/${q.id}`).set(auth(admin)).expect(200);
    await makeExam(t, owner.token, { draw: [{ bankId: bank.id, count: 1 }] });
    await makeExam(t, admin, { draw: [{ bankId: bank.id, count: 1 }] });
  });

  it('refuses every write to a bank from another trainer, shared or not', async () => {
    const bank = await makeBank(t, owner.token, '共享前后题库');
    const q = await addQuestion(t, owner.token, bank.id, SAMPLE_QUESTIONS.single);
    const writes = () => [
      t.http().post(`/api/question-banks/${bank.id}/questions`).set(auth(other.token)).send(SAMPLE_QUESTIONS.true_false),
      t.http().post(`/api/question-banks/${bank.id}/import`).set(auth(other.token)).send([SAMPLE_QUESTIONS.true_false]),
      t.http().patch(`/api/questions/${q.id}`).set(auth(other.token)).send({ stem: '被改过的题干' }),
      t.http().patch(`/api/question-banks/${bank.id}`).set(auth(other.token)).send({ shared: true }),
      t.http().post(`/api/questions/${q.id}/answer-key-corrections`).set(auth(other.token)).send({ answer: 'B', reason: '越权更正' }),
    ];
    for (const res of await Promise.all(writes())) expectCode(res, 403, 'NOT_BANK_OWNER');

    const shared = await t.http().patch(`/api/question-banks/${bank.id}`).set(auth(owner.token)).send({ shared: true, title: '共享题库' }).expect(200);
    expect(shared.body).toMatchObject({ shared: true, title: '共享题库', ownerId: owner.id });
    // Shared: another trainer reads it and draws from it, and still may not change it.
    await t.http().get(`/api/question-banks/${bank.id}/questions`).set(auth(other.token)).expect(200);
    await makeExam(t, other.token, { draw: [{ bankId: bank.id, count: 1 }] });
    for (const res of await Promise.all(writes())) expectCode(res, 403, 'NOT_BANK_OWNER');
    const after = (await t.http().get(`/api/questions/${q.id}`).set(auth(owner.token)).expect(200)).body;
    expect(after).toMatchObject({ version: 1, keyRevision: 1, answer: 'A', stem: SAMPLE_QUESTIONS.single.stem });

    // An admin may change anyone's bank.
    await t.http().patch(`/api/question-banks/${bank.id}`).set(auth(admin)).send({ shared: false }).expect(200);
    expectCode(await t.http().get(`/api/question-banks/${bank.id}`).set(auth(other.token)), 403, 'BANK_PRIVATE');
    await t.http().post(`/api/question-banks/${bank.id}/questions`).set(auth(admin)).send(SAMPLE_QUESTIONS.true_false).expect(201);
  });

  it("does not let another trainer correct a key and regrade the owner's attempts; the owner's correction regrades them", async () => {
    const bank = await makeChoiceBank(t, owner.token, 11, '十一题');
    await t.http().patch(`/api/question-banks/${bank.id}`).set(auth(owner.token)).send({ shared: true }).expect(200);
    const exam = await makeExam(t, owner.token, { draw: [{ bankId: bank.id, count: 11 }], passScore: 50 });
    const s = students[0];
    const attempt = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s.token)).expect(201)).body;
    for (const q of attempt.questions) {
      await t.http().put(`/api/attempts/${attempt.id}/answers/${q.id}`).set(auth(s.token)).send({ answer: 'A', clientSeq: 1 }).expect(200);
    }
    await t.http().post(`/api/attempts/${attempt.id}/submit`).set(auth(s.token)).expect(202);
    const graded = await waitFor('grading', async () => {
      const a = (await t.http().get(`/api/attempts/${attempt.id}`).set(auth(s.token))).body;
      return a.status === 'graded' ? a : undefined;
    });
    expect(graded).toMatchObject({ score: 22, passed: true });

    // Another trainer reads the shared bank but cannot correct its keys: nothing is regraded.
    const questionIds: string[] = attempt.questions.map((q: { id: string }) => q.id);
    for (const id of questionIds.slice(0, 10)) {
      expectCode(await t.http().post(`/api/questions/${id}/answer-key-corrections`).set(auth(other.token)).send({ answer: 'B', reason: '故意改错' }), 403, 'NOT_BANK_OWNER');
    }
    expect(await t.ds.query(`SELECT 1 FROM answer_key_correction c JOIN question_version v ON v.id = c.question_version_id JOIN question q ON q.id = v.question_id WHERE q.bank_id = $1`, [bank.id])).toEqual([]);
    expect((await t.http().get(`/api/attempts/${attempt.id}`).set(auth(s.token)).expect(200)).body).toMatchObject({ score: 22, passed: true });

    // The owner's correction is recorded and regrades the attempt with the new key.
    const corrected = await t.http().post(`/api/questions/${questionIds[0]}/answer-key-corrections`).set(auth(owner.token)).send({ answer: 'B', reason: '原答案误标' }).expect(201);
    expect(corrected.body).toMatchObject({ affectedAttempts: 1 });
    const regraded = await waitFor('regrade', async () => {
      const a = (await t.http().get(`/api/attempts/${attempt.id}`).set(auth(s.token))).body;
      return a.score === 20 ? a : undefined;
    });
    expect(regraded).toMatchObject({ score: 20, passed: true });
  });

  it('shares the seeded banks with all staff, who may write to them', async () => {
    const banks = (await t.http().get('/api/question-banks?limit=100').set(auth(other.token)).expect(200)).body.items as Array<{ id: string; code: string | null; ownerId: string | null; shared: boolean }>;
    const seeded = banks.filter((b) => b.code !== null && b.ownerId === null);
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.every((b) => b.shared)).toBe(true);
    const stem = `种子题库里新加的题 ${Date.now()}`;
    await t.http().post(`/api/question-banks/${seeded[0].id}/questions`).set(auth(other.token)).send({ ...SAMPLE_QUESTIONS.true_false, stem }).expect(201);
    await t.http().post(`/api/question-banks/${seeded[0].id}/questions`).set(auth(owner.token)).send({ ...SAMPLE_QUESTIONS.true_false, stem: `${stem}（二）` }).expect(201);
  });

  it('lets a trainer create a shared bank at once, and keeps students out of every bank route', async () => {
    const res = await t.http().post('/api/question-banks').set(auth(owner.token)).send({ title: '一开始就共享', shared: true }).expect(201);
    expect(res.body).toMatchObject({ shared: true, ownerId: owner.id });
    await t.http().get(`/api/question-banks/${res.body.id}`).set(auth(other.token)).expect(200);
    const student = students[1].token;
    expect((await t.http().get(`/api/question-banks/${res.body.id}`).set(auth(student))).status).toBe(403);
    expect((await t.http().patch(`/api/question-banks/${res.body.id}`).set(auth(student)).send({ shared: false })).status).toBe(403);
    expect((await t.http().patch(`/api/question-banks/${res.body.id}`).send({ shared: false })).status).toBe(401);
  });
});
