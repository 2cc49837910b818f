import { startTestApp, TestApp } from '../support/test-app';
import { Caller, drillLedger, scenarioIds, seededScenarios, signIn, submitReply, waitUntilGraded } from './drill-fixtures';


/** Quality review (质检): the queue, overrides with comments, and hours that follow the decision exactly once. */
describe('drill review', () => {
  let t: TestApp;
  let trainer: Caller;
  let admin: Caller;
  let ids: Map<string, string>;
  const seeds = seededScenarios();
  // 恶意骚扰 requires review; 七天无理由退货 does not.
  const reviewed = seeds.find((s) => s.title === '恶意骚扰')!;
  const automatic = seeds.find((s) => s.title === '七天无理由退货')!;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await signIn(t, 'trainer1');
    admin = await signIn(t, 'admin');
    ids = await scenarioIds(t, trainer);
  });
  afterAll(() => t.close());

  const review = (caller: Caller, id: string, body: object) =>
    t.http().post(`/api/training/submissions/${id}/review`).set('Authorization', `Bearer ${caller.token}`).send(body);
  const read = (caller: Caller, id: string) =>
    t.http().get(`/api/training/submissions/${id}`).set('Authorization', `Bearer ${caller.token}`).expect(200).then((r) => r.body);
  const pending = async () =>
    (await t.http().get('/api/training/reviews?status=pending&limit=200').set('Authorization', `Bearer ${trainer.token}`).expect(200)).body;
  const submitAndGrade = async (student: Caller, title: string, reply: string) => {
    const res = await submitReply(t, student, ids.get(title)!, reply).expect(202);
    return waitUntilGraded(t, student, res.body.id);
  };

  it('queues a submission whose scenario requires review, credits nothing until a trainer decides, and shows the student the machine result', async () => {
    const student = await signIn(t, 'student1');
    const s = await submitAndGrade(student, reviewed.title, reviewed.modelReply);
    expect(s).toMatchObject({ status: 'needs_review', statusText: '待质检', requiresReview: true, autoPassed: true, score: null, passed: null });
    expect(s.result.explanation[s.result.explanation.length - 1]).toContain('待人工复核');
    const queue = await pending();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(s.id);
    expect(queue.items.every((x: { status: string }) => x.status === 'needs_review')).toBe(true);
    expect((await drillLedger(t.ds, student.id)).sum).toBe(0);
  });

  it('lists the pending queue oldest first', async () => {
    const student = await signIn(t, 'student5');
    const first = await submitAndGrade(student, reviewed.title, reviewed.poorReply);
    const second = await submitAndGrade(student, reviewed.title, reviewed.modelReply);
    const order = (await pending()).items.map((x: { id: string }) => x.id);
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
  });

  it('keeps the credit from an override that fails a pass before it was credited, and credits once on a later pass', async () => {
    const student = await signIn(t, 'student2');
    const scenarioId = ids.get(reviewed.title)!;
    const s = await submitAndGrade(student, reviewed.title, reviewed.modelReply);

    const fail = await review(trainer, s.id, { score: 50, comment: '未提示报警渠道，不符合质检要求。' }).expect(200);
    expect(fail.body).toMatchObject({ status: 'graded', score: 50, passed: false, autoScore: s.autoScore, autoPassed: true, reviewComment: '未提示报警渠道，不符合质检要求。' });
    expect((await drillLedger(t.ds, student.id)).sum).toBe(0);
    expect((await pending()).items.map((x: { id: string }) => x.id)).not.toContain(s.id);

    // The student sees the decision and the comment, with who made it.
    const seen = await read(student, s.id);
    expect(seen).toMatchObject({ score: 50, passed: false, reviewComment: '未提示报警渠道，不符合质检要求。' });
    expect(seen.reviews).toEqual([
      expect.objectContaining({ score: 50, maxScore: 100, passed: false, previousScore: null, previousPassed: null, reviewerId: trainer.id, reviewerName: expect.any(String) }),
    ]);
    expect(seen).not.toHaveProperty('rubric');

    const pass = await review(trainer, s.id, { score: 90, comment: '复核通过。' }).expect(200);
    expect(pass.body).toMatchObject({ score: 90, passed: true });
    expect(pass.body.reviews.map((r: { score: number; previousScore: number | null }) => [r.previousScore, r.score])).toEqual([
      [null, 50],
      [50, 90],
    ]);
    const ledger = await drillLedger(t.ds, student.id);
    expect(ledger.entries).toEqual([{ minutes: 60, idempotency_key: `drill_pass:scenario:${scenarioId}:${student.id}:1`, reference_id: scenarioId, author_id: trainer.id }]);

    // Confirming the pass again changes nothing on the ledger.
    await review(trainer, s.id, { score: 95, comment: '再次确认。' }).expect(200);
    expect((await drillLedger(t.ds, student.id)).sum).toBe(60);
  });

  it('reverses the credit with a new entry when an override revokes the only pass, and credits again on a new pass', async () => {
    const student = await signIn(t, 'student3');
    const scenarioId = ids.get(automatic.title)!;
    const s = await submitAndGrade(student, automatic.title, automatic.modelReply);
    expect(s).toMatchObject({ status: 'graded', passed: true });
    const credit = await drillLedger(t.ds, student.id);
    expect(credit.sum).toBe(60);

    // A spot check of a graded submission that overrides it to a fail.
    const res = await review(trainer, s.id, { score: 40, comment: '照搬话术，未针对顾客情况作答。', passed: false }).expect(200);
    expect(res.body.reviews[0]).toMatchObject({ previousScore: 100, previousPassed: true, score: 40, passed: false });
    const reversed = await drillLedger(t.ds, student.id);
    expect(reversed.entries).toEqual([
      { minutes: 60, idempotency_key: `drill_pass:scenario:${scenarioId}:${student.id}:1`, reference_id: scenarioId, author_id: null },
      { minutes: -60, idempotency_key: `drill_pass:scenario:${scenarioId}:${student.id}:2`, reference_id: scenarioId, author_id: trainer.id },
    ]);
    const standing = await t.http().get('/api/training/results').set('Authorization', `Bearer ${student.token}`).expect(200);
    expect(standing.body.items[0]).toMatchObject({ passed: false, credited: false, bestScore: 40, creditedMinutes: 0 });

    // Overriding it again to the same fail writes nothing more.
    await review(admin, s.id, { score: 30, comment: '维持不通过。', passed: false }).expect(200);
    expect((await drillLedger(t.ds, student.id)).entries).toHaveLength(2);

    // A new pass credits again, under a key of its own.
    await submitAndGrade(student, automatic.title, automatic.modelReply);
    const again = await drillLedger(t.ds, student.id);
    expect(again.entries.map((e) => [e.minutes, e.idempotency_key])).toEqual([
      [60, `drill_pass:scenario:${scenarioId}:${student.id}:1`],
      [-60, `drill_pass:scenario:${scenarioId}:${student.id}:2`],
      [60, `drill_pass:scenario:${scenarioId}:${student.id}:3`],
    ]);
    expect(again.sum).toBe(60);
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM hour_entry WHERE student_id = $1`, [student.id]);
    expect(n).toBe(3);
  });

  it('keeps the credit when an override fails one pass while another pass stands', async () => {
    const student = await signIn(t, 'student4');
    const a = await submitAndGrade(student, automatic.title, automatic.modelReply);
    const b = await submitAndGrade(student, automatic.title, automatic.modelReply);
    await review(trainer, a.id, { score: 10, comment: '不通过。', passed: false }).expect(200);
    expect((await drillLedger(t.ds, student.id)).sum).toBe(60);
    const standing = (await t.http().get('/api/training/results').set('Authorization', `Bearer ${student.token}`).expect(200)).body.items[0];
    expect(standing).toMatchObject({ passed: true, bestSubmissionId: b.id, bestScore: 100, credited: true });
    await review(trainer, b.id, { score: 10, comment: '不通过。', passed: false }).expect(200);
    expect((await drillLedger(t.ds, student.id)).entries.map((e) => e.minutes)).toEqual([60, -60]);
  });

  it('decides pass or fail from the rubric when the reviewer does not, keeping the veto of a fatal forbidden phrase', async () => {
    const student = await signIn(t, 'student1');
    const vetoed = await submitAndGrade(student, reviewed.title, reviewed.poorReply);
    expect(vetoed.result.forbidden.some((f: { fatal: boolean }) => f.fatal)).toBe(true);
    const kept = await review(trainer, vetoed.id, { score: 80, comment: '分数调整，但使用了服务禁忌。' }).expect(200);
    expect(kept.body).toMatchObject({ score: 80, passed: false });
    const explicit = await review(trainer, vetoed.id, { score: 80, comment: '经核实为误判，改判通过。', passed: true }).expect(200);
    expect(explicit.body).toMatchObject({ score: 80, passed: true });

    const clean = await submitAndGrade(student, automatic.title, automatic.modelReply);
    const below = await review(trainer, clean.id, { score: 69, comment: '低于及格线。' }).expect(200);
    expect(below.body.passed).toBe(false);
    const at = await review(trainer, clean.id, { score: 70, comment: '恰好及格。' }).expect(200);
    expect(at.body.passed).toBe(true);
  });

  it('credits exactly once when trainers review the same submission at the same moment', async () => {
    const student = await signIn(t, 'student5');
    const s = await submitAndGrade(student, reviewed.title, reviewed.modelReply);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => review(i % 2 ? admin : trainer, s.id, { score: 80 + i, comment: `并发复核 ${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect((await drillLedger(t.ds, student.id, ids.get(reviewed.title))).entries).toHaveLength(1);
    const final = await read(trainer, s.id);
    expect(final.reviews).toHaveLength(6);
    expect(final.score).toBe(final.reviews[5].score);
  });

  it('lists reviewed submissions and graded ones to spot-check', async () => {
    const reviewedList = (await t.http().get('/api/training/reviews?status=reviewed&limit=200').set('Authorization', `Bearer ${trainer.token}`).expect(200)).body;
    expect(reviewedList.total).toBeGreaterThan(0);
    expect(reviewedList.items.every((x: { reviewedAt: string | null }) => x.reviewedAt !== null)).toBe(true);
    const graded = (await t.http().get(`/api/training/reviews?status=graded&scenarioId=${ids.get(automatic.title)}`).set('Authorization', `Bearer ${trainer.token}`).expect(200)).body;
    expect(graded.total).toBeGreaterThan(0);
    expect(graded.items.every((x: { status: string; scenarioId: string }) => x.status === 'graded' && x.scenarioId === ids.get(automatic.title))).toBe(true);
  });

  it('refuses a score above the maximum', async () => {
    const student = await signIn(t, 'student2');
    const s = await submitAndGrade(student, automatic.title, automatic.poorReply);
    const res = await review(trainer, s.id, { score: 101, comment: '太高' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REVIEW_SCORE_OUT_OF_RANGE');
  });
});
