import { startTestApp, TestApp } from '../support/test-app';
import { Caller, drillLedger, scenarioIds, seededScenarios, signIn, submitReply, waitUntilGraded } from './drill-fixtures';

// The drill of issue 11: a reply that was only these keywords passed and earned an hour.
const KEYWORDS_ONLY = '抱歉 核实订单 提醒发货 退款 投诉';
const CUSTOMER = '我的订单五天了还没发货，客服也不回消息，到底怎么回事？';
const SENTENCES =
  '亲，非常抱歉让您久等了。我这边马上为您核实订单的情况，并联系商家提醒发货；如果商家仍然不发货，您可以申请退款，也可以在订单页发起投诉，我们会一直跟进到底。';
const RUBRIC = {
  points: [
    { id: 'soothe', label: '致歉', score: 20, phrases: ['抱歉'] },
    { id: 'check', label: '核实订单', score: 20, phrases: ['核实订单'] },
    { id: 'urge', label: '提醒发货', score: 20, phrases: ['提醒发货'] },
    { id: 'refund', label: '告知可退款', score: 20, phrases: ['退款'] },
    { id: 'complain', label: '告知可投诉', score: 20, phrases: ['投诉'] },
  ],
  passScore: 60,
};

async function createScenario(t: TestApp, trainer: Caller, title: string): Promise<string> {
  const res = await t
    .http()
    .post('/api/training/scenarios')
    .set('Authorization', `Bearer ${trainer.token}`)
    .send({ title, conversation: [CUSTOMER], rubric: RUBRIC, creditMinutes: 60 })
    .expect(201);
  return res.body.id;
}

function helpers(t: TestApp) {
  return {
    submitAndGrade: async (student: Caller, scenarioId: string, reply: string) => {
      const res = await submitReply(t, student, scenarioId, reply).expect(202);
      return waitUntilGraded(t, student, res.body.id);
    },
    read: (caller: Caller, id: string) =>
      t.http().get(`/api/training/submissions/${id}`).set('Authorization', `Bearer ${caller.token}`).expect(200).then((r) => r.body),
    pendingIds: async (trainer: Caller): Promise<string[]> =>
      (await t.http().get('/api/training/reviews?status=pending&limit=200').set('Authorization', `Bearer ${trainer.token}`).expect(200)).body.items.map(
        (x: { id: string }) => x.id,
      ),
    review: (trainer: Caller, id: string, body: object) =>
      t.http().post(`/api/training/submissions/${id}/review`).set('Authorization', `Bearer ${trainer.token}`).send(body).expect(200).then((r) => r.body),
  };
}

