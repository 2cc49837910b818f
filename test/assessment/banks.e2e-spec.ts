import { addQuestion, auth, makeBank, makeExam, makeStudents, SAMPLE_QUESTIONS } from '../support/exam-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('question banks', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await t.login('trainer1');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('stores every question type with tags and difficulty and shows trainers the key', async () => {
    const bank = await makeBank(t, trainer, '全题型');
    for (const body of Object.values(SAMPLE_QUESTIONS)) {
      const q = await addQuestion(t, trainer, bank.id, body);
      expect(q).toMatchObject({ bankId: bank.id, version: 1, type: body.type, answer: body.answer, tags: body.tags, points: body.points });
    }
    const list = await t.http().get(`/api/question-banks/${bank.id}/questions?tag=基本行为`).set(auth(trainer)).expect(200);
    expect(list.body.items.map((q: { type: string }) => q.type).sort()).toEqual(['multiple', 'true_false']);
    const one = await t.http().get(`/api/question-banks/${bank.id}`).set(auth(trainer)).expect(200);
    expect(one.body).toMatchObject({ title: '全题型', questionCount: 6 });
  });

  it('refuses a question whose key does not fit its type and options, naming the problem', async () => {
    const bank = await makeBank(t, trainer);
    const bad = await t.http().post(`/api/question-banks/${bank.id}/questions`).set(auth(trainer)).send({ ...SAMPLE_QUESTIONS.single, answer: 'E' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_QUESTION' });
    expect(bad.body.problems.join()).toContain('"E" is not one of the options');
    const rubric = await t.http().post(`/api/question-banks/${bank.id}/questions`).set(auth(trainer)).send({ ...SAMPLE_QUESTIONS.scenario, answer: { points: [], passScore: 1 } });
    expect([rubric.status, rubric.body.code]).toEqual([400, 'INVALID_QUESTION']);
  });

  it('makes a new version on edit, and an attempt started before keeps the version it was given', async () => {
    const bank = await makeBank(t, trainer, '版本');
    const q = await addQuestion(t, trainer, bank.id, SAMPLE_QUESTIONS.single);
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }] });
    const [student] = await makeStudents(t, admin, 2, 'ver');
    const before = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(student.token)).expect(201)).body;

    const edited = await t.http().patch(`/api/questions/${q.id}`).set(auth(trainer)).send({ stem: '修改后的题干', answer: 'B' }).expect(200);
    expect(edited.body).toMatchObject({ id: q.id, version: 2, stem: '修改后的题干', answer: 'B' });
    const unchanged = await t.http().patch(`/api/questions/${q.id}`).set(auth(trainer)).send({ stem: '修改后的题干' }).expect(200);
    expect(unchanged.body.version).toBe(2);
    const history = await t.http().get(`/api/questions/${q.id}`).set(auth(trainer)).expect(200);
    expect(history.body.versions.map((v: { version: number; answer: string }) => [v.version, v.answer])).toEqual([
      [2, 'B'],
      [1, 'A'],
    ]);

    const again = (await t.http().get(`/api/attempts/${before.id}`).set(auth(student.token)).expect(200)).body;
    expect(again.questions[0].stem).toBe(SAMPLE_QUESTIONS.single.stem);
    await t.http().put(`/api/attempts/${before.id}/answers/${q.id}`).set(auth(student.token)).send({ answer: 'A', clientSeq: 1 }).expect(200);
    await t.http().post(`/api/attempts/${before.id}/submit`).set(auth(student.token)).expect(202);

    const [later] = await makeStudents(t, admin, 1, 'ver2');
    const after = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(later.token)).expect(201)).body;
    expect(after.questions[0].stem).toBe('修改后的题干');
    const versions = await t.ds.query(
      `SELECT a.id, v.version FROM attempt_item i JOIN attempt a ON a.id = i.attempt_id JOIN question_version v ON v.id = i.question_version_id WHERE a.exam_id = $1`,
      [exam.id],
    );
    expect(Object.fromEntries(versions.map((r: { id: string; version: number }) => [r.id, r.version]))).toEqual({ [before.id]: 1, [after.id]: 2 });
  });

  it('imports JSON with a per-item report: bad items are named and do not stop the good ones; a re-import adds versions only for changes', async () => {
    const bank = await makeBank(t, trainer, 'JSON 导入');
    const items = [
      { ref: 'j1', ...SAMPLE_QUESTIONS.single },
      { ref: 'j2', ...SAMPLE_QUESTIONS.true_false, answer: 'maybe' },
      { ref: 'j3', ...SAMPLE_QUESTIONS.fill_blank },
      { ref: 'j1', ...SAMPLE_QUESTIONS.multiple },
      { ref: 'j4', ...SAMPLE_QUESTIONS.multiple, colour: 'red' },
      'not a question',
      { ref: 'j5', ...SAMPLE_QUESTIONS.scenario },
    ];
    const res = await t.http().post(`/api/question-banks/${bank.id}/import`).set(auth(trainer)).send({ questions: items }).expect(200);
    expect(res.body).toMatchObject({ total: 7, created: 3, failed: 4, updated: 0, unchanged: 0 });
    const byRow = Object.fromEntries(res.body.rows.map((r: { row: number }) => [r.row, r]));
    expect(byRow[1]).toMatchObject({ ref: 'j1', status: 'created', version: 1 });
    expect(byRow[2]).toMatchObject({ ref: 'j2', status: 'failed', code: 'INVALID_QUESTION', reason: expect.stringContaining('true or false') });
    expect(byRow[4]).toMatchObject({ ref: 'j1', status: 'failed', code: 'DUPLICATE_IN_FILE', reason: expect.stringContaining('item 1') });
    expect(byRow[5]).toMatchObject({ status: 'failed', reason: expect.stringContaining('colour') });
    expect(byRow[6]).toMatchObject({ status: 'failed', reason: 'a question must be an object' });
    expect(byRow[7]).toMatchObject({ ref: 'j5', status: 'created' });

    const again = await t.http()
      .post(`/api/question-banks/${bank.id}/import`)
      .set(auth(trainer))
      .send([{ ref: 'j1', ...SAMPLE_QUESTIONS.single }, { ref: 'j3', ...SAMPLE_QUESTIONS.fill_blank, points: 4 }])
      .expect(200);
    expect(again.body.rows.map((r: { ref: string; status: string; version: number }) => [r.ref, r.status, r.version])).toEqual([
      ['j1', 'unchanged', 1],
      ['j3', 'updated', 2],
    ]);
  });

  it('imports CSV with a per-line report, in English or Chinese headers', async () => {
    const bank = await makeBank(t, trainer, 'CSV 导入');
    const csv = [
      '编号,题型,题干,选项A,选项B,选项C,答案,分值,标签,难度,解析',
      'c1,单选,七天无理由退货从哪天起算？,签收次日,下单当天,付款当天,A,2,七天无理由退货|售后,易,从签收次日起算',
      'c2,多选,哪些属于服务禁忌？,推诿,倾听,争执,"A,C",3,服务底线,中,',
      'c3,判断,可以承诺规则外赔偿。,,,,错,1,,,',
      'c4,填空,期限是____天。,,,,7|七,2,,难,',
      'c5,单选,缺少答案的题,甲,乙,,,2,,,',
      'c6,情景,消费者说买到假货,,,,"{""points"":[{""id"":""a"",""label"":""致歉"",""score"":10,""phrases"":[""抱歉""]}],""passScore"":5}",10,,,',
      'c7,单选,分值错误,甲,乙,,A,很多,,,',
      'c8,多选,连写答案,甲,乙,丙,AC,2,,,',
    ].join('\n');
    const res = await t.http().post(`/api/question-banks/${bank.id}/import`).set(auth(trainer)).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(res.body).toMatchObject({ total: 8, created: 6, failed: 2 });
    const failed = res.body.rows.filter((r: { status: string }) => r.status === 'failed').map((r: { line: number; ref: string; reason: string }) => [r.line, r.ref]);
    expect(failed).toEqual([
      [6, 'c5'],
      [8, 'c7'],
    ]);
    const list = (await t.http().get(`/api/question-banks/${bank.id}/questions`).set(auth(trainer)).expect(200)).body.items;
    const byRef = Object.fromEntries(list.map((q: { ref: string }) => [q.ref, q]));
    expect(byRef.c1).toMatchObject({ type: 'single', answer: 'A', tags: ['七天无理由退货', '售后'], difficulty: 'easy', explanation: '从签收次日起算' });
    expect(byRef.c2).toMatchObject({ type: 'multiple', answer: ['A', 'C'], scoring: 'all_or_nothing' });
    expect(byRef.c3).toMatchObject({ type: 'true_false', answer: false });
    expect(byRef.c4).toMatchObject({ type: 'fill_blank', answer: [['7', '七']], difficulty: 'hard' });
    expect(byRef.c6.answer.points[0].phrases).toEqual(['抱歉']);
    expect(byRef.c8.answer).toEqual(['A', 'C']);
  });

  it('refuses an unreadable or headerless CSV as a whole', async () => {
    const bank = await makeBank(t, trainer);
    const noHeader = await t.http().post(`/api/question-banks/${bank.id}/import`).set(auth(trainer)).set('Content-Type', 'text/csv').send('a,b\n1,2');
    expect([noHeader.status, noHeader.body.code]).toEqual([400, 'IMPORT_MISSING_COLUMNS']);
    const broken = await t.http().post(`/api/question-banks/${bank.id}/import`).set(auth(trainer)).set('Content-Type', 'text/csv').send('type,stem,answer,points\nsingle,"unterminated,A,2');
    expect([broken.status, broken.body.code]).toEqual([400, 'IMPORT_MALFORMED']);
  });

  it('lets only the owner (or an admin) change a bank; seeded banks are shared by all staff', async () => {
    const bank = await makeBank(t, trainer, '私有题库');
    const other = await t.http().post('/api/users').set(auth(admin)).send({ username: 'trainer.two', displayName: '培训师二', role: 'trainer', password: 'trainer-two-pass' }).expect(201);
    const otherToken = await t.login(other.body.username, 'trainer-two-pass');
    const res = await t.http().post(`/api/question-banks/${bank.id}/questions`).set(auth(otherToken)).send(SAMPLE_QUESTIONS.single);
    expect([res.status, res.body.code]).toEqual([403, 'NOT_BANK_OWNER']);
    await t.http().post(`/api/question-banks/${bank.id}/questions`).set(auth(admin)).send(SAMPLE_QUESTIONS.single).expect(201);
    const banks = (await t.http().get('/api/question-banks').set(auth(otherToken)).expect(200)).body.items;
    const seeded = banks.find((b: { code: string }) => b.code === 'practical');
    expect(seeded).toMatchObject({ ownerId: null, questionCount: 80 });
    await t.http().post(`/api/question-banks/${seeded.id}/questions`).set(auth(otherToken)).send({ ...SAMPLE_QUESTIONS.single, ref: 'extra-1' }).expect(201);
  });
});
