import { defaultTiers, forecastTiers, type StudentFacts } from '@lms/eligibility';

const tiers = defaultTiers();
const H = 60;
const pick = (facts: StudentFacts) => Object.fromEntries(forecastTiers(tiers, facts).map((f) => [f.tierCode, f.eligibleNow ? 'now' : f.oneRuleAway ? 'one' : f.held ? 'held' : 'no']));

describe('forecastTiers', () => {
  it('counts a student with the hours and the passed exam as eligible now, and one rule short as one rule away', () => {
    expect(pick({ minutesBySystem: { practical: 64 * H }, bestExamScores: { 'cxo-1': { score: 90, maxScore: 100 } } })['cxo-1']).toBe('now');
    expect(pick({ minutesBySystem: { practical: 64 * H } })['cxo-1']).toBe('one');
    expect(pick({ bestExamScores: { 'cxo-1': { score: 90, maxScore: 100 } } })['cxo-1']).toBe('one');
    expect(pick({ minutesBySystem: { practical: 30 * H } })['cxo-1']).toBe('no');
  });

  it('counts the tier below as held when the student is forecast for it, and leaves out an exam they may not sit yet', () => {
    const ready2: StudentFacts = { minutesBySystem: { practical: 64 * H, general: 20 * H }, bestExamScores: { 'cxo-1': { score: 85, maxScore: 100 } }, drillsPassed: 30 };
    expect(pick(ready2)).toEqual({ 'cxo-1': 'now', 'cxo-2': 'one', 'cxo-3': 'no' });
    expect(pick({ ...ready2, drillsPassed: 10, minutesBySystem: { practical: 64 * H, general: 10 * H } })['cxo-2']).toBe('no');
    expect(pick({ ...ready2, minutesBySystem: { practical: 64 * H, general: 40 * H } })).toEqual({ 'cxo-1': 'now', 'cxo-2': 'one', 'cxo-3': 'one' });
    // Not forecast for cxo-1: "holds cxo-1" stays unmet, and one more gap makes cxo-2 two rules away.
    expect(pick({ minutesBySystem: { general: 20 * H }, drillsPassed: 29 })['cxo-2']).toBe('no');
  });

  it('reports a held tier as held, not as a forecast, and counts the exam once the tier below is held', () => {
    const f = forecastTiers(tiers, { minutesBySystem: { practical: 64 * H, general: 20 * H }, drillsPassed: 30, tiersHeld: ['cxo-1'] });
    expect(f[0]).toMatchObject({ held: true, predicted: false });
    expect(f[1]).toMatchObject({ eligibleNow: false, oneRuleAway: true, missing: ['尚未参加二段认证考试'] });
  });
});