describe('drill integrity: gamed replies go to review instead of passing', () => {
  let t: TestApp;
  let trainer: Caller;
  let scenarioId: string;
  let h: ReturnType<typeof helpers>;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await signIn(t, 'trainer1');
    scenarioId = await createScenario(t, trainer, '催发货（关键词）');
    h = helpers(t);
  });
  afterAll(() => t.close());

  it('holds a reply made only of the rubric keywords for review, credits nothing, and says why', async () => {
    const student = await signIn(t, 'student1');
    const s = await h.submitAndGrade(student, scenarioId, KEYWORDS_ONLY);
    expect(s).toMatchObject({ status: 'needs_review', statusText: '待质检', autoPassed: true, score: null, passed: null, integrityFlags: ['keyword_stuffing'], qaSampled: false });
    expect(s.result.explanation).toContain('回复主要由评分关键词堆砌而成，缺少完整的句子，需人工质检');
    expect(s.result.explanation[s.result.explanation.length - 1]).toBe(`机评得分 ${s.autoScore}/100，及格线 60分，机评通过（待人工复核）`);
    expect(await h.pendingIds(trainer)).toContain(s.id);
    expect(await drillLedger(t.ds, student.id, scenarioId)).toEqual({ entries: [], sum: 0 });
  });

  it('holds a reply that copies the customer message for review', async () => {
    const student = await signIn(t, 'student2');
    const s = await h.submitAndGrade(student, scenarioId, `${CUSTOMER}抱歉，核实订单，提醒发货，退款`);
    expect(s).toMatchObject({ status: 'needs_review', autoPassed: true });
    expect(s.integrityFlags).toContain('copied_prompt');
    expect(s.result.explanation).toContain('回复大部分照抄了顾客的原话，需人工质检');
    expect((await drillLedger(t.ds, student.id, scenarioId)).sum).toBe(0);
  });

  it('still passes and credits a reply that says the same in sentences, without putting it in the queue', async () => {
    const student = await signIn(t, 'student3');
    const s = await h.submitAndGrade(student, scenarioId, SENTENCES);
    expect(s).toMatchObject({ status: 'graded', passed: true, score: 100, integrityFlags: [], qaSampled: false });
    expect(s.result.explanation[s.result.explanation.length - 1]).toBe('得分 100/100，及格线 60分，通过');
    expect(await h.pendingIds(trainer)).not.toContain(s.id);
    expect((await drillLedger(t.ds, student.id, scenarioId)).sum).toBe(60);
  });

  it('fails a keyword reply without review when it does not reach the pass mark anyway', async () => {
    const student = await signIn(t, 'student4');
    const s = await h.submitAndGrade(student, scenarioId, '抱歉 退款');
    expect(s).toMatchObject({ status: 'graded', passed: false, autoPassed: false, integrityFlags: ['keyword_stuffing'] });
    expect(await h.pendingIds(trainer)).not.toContain(s.id);
  });

  it('shows the student the review outcome after a review, never the machine verdict "pending review"', async () => {
    const student = await signIn(t, 'student5');
    const s = await h.submitAndGrade(student, scenarioId, KEYWORDS_ONLY);
    await h.review(trainer, s.id, { score: 20, comment: '只罗列了关键词，没有与顾客沟通。' });
    const seen = await h.read(student, s.id);
    expect(seen).toMatchObject({ status: 'graded', score: 20, passed: false, autoPassed: true });
    const text = seen.result.explanation.join('\n');
    expect(text).not.toContain('待人工复核');
    expect(seen.result.explanation.slice(-2)).toEqual(['质检复核：得分 20/100，未通过', '质检意见：只罗列了关键词，没有与顾客沟通。']);
    expect((await drillLedger(t.ds, student.id, scenarioId)).sum).toBe(0);

    // A rubric that requires review: after a passing review the student reads the reviewer's pass.
    const seeded = seededScenarios().find((x) => x.title === '恶意骚扰')!;
    const seededId = (await scenarioIds(t, trainer)).get(seeded.title)!;
    const r = await h.submitAndGrade(student, seededId, seeded.modelReply);
    expect(r.result.explanation[r.result.explanation.length - 1]).toContain('待人工复核');
    await h.review(trainer, r.id, { score: 90, comment: '处理得当。' });
    const after = await h.read(student, r.id);
    expect(after.result.explanation.join('\n')).not.toContain('待人工复核');
    expect(after.result.explanation).toContain('质检复核：得分 90/100，通过');
    expect(await h.pendingIds(trainer)).not.toContain(r.id);
  });
});

describe('drill integrity: a share of automatic passes is sampled into the review queue', () => {
  let t: TestApp;
  let trainer: Caller;
  let scenarioId: string;
  let h: ReturnType<typeof helpers>;

  beforeAll(async () => {
    t = await startTestApp({ env: { DRILL_QA_SAMPLE_SHARE: '1' } });
    trainer = await signIn(t, 'trainer1');
    scenarioId = await createScenario(t, trainer, '催发货（抽检）');
    h = helpers(t);
  });
  afterAll(() => t.close());

  it('with a share of 1, puts every automatic pass in the pending queue while it stays passed and credited', async () => {
    const student = await signIn(t, 'student1');
    const s = await h.submitAndGrade(student, scenarioId, SENTENCES);
    expect(s).toMatchObject({ status: 'graded', passed: true, qaSampled: true });
    expect(s.result.explanation[s.result.explanation.length - 1]).toBe('本次提交已被抽检，质检复核后结果可能调整');
    expect(await h.pendingIds(trainer)).toContain(s.id);
    expect((await drillLedger(t.ds, student.id, scenarioId)).sum).toBe(60);

    // The reviewer overturns it: the credit is reversed and it leaves the queue.
    await h.review(trainer, s.id, { score: 40, passed: false, comment: '语气生硬，需重练。' });
    expect(await h.pendingIds(trainer)).not.toContain(s.id);
    expect((await drillLedger(t.ds, student.id, scenarioId)).sum).toBe(0);
    const seen = await h.read(student, s.id);
    expect(seen.result.explanation).toContain('质检复核：得分 40/100，未通过');
    expect(seen.result.explanation.join('\n')).not.toContain('抽检');
  });

  it('does not sample a failed reply', async () => {
    const student = await signIn(t, 'student2');
    const s = await h.submitAndGrade(student, scenarioId, '您好，请稍等，我看一下您的情况再回复您。');
    expect(s).toMatchObject({ status: 'graded', passed: false, qaSampled: false });
    expect(await h.pendingIds(trainer)).not.toContain(s.id);
  });
});
