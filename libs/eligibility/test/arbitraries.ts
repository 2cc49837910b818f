// fast-check arbitraries for @lms/eligibility's property tests. Kept outside src/ so the
// production build never requires fast-check (a dev dependency).
import fc from 'fast-check';
import {
  COURSE_SYSTEM_CODES,
  ruleKey,
  type CourseSystemCode,
  type DirectionProgress,
  type Rule,
  type StudentFacts,
  type Tier,
} from '@lms/eligibility';

export const TIER_CODES = ['cxo-1', 'cxo-2', 'cxo-3'] as const;
export const DIRECTIONS = [
  { code: 'visual_design', name: '视觉设计' },
  { code: 'marketing', name: '营销推广' },
  { code: 'store_operations', name: '店铺运营' },
  { code: 'content_marketing', name: '内容营销' },
] as const;

export const systemArb: fc.Arbitrary<CourseSystemCode> = fc.constantFrom(...COURSE_SYSTEM_CODES);
export const tierCodeArb = fc.constantFrom(...TIER_CODES);

/** Hours in whole minutes: n quarter hours (0 – 200 h). */
export const hoursThresholdArb = fc.integer({ min: 0, max: 800 }).map((q) => q / 4);

export const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ kind: fc.constant('hours' as const), system: systemArb, minHours: hoursThresholdArb }),
  fc.record({ kind: fc.constant('exam' as const), tier: tierCodeArb, minScore: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('holds_tier' as const), tier: tierCodeArb }),
  fc.record({ kind: fc.constant('drills' as const), minPassed: fc.integer({ min: 0, max: 40 }) }),
  fc.oneof(
    fc.constant({ kind: 'direction' as const }),
    fc.record({ kind: fc.constant('direction' as const), direction: fc.constantFrom(...DIRECTIONS.map((d) => d.code)) }),
  ),
  fc.record({ kind: fc.constant('attendance' as const), minPercent: fc.integer({ min: 0, max: 100 }) }),
);

/** A rule list without duplicates (what validateRules accepts, given no tier context). */
export const rulesArb: fc.Arbitrary<Rule[]> = fc.uniqueArray(ruleArb, { selector: ruleKey, minLength: 1, maxLength: 8 });

/** A tier whose rules never make it hold itself. */
export const tierArb: fc.Arbitrary<Tier> = fc
  .record({ level: fc.integer({ min: 1, max: 3 }), rules: rulesArb })
  .map(({ level, rules }) => {
    const code = `cxo-${level}`;
    return { code, name: `阿里巴巴${'一二三'[level - 1]}段客户体验官`, level, rules: rules.filter((r) => !(r.kind === 'holds_tier' && r.tier === code)) };
  })
  .filter((t) => t.rules.length > 0);

const examScoreArb = fc.option(
  fc.integer({ min: 1, max: 150 }).chain((maxScore) => fc.record({ score: fc.integer({ min: 0, max: maxScore }), maxScore: fc.constant(maxScore) })),
  { nil: null },
);

const directionsArb: fc.Arbitrary<DirectionProgress[]> = fc.subarray([...DIRECTIONS]).chain((ds) =>
  fc.tuple(
    ...ds.map((d) =>
      fc.integer({ min: 0, max: 8 }).chain((total) =>
        fc.record({
          code: fc.constant(d.code),
          name: fc.option(fc.constant(d.name), { nil: undefined }),
          completed: fc.integer({ min: 0, max: total }),
          total: fc.constant(total),
        }),
      ),
    ),
  ).map((list) => list.map((d) => (d.name === undefined ? { code: d.code, completed: d.completed, total: d.total } : d))),
);

/** Facts where any part may be missing. */
export const factsArb: fc.Arbitrary<StudentFacts> = fc.record(
  {
    minutesBySystem: fc.record(
      { practical: fc.nat(12_000), general: fc.nat(6_000), training: fc.nat(6_000), professional: fc.nat(6_000) },
      { requiredKeys: [] },
    ),
    bestExamScores: fc.record({ 'cxo-1': examScoreArb, 'cxo-2': examScoreArb, 'cxo-3': examScoreArb }, { requiredKeys: [] }),
    drillsPassed: fc.nat(40),
    directions: directionsArb,
    attendance: fc.option(
      fc.nat(40).chain((scheduled) => fc.record({ attended: fc.nat(scheduled), scheduled: fc.constant(scheduled) })),
      { nil: null },
    ),
    tiersHeld: fc.subarray([...TIER_CODES]),
  },
  { requiredKeys: [] },
);
