// Laws of tier-rule evaluation and validation, checked with fast-check on generated rules and facts.
import fc from 'fast-check';
import { factsArb, ruleArb, rulesArb, systemArb, tierArb, tierCodeArb, TIER_CODES } from '../test/arbitraries';
import {
  RULE_KINDS,
  eligibleExcept,
  evaluate,
  evaluateExamStart,
  factNeeds,
  parseRules,
  validateRules,
  type RuleKind,
  type StudentFacts,
  type Tier,
  type TierEvaluation,
} from '@lms/eligibility';

const CJK = /[\u4e00-\u9fff]/;
const metByIndex = (ev: TierEvaluation) => ev.checks.map((c) => c.met);

/** Every check that was met under `before` is still met under `after`. */
function neverLosesMet(tier: Tier, before: StudentFacts, after: StudentFacts): void {
  const a = metByIndex(evaluate(tier, before));
  const b = metByIndex(evaluate(tier, after));
  a.forEach((met, i) => {
    if (met) expect(b[i]).toBe(true);
  });
  if (evaluate(tier, before).eligible) expect(evaluate(tier, after).eligible).toBe(true);
}

describe('evaluation laws', () => {
  it('eligible iff every check is met; unmet lists exactly the unmet checks; one check per rule, in order', () => {
    fc.assert(
      fc.property(tierArb, factsArb, (tier, facts) => {
        const ev = evaluate(tier, facts);
        expect(ev.checks.map((c) => [c.index, c.kind, c.rule])).toEqual(tier.rules.map((r, i) => [i, r.kind, r]));
        expect(ev.eligible).toBe(ev.checks.every((c) => c.met));
        expect(ev.unmet).toEqual(ev.checks.filter((c) => !c.met));
        expect(ev.held).toBe((facts.tiersHeld ?? []).includes(tier.code));
      }),
    );
  });

  it('every message is a non-empty Chinese sentence without NaN, undefined or Infinity', () => {
    fc.assert(
      fc.property(tierArb, factsArb, (tier, facts) => {
        for (const check of evaluate(tier, facts).checks) {
          expect(check.message.trim().length).toBeGreaterThan(0);
          expect(check.message).toMatch(CJK);
          expect(check.message).not.toMatch(/NaN|undefined|Infinity|null|-\d/);
        }
      }),
    );
  });

  it('numeric checks agree with their own figures: met iff actual ≥ required, shown rounded down', () => {
    fc.assert(
      fc.property(tierArb, factsArb, (tier, facts) => {
        for (const c of evaluate(tier, facts).checks) {
          switch (c.kind) {
            case 'hours':
              expect(c.met).toBe(c.actualMinutes >= c.requiredMinutes);
              expect(c.missingMinutes).toBe(c.met ? 0 : c.requiredMinutes - c.actualMinutes);
              expect(c.actual <= c.actualMinutes / 60).toBe(true);
              expect(c.message).toContain(c.met ? '已满' : '还差');
              break;
            case 'exam':
            case 'attendance':
              if (c.actual !== null) expect(c.actual >= c.required).toBe(c.met);
              break;
            case 'drills':
              expect(c.met).toBe(c.actual >= c.required);
              break;
            case 'direction':
              expect(c.met).toBe(c.required > 0 && c.actual >= c.required);
              break;
            case 'holds_tier':
              expect(c.met).toBe(c.actual);
              break;
          }
        }
      }),
    );
  });

  it('more hours in any system never make a met rule unmet', () => {
    fc.assert(
      fc.property(tierArb, factsArb, systemArb, fc.integer({ min: 1, max: 6000 }), (tier, facts, system, extra) => {
        const minutes = { ...facts.minutesBySystem, [system]: (facts.minutesBySystem?.[system] ?? 0) + extra };
        neverLosesMet(tier, facts, { ...facts, minutesBySystem: minutes });
      }),
    );
  });

  it('a better exam score, more drills, another certificate, another completed course or another attended session never make a met rule unmet', () => {
    const improvement = fc.oneof(
      fc.record({ kind: fc.constant('exam' as const), tier: tierCodeArb, points: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('drills' as const), more: fc.integer({ min: 1, max: 10 }) }),
      fc.record({ kind: fc.constant('tier' as const), tier: tierCodeArb }),
      fc.record({ kind: fc.constant('course' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('attended' as const) }),
    );
    fc.assert(
      fc.property(tierArb, factsArb, improvement, (tier, facts, step) => {
        const after: StudentFacts = { ...facts };
        switch (step.kind) {
          case 'exam': {
            const best = facts.bestExamScores?.[step.tier];
            if (!best) return; // a first attempt is covered by the property below
            after.bestExamScores = { ...facts.bestExamScores, [step.tier]: { ...best, score: Math.min(best.maxScore, best.score + step.points) } };
            break;
          }
          case 'drills':
            after.drillsPassed = (facts.drillsPassed ?? 0) + step.more;
            break;
          case 'tier':
            after.tiersHeld = [...(facts.tiersHeld ?? []), step.tier];
            break;
          case 'course': {
            const ds = facts.directions ?? [];
            if (ds.length === 0) return;
            const i = step.at % ds.length;
            after.directions = ds.map((d, j) => (j === i ? { ...d, completed: Math.min(d.total, d.completed + 1) } : d));
            break;
          }
          case 'attended': {
            const a = facts.attendance;
            if (!a || a.attended >= a.scheduled) return;
            after.attendance = { ...a, attended: a.attended + 1 };
            break;
          }
        }
        neverLosesMet(tier, facts, after);
      }),
    );
  });

  it('a first graded exam attempt never makes a met rule unmet', () => {
    fc.assert(
      fc.property(tierArb, factsArb, tierCodeArb, fc.integer({ min: 0, max: 100 }), (tier, facts, code, score) => {
        if (facts.bestExamScores?.[code]) return;
        neverLosesMet(tier, facts, { ...facts, bestExamScores: { ...facts.bestExamScores, [code]: { score, maxScore: 100 } } });
      }),
    );
  });

  it('raising a threshold never makes an unmet rule met (editing rules is monotone too)', () => {
    fc.assert(
      fc.property(tierArb, factsArb, fc.nat(), fc.integer({ min: 1, max: 20 }), (tier, facts, at, by) => {
        const i = at % tier.rules.length;
        const r = tier.rules[i];
        const raised =
          r.kind === 'hours'
            ? { ...r, minHours: r.minHours + by }
            : r.kind === 'exam'
              ? { ...r, minScore: Math.min(100, r.minScore + by) }
              : r.kind === 'drills'
                ? { ...r, minPassed: r.minPassed + by }
                : r.kind === 'attendance'
                  ? { ...r, minPercent: Math.min(100, r.minPercent + by) }
                  : r;
        const before = evaluate(tier, facts).checks[i].met;
        const after = evaluate({ ...tier, rules: tier.rules.map((x, j) => (j === i ? raised : x)) }, facts).checks[i].met;
        if (!before) expect(after).toBe(false);
      }),
    );
  });

  it('ignoring kinds changes only eligibility: ignoring every kind makes anyone eligible; eligibleExcept agrees with ignoreKinds', () => {
    fc.assert(
      fc.property(tierArb, factsArb, fc.constantFrom(...RULE_KINDS), (tier, facts, kind: RuleKind) => {
        const plain = evaluate(tier, facts);
        const ignoring = evaluate(tier, facts, { ignoreKinds: [kind] });
        expect(ignoring.checks.map((c) => [c.met, c.message])).toEqual(plain.checks.map((c) => [c.met, c.message]));
        expect(ignoring.eligible).toBe(eligibleExcept(plain, kind));
        expect(evaluate(tier, facts, { ignoreKinds: RULE_KINDS }).eligible).toBe(true);
        if (plain.eligible) expect(ignoring.eligible).toBe(true);
      }),
    );
  });

  it('exam start never asks for more than eligibility does, except the tier below', () => {
    fc.assert(
      fc.property(tierArb, factsArb, (tier, facts) => {
        const start = evaluateExamStart(tier, facts);
        if (evaluate(tier, facts).eligible) expect(start.eligible).toBe(true);
        for (const c of start.checks) if (c.ignored) expect(c.rule).toEqual({ kind: 'exam', tier: tier.code, minScore: (c.rule as { minScore: number }).minScore });
      }),
    );
  });

  it('facts reduced to what factNeeds asks for give the same checks', () => {
    fc.assert(
      fc.property(fc.array(tierArb, { minLength: 1, maxLength: 3 }), factsArb, (tiers, facts) => {
        const needs = factNeeds(tiers);
        const reduced: StudentFacts = {
          minutesBySystem: Object.fromEntries(needs.systems.map((s) => [s, facts.minutesBySystem?.[s]])),
          bestExamScores: Object.fromEntries(needs.examTiers.map((t) => [t, facts.bestExamScores?.[t]])),
          ...(needs.drills ? { drillsPassed: facts.drillsPassed } : {}),
          ...(needs.directions ? { directions: facts.directions } : {}),
          ...(needs.attendance ? { attendance: facts.attendance } : {}),
          ...(needs.tiersHeld ? { tiersHeld: facts.tiersHeld } : {}),
        };
        for (const tier of tiers) expect(evaluate(tier, reduced).checks).toEqual(evaluate(tier, facts).checks);
      }),
    );
  });
});

describe('validation laws', () => {
  it('generated rule lists are valid, and parseRules returns them unchanged', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => {
        expect(validateRules(rules, { knownTierCodes: TIER_CODES })).toEqual([]);
        expect(parseRules(JSON.parse(JSON.stringify(rules)))).toEqual({ ok: true, rules });
      }),
    );
  });

  it('a negative threshold is always reported at its rule and field', () => {
    fc.assert(
      fc.property(rulesArb, fc.nat(), fc.integer({ min: -1000, max: -1 }), (rules, at, negative) => {
        const withThreshold = rules
          .map((r, i) => [r, i] as const)
          .filter(([r]) => ['hours', 'exam', 'drills', 'attendance'].includes(r.kind));
        if (withThreshold.length === 0) return;
        const [rule, index] = withThreshold[at % withThreshold.length];
        const field = { hours: 'minHours', exam: 'minScore', drills: 'minPassed', attendance: 'minPercent' }[rule.kind as 'hours'];
        const broken = rules.map((r, i) => (i === index ? { ...r, [field]: negative } : r));
        expect(validateRules(broken)).toContainEqual(expect.objectContaining({ index, field, code: 'NEGATIVE_THRESHOLD' }));
      }),
    );
  });

  it('repeating any rule is reported as a duplicate of the first', () => {
    fc.assert(
      fc.property(rulesArb, ruleArb, (rules, extra) => {
        const list = [...rules, extra, extra];
        const problems = validateRules(list);
        expect(problems).toContainEqual(expect.objectContaining({ index: list.length - 1, code: 'DUPLICATE_RULE' }));
      }),
    );
  });

  it('never throws on arbitrary JSON, and every problem points into the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.array(fc.dictionary(fc.constantFrom('kind', 'system', 'tier', 'minHours', 'minScore', 'x'), fc.jsonValue()))), (input) => {
        const problems = validateRules(input);
        for (const p of problems) {
          if (p.index !== null) expect(Array.isArray(input) && p.index < input.length).toBe(true);
          expect(p.message.length).toBeGreaterThan(0);
        }
        if (problems.length === 0) expect(parseRules(input).ok).toBe(true);
      }),
    );
  });
});
