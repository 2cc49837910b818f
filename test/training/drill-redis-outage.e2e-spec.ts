import { OwnRedis } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { Caller, drillLedger, gradingRuns, scenarioIds, seededScenarios, signIn, submitReply, waitUntilGraded } from './drill-fixtures';


/** A Redis outage delays drill grading; it never loses a submission (the outbox relay enqueues it later). */
describe('drill grading across a Redis outage', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let student: Caller;
  let scenarioId: string;
  const seed = seededScenarios().find((s) => s.title === '催发货')!;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp({ env: { REDIS_PORT: String(redis.port), OUTBOX_RELAY_INTERVAL_MS: '200' } });
    student = await signIn(t, 'student1');
    scenarioId = (await scenarioIds(t, student)).get(seed.title)!;
  });
  afterAll(async () => {
    await t.close();
    await redis.down();
  });

  it('accepts replies while Redis is down and grades each once when it is back', async () => {
    await redis.down();
    const accepted = await Promise.all([
      submitReply(t, student, scenarioId, seed.modelReply, 'outage-1'),
      submitReply(t, student, scenarioId, seed.poorReply, 'outage-2'),
    ]);
    expect(accepted.map((r) => [r.status, r.body.status])).toEqual([
      [202, 'submitted'],
      [202, 'submitted'],
    ]);
    const ids = accepted.map((r) => r.body.id as string);
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM outbox_job WHERE job_id = ANY($1) AND enqueued_at IS NULL`, [ids.map((id) => `drill-${id}`)]);
    expect(n).toBe(2);

    await redis.up();
    const [good, poor] = await Promise.all(ids.map((id) => waitUntilGraded(t, student, id, 45_000)));
    expect([good.passed, poor.passed]).toEqual([true, false]);
    for (const id of ids) expect(await gradingRuns(t.ds, id)).toEqual({ graded: 1, skipped: 0 });
    expect((await drillLedger(t.ds, student.id, scenarioId)).sum).toBe(60);
  });
});
