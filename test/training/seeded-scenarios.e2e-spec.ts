import { startTestApp, TestApp } from '../support/test-app';
import { Caller, drillLedger, scenarioIds, seededScenarios, signIn, submitReply, waitUntilGraded } from './drill-fixtures';


/** Every seeded scenario, through the real API and the real grading queue: its model reply passes, its poor reply fails. */
describe('seeded scenarios', () => {
  let t: TestApp;
  let good: Caller;
  let poor: Caller;
  let ids: Map<string, string>;
  const seeds = seededScenarios();

  beforeAll(async () => {
    t = await startTestApp();
    good = await signIn(t, 'student1');
    poor = await signIn(t, 'student2');
    ids = await scenarioIds(t, good);
  });
  afterAll(() => t.close());

  it('has the 33 scenarios of 附件三, each with a conversation and a model and poor reply', () => {
    expect(seeds).toHaveLength(33);
    expect(ids.size).toBe(33);
    for (const s of seeds) {
      expect(ids.has(s.title)).toBe(true);
      expect(s.conversation.length).toBeGreaterThan(0);
      expect(s.modelReply.length).toBeGreaterThan(0);
      expect(s.poorReply.length).toBeGreaterThan(0);
    }
  });

  it('passes every model reply and fails every poor reply', async () => {
    const submitted = await Promise.all(
      seeds.flatMap((s) => [
        submitReply(t, good, ids.get(s.title)!, s.modelReply).expect(202).then((r) => ({ seed: s, who: good, kind: 'model', id: r.body.id as string })),
        submitReply(t, poor, ids.get(s.title)!, s.poorReply).expect(202).then((r) => ({ seed: s, who: poor, kind: 'poor', id: r.body.id as string })),
      ]),
    );
    const verdicts = await Promise.all(
      submitted.map(async (x) => {
        const r = await waitUntilGraded(t, x.who, x.id, 60_000);
        return { title: x.seed.title, kind: x.kind, autoPassed: r.autoPassed, status: r.status, requiresReview: x.seed.rubric.requiresReview === true };
      }),
    );
    const wrong = verdicts.filter((v) => v.autoPassed !== (v.kind === 'model'));
    expect(wrong).toEqual([]);
    for (const v of verdicts) expect(v.status).toBe(v.requiresReview ? 'needs_review' : 'graded');

    // Hours: each scenario passed without review credits 60 minutes once; the rest wait for review.
    const automatic = seeds.filter((s) => s.rubric.requiresReview !== true).length;
    expect(automatic).toBeGreaterThan(0);
    expect((await drillLedger(t.ds, good.id)).sum).toBe(automatic * 60);
    expect((await drillLedger(t.ds, poor.id)).sum).toBe(0);
    const results = await t.http().get('/api/training/results?limit=200').set('Authorization', `Bearer ${good.token}`).expect(200);
    expect(results.body.items.filter((r: { passed: boolean }) => r.passed)).toHaveLength(automatic);
  });
});
