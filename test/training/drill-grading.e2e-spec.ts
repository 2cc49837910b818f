import { Queue } from 'bullmq';
import { JobName, QueueName } from '../../src/jobs/job-catalog';
import { DrillGradingService } from '../../src/training/drill-grading.service';
import { startTestApp, TestApp } from '../support/test-app';
import { Caller, drillLedger, eventually, gradingRuns, scenarioIds, seededScenarios, signIn, submitReply, waitUntilGraded } from './drill-fixtures';


/** Drill grading runs through the grading queue and grades each submission exactly once. */
describe('drill grading through the queue', () => {
  let t: TestApp;
  let student: Caller;
  let other: Caller;
  let trainer: Caller;
  let queue: Queue;
  let scenarioId: string;
  const seed = seededScenarios().find((s) => s.title === '七天无理由退货')!;

  beforeAll(async () => {
    t = await startTestApp();
    student = await signIn(t, 'student1');
    other = await signIn(t, 'student2');
    trainer = await signIn(t, 'trainer1');
    scenarioId = (await scenarioIds(t, student)).get(seed.title)!;
    queue = new Queue(QueueName.Grading, { connection: { host: t.config.redis.host, port: t.config.redis.port, maxRetriesPerRequest: null }, prefix: t.config.redis.prefix });
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  const count = async (sql: string, params: unknown[]) => ((await t.ds.query(sql, params)) as Array<{ n: number }>)[0].n;
  const submissionsWithKey = (key: string) => count(`SELECT COUNT(*)::int AS n FROM drill_submission WHERE client_key = $1`, [key]);
  const outboxRows = (id: string) => count(`SELECT COUNT(*)::int AS n FROM outbox_job WHERE job_id = $1`, [`drill-${id}`]);

  it('accepts a reply with 202, records its grading job with the submission, and grades it in the queue', async () => {
    const res = await submitReply(t, student, scenarioId, seed.modelReply);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ scenarioId, studentId: student.id, reply: seed.modelReply });
    expect(['submitted', 'graded']).toContain(res.body.status);
    expect(await outboxRows(res.body.id)).toBe(1);

    const graded = await waitUntilGraded(t, student, res.body.id);
    expect(graded).toMatchObject({ status: 'graded', statusText: '已评定', passed: true, autoPassed: true, maxScore: 100 });
    expect(graded.score).toBe(graded.autoScore);
    expect(graded.gradedAt).toEqual(expect.any(String));
    expect(await gradingRuns(t.ds, res.body.id)).toEqual({ graded: 1, skipped: 0 });
    const [job] = await t.ds.query(`SELECT enqueued_at FROM outbox_job WHERE job_id = $1`, [`drill-${res.body.id}`]);
    expect(job.enqueued_at).not.toBeNull();
  });

  it('explains the result point by point: what was found and where, forbidden phrases, score and verdict', async () => {
    const reply = '拆了包装这种事不归我们管，谁让你乱买的';
    const res = await submitReply(t, student, scenarioId, reply).expect(202);
    const r = await waitUntilGraded(t, student, res.body.id);
    expect(r.passed).toBe(false);
    expect(r.result.points.length).toBeGreaterThan(1);
    for (const p of r.result.points) {
      expect(p).toEqual(expect.objectContaining({ id: expect.any(String), label: expect.any(String), found: expect.any(Boolean), maxScore: expect.any(Number) }));
      if (p.found) expect(p.excerpt).toBe(reply.slice(p.at, p.end));
      else expect(p.score).toBe(0);
    }
    expect(r.result.forbidden.length).toBeGreaterThan(0);
    for (const f of r.result.forbidden) expect(reply.slice(f.at, f.end)).toBe(f.excerpt);
    expect(r.result.explanation[r.result.explanation.length - 1]).toMatch(/^得分 \d+\/100，及格线 \d+分，未通过$/);
    expect(r.result.explanation.some((line: string) => line.startsWith('使用了服务禁忌：'))).toBe(true);
    expect(r).not.toHaveProperty('rubric');
  });

  it('creates one submission and one grading for a request repeated with the same Idempotency-Key', async () => {
    const key = 'tap-repeat-1';
    const first = await submitReply(t, student, scenarioId, seed.modelReply, key).expect(202);
    const again = await submitReply(t, student, scenarioId, seed.modelReply, key).expect(202);
    await waitUntilGraded(t, student, first.body.id);
    const late = await submitReply(t, student, scenarioId, seed.modelReply, key).expect(202);
    expect(new Set([first.body.id, again.body.id, late.body.id]).size).toBe(1);
    expect(late.body.status).toBe('graded');
    expect(await submissionsWithKey(key)).toBe(1);
    expect(await outboxRows(first.body.id)).toBe(1);
    expect(await gradingRuns(t.ds, first.body.id)).toEqual({ graded: 1, skipped: 0 });
  });

  it('creates one submission and one grading when the same request arrives many times at once', async () => {
    const key = 'double-tap-concurrent';
    const responses = await Promise.all(Array.from({ length: 8 }, () => submitReply(t, other, scenarioId, seed.modelReply, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(202));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    await waitUntilGraded(t, other, id);
    expect(await submissionsWithKey(key)).toBe(1);
    expect(await outboxRows(id)).toBe(1);
    expect(await gradingRuns(t.ds, id)).toEqual({ graded: 1, skipped: 0 });
  });

  it('accepts the key in the body as clientSubmissionId, the same as the header', async () => {
    const body = { reply: seed.poorReply, clientSubmissionId: 'body-key-1' };
    const url = `/api/training/scenarios/${scenarioId}/submissions`;
    const a = await t.http().post(url).set('Authorization', `Bearer ${student.token}`).send(body).expect(202);
    const b = await t.http().post(url).set('Authorization', `Bearer ${student.token}`).set('Idempotency-Key', 'body-key-1').send(body).expect(202);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body.clientSubmissionId).toBe('body-key-1');
  });

  it('refuses the same key for another reply, and lets two students use the same key independently', async () => {
    const key = 'shared-key';
    const mine = await submitReply(t, student, scenarioId, seed.modelReply, key).expect(202);
    const res = await submitReply(t, student, scenarioId, seed.poorReply, key);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const theirs = await submitReply(t, other, scenarioId, seed.modelReply, key).expect(202);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('creates a new submission for each request without a key (practising again)', async () => {
    const a = await submitReply(t, other, scenarioId, seed.poorReply).expect(202);
    const b = await submitReply(t, other, scenarioId, seed.poorReply).expect(202);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('leaves a graded submission alone when its job is delivered again', async () => {
    const res = await submitReply(t, student, scenarioId, seed.modelReply).expect(202);
    const graded = await waitUntilGraded(t, student, res.body.id);
    const ledgerBefore = await drillLedger(t.ds, student.id, scenarioId);
    // A second delivery of the same work (as after a worker crash): another job for the same submission.
    await queue.add(JobName.GradeDrillSubmission, { submissionId: res.body.id }, { jobId: `drill-redelivery-${res.body.id}` });
    expect(await eventually(() => gradingRuns(t.ds, res.body.id), (r) => r.skipped === 1)).toEqual({ graded: 1, skipped: 1 });
    const after = await t.http().get(`/api/training/submissions/${res.body.id}`).set('Authorization', `Bearer ${student.token}`).expect(200);
    expect(after.body).toMatchObject({ score: graded.score, passed: graded.passed, gradedAt: graded.gradedAt });
    expect(await drillLedger(t.ds, student.id, scenarioId)).toEqual(ledgerBefore);
  });

  it('grades once when several workers pick the same submission at the same moment', async () => {
    const res = await submitReply(t, other, scenarioId, seed.modelReply).expect(202);
    const grading = t.app.get(DrillGradingService);
    // The queue's worker races these direct runs of the same handler.
    const runs = await Promise.all(Array.from({ length: 6 }, () => grading.grade(res.body.id, 'race')));
    await waitUntilGraded(t, other, res.body.id);
    const counted = await eventually(() => gradingRuns(t.ds, res.body.id), (r) => r.graded + r.skipped >= 7);
    expect(counted).toEqual({ graded: 1, skipped: 6 });
    expect(runs.filter((r) => r === 'graded').length).toBeLessThanOrEqual(1);
  });

  it('credits the scenario once however many times the student passes it, and keeps the best score', async () => {
    const student3 = await signIn(t, 'student3');
    const weaker = '亲，如果页面标注支持七天无理由，签收之日起七天内商品完好的话，可以在订单里申请售后，选择退货退款。';
    const ids: string[] = [];
    for (const reply of [seed.poorReply, weaker, seed.modelReply, weaker]) {
      const res = await submitReply(t, student3, scenarioId, reply).expect(202);
      ids.push(res.body.id);
    }
    const results = await Promise.all(ids.map((id) => waitUntilGraded(t, student3, id)));
    const passes = results.filter((r) => r.passed);
    expect(passes.length).toBeGreaterThanOrEqual(2);
    const ledger = await drillLedger(t.ds, student3.id, scenarioId);
    expect(ledger.entries).toEqual([{ minutes: 60, idempotency_key: `drill_pass:scenario:${scenarioId}:${student3.id}:1`, reference_id: scenarioId, author_id: null }]);
    const standing = await t.http().get('/api/training/results').set('Authorization', `Bearer ${student3.token}`).expect(200);
    const best = Math.max(...results.map((r) => r.score));
    expect(standing.body).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          scenarioId,
          scenarioTitle: seed.title,
          passed: true,
          bestScore: best,
          bestMaxScore: 100,
          gradedCount: 4,
          credited: true,
          creditedMinutes: 60,
        }),
      ],
    });
    const transcript = await t.http().get('/api/me/transcript').set('Authorization', `Bearer ${student3.token}`).expect(200);
    expect(transcript.body.systems.find((s: { code: string }) => s.code === 'training').creditedMinutes).toBe(60);
  });

  it('shows a student only their own submissions and results; trainers see everyone', async () => {
    const theirs = await submitReply(t, other, scenarioId, seed.poorReply).expect(202);
    const peek = await t.http().get(`/api/training/submissions/${theirs.body.id}`).set('Authorization', `Bearer ${student.token}`);
    expect(peek.status).toBe(404);
    expect(peek.body.code).toBe('SUBMISSION_NOT_FOUND');

    const mine = await t.http().get(`/api/training/submissions?studentId=${other.id}&limit=200`).set('Authorization', `Bearer ${student.token}`).expect(200);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.items.every((s: { studentId: string }) => s.studentId === student.id)).toBe(true);
    expect(mine.body.items.every((s: object) => !('rubric' in s))).toBe(true);

    const results = await t.http().get(`/api/training/results?studentId=${other.id}`).set('Authorization', `Bearer ${student.token}`).expect(200);
    expect(results.body.items.every((r: { studentId: string }) => r.studentId === student.id)).toBe(true);

    const staff = await t.http().get(`/api/training/submissions/${theirs.body.id}`).set('Authorization', `Bearer ${trainer.token}`).expect(200);
    expect(staff.body.studentId).toBe(other.id);
    expect(staff.body.rubric).toEqual(expect.objectContaining({ passScore: expect.any(Number), points: expect.any(Array) }));
    const all = await t.http().get(`/api/training/submissions?studentId=${other.id}&limit=200`).set('Authorization', `Bearer ${trainer.token}`).expect(200);
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.every((s: { studentId: string }) => s.studentId === other.id)).toBe(true);
  });
});
