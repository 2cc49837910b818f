import {
  defaultTiers,
  eligibleExcept,
  evaluate,
  evaluateAll,
  evaluateExamStart,
  checkRule,
  type RuleCheck,
  type StudentFacts,
  type Tier,
  type TierEvaluation,
} from '@lms/eligibility';

const [CXO1, CXO2, CXO3] = defaultTiers();
const H = 60; // minutes per hour

const byKind = (ev: TierEvaluation, kind: RuleCheck['kind']) => ev.checks.filter((c) => c.kind === kind);
const messages = (ev: TierEvaluation) => ev.checks.map((c) => c.message);

/** A student who meets every default rule of every tier. */
const complete: StudentFacts = {
  minutesBySystem: { practical: 64 * H, general: 40 * H, training: 10 * H, professional: 30 * H },
  bestExamScores: { 'cxo-1': { score: 90, maxScore: 100 }, 'cxo-2': { score: 88, maxScore: 100 }, 'cxo-3': { score: 95, maxScore: 100 } },
  drillsPassed: 33,
  directions: [
    { code: 'visual_design', name: '视觉设计', completed: 2, total: 6 },
    { code: 'store_operations', name: '店铺运营', completed: 6, total: 6 },
  ],
  attendance: { attended: 15, scheduled: 16 },
  tiersHeld: ['cxo-1', 'cxo-2'],
};

describe('default tiers', () => {
  it('are the design defaults: codes, Chinese names, levels and rules', () => {
    expect(defaultTiers().map((t) => [t.code, t.name, t.level])).toEqual([
      ['cxo-1', '阿里巴巴一段客户体验官', 1],
      ['cxo-2', '阿里巴巴二段客户体验官', 2],
      ['cxo-3', '阿里巴巴三段客户体验官', 3],
    ]);
    expect(CXO1.rules).toEqual([
      { kind: 'hours', system: 'practical', minHours: 64 },
      { kind: 'exam', tier: 'cxo-1', minScore: 80 },
    ]);
    expect(CXO2.rules).toEqual([
      { kind: 'holds_tier', tier: 'cxo-1' },
      { kind: 'drills', minPassed: 30 },
      { kind: 'hours', system: 'general', minHours: 20 },
      { kind: 'exam', tier: 'cxo-2', minScore: 85 },
    ]);
    expect(CXO3.rules).toEqual([
      { kind: 'holds_tier', tier: 'cxo-2' },
      { kind: 'direction' },
      { kind: 'hours', system: 'general', minHours: 40 },
      { kind: 'exam', tier: 'cxo-3', minScore: 90 },
    ]);
  });

  it('returns a fresh copy each time, so editing one never changes the defaults', () => {
    const a = defaultTiers();
    (a[0].rules[0] as { minHours: number }).minHours = 1;
    expect(defaultTiers()[0].rules[0]).toEqual({ kind: 'hours', system: 'practical', minHours: 64 });
  });
});

describe('evaluate: the default tiers over a student who meets everything', () => {
  it.each([CXO1, CXO2, CXO3])('$code is eligible with every check met and explained', (tier) => {
    const ev = evaluate(tier, complete);
    expect(ev.eligible).toBe(true);
    expect(ev.unmet).toEqual([]);
    expect(ev.checks.map((c) => [c.index, c.kind, c.met, c.ignored])).toEqual(tier.rules.map((r, i) => [i, r.kind, true, false]));
  });

  it('explains met checks in Chinese', () => {
    expect(messages(evaluate(CXO1, complete))).toEqual(['实务技巧学时已满 64 小时', '一段认证考试已通过（最高 90 分，需 80 分）']);
    expect(messages(evaluate(CXO2, complete))).toEqual([
      '已持有一段客户体验官证书',
      '已通过 33 个不同的实训场景（需 30 个）',
      '通用能力学时已满 20 小时',
      '二段认证考试已通过（最高 88 分，需 85 分）',
    ]);
    expect(messages(evaluate(CXO3, complete))).toEqual([
      '已持有二段客户体验官证书',
      '已完成店铺运营方向全部 6 门课程',
      '通用能力学时已满 40 小时',
      '三段认证考试已通过（最高 95 分，需 90 分）',
    ]);
  });

  it('reports whether the student already holds the tier', () => {
    expect(evaluateAll(defaultTiers(), complete).map((e) => [e.tierCode, e.held])).toEqual([
      ['cxo-1', true],
      ['cxo-2', true],
      ['cxo-3', false],
    ]);
  });
});

describe('evaluate: missing facts', () => {
  const empty: StudentFacts = {};

  it('a student with no facts at all meets no default rule, and every message says what is missing', () => {
    const [one, two, three] = evaluateAll(defaultTiers(), empty);
    expect(messages(one)).toEqual(['实务技巧学时还差 64 小时', '尚未参加一段认证考试']);
    expect(messages(two)).toEqual([
      '尚未取得一段客户体验官证书',
      '实训场景还差 30 个（已通过 0 个，需 30 个）',
      '通用能力学时还差 20 小时',
      '尚未参加二段认证考试',
    ]);
    expect(messages(three)).toEqual(['尚未取得二段客户体验官证书', '尚无可完成的专业方向课程', '通用能力学时还差 40 小时', '尚未参加三段认证考试']);
    for (const ev of [one, two, three]) {
      expect(ev.eligible).toBe(false);
      expect(ev.held).toBe(false);
      expect(ev.unmet).toHaveLength(ev.checks.length);
    }
  });

  it('an exam never attempted has actual null; a null entry counts as never attempted', () => {
    for (const facts of [empty, { bestExamScores: {} }, { bestExamScores: { 'cxo-1': null } }] as StudentFacts[]) {
      const [, exam] = evaluate(CXO1, facts).checks;
      expect(exam).toMatchObject({ kind: 'exam', met: false, required: 80, actual: null, attempted: false, message: '尚未参加一段认证考试' });
    }
  });

  it('a system missing from the minutes counts as 0 hours', () => {
    const [hours] = evaluate(CXO1, { minutesBySystem: { general: 100 * H } }).checks;
    expect(hours).toMatchObject({ met: false, required: 64, actual: 0, actualMinutes: 0, requiredMinutes: 64 * H, missingMinutes: 64 * H });
  });

  it('attendance with nothing scheduled has no rate: unmet unless the threshold is 0', () => {
    const tier: Tier = { code: 'x', name: '测试', level: 1, rules: [{ kind: 'attendance', minPercent: 80 }, { kind: 'attendance', minPercent: 0 }] };
    for (const attendance of [undefined, null, { attended: 0, scheduled: 0 }]) {
      const ev = evaluate(tier, { attendance });
      expect(ev.checks.map((c) => [c.met, c.actual, c.message])).toEqual([
        [false, null, '尚无线下课考勤记录'],
        [true, null, '尚无线下课考勤记录，出勤率不作要求'],
      ]);
    }
  });

  it('nonsense numbers from a query (NaN, negative) count as none, never print NaN', () => {
    const ev = evaluate(CXO2, {
      minutesBySystem: { general: Number.NaN },
      drillsPassed: -3,
      bestExamScores: { 'cxo-2': { score: Number.NaN, maxScore: 100 } },
      tiersHeld: [],
    });
    expect(messages(ev)).toEqual([
      '尚未取得一段客户体验官证书',
      '实训场景还差 30 个（已通过 0 个，需 30 个）',
      '通用能力学时还差 20 小时',
      '二段认证考试未通过（最高 0 分，需 85 分）',
    ]);
  });
});

describe('evaluate: every rule kind, at and around its threshold', () => {
  const one = (rule: Tier['rules'][number], facts: StudentFacts) => checkRule(rule, facts);

  it.each([
    // minutes, met, message
    [64 * H, true, '实务技巧学时已满 64 小时'],
    [64 * H + 1, true, '实务技巧学时已满 64 小时'],
    [64 * H - 1, false, '实务技巧学时还差 1 分钟'],
    [52 * H, false, '实务技巧学时还差 12 小时'],
    [52 * H + 30, false, '实务技巧学时还差 11 小时 30 分钟'],
    [0, false, '实务技巧学时还差 64 小时'],
  ])('hours: practical %i minutes against 64 h → met %s', (minutes, met, message) => {
    expect(one({ kind: 'hours', system: 'practical', minHours: 64 }, { minutesBySystem: { practical: minutes } })).toMatchObject({ met, message });
  });

  it('hours: labels every course system, and fractional thresholds in whole minutes', () => {
    const facts: StudentFacts = { minutesBySystem: { practical: 0, general: 0, training: 0, professional: 0 } };
    expect(one({ kind: 'hours', system: 'general', minHours: 1 }, facts).message).toBe('通用能力学时还差 1 小时');
    expect(one({ kind: 'hours', system: 'training', minHours: 2.5 }, facts).message).toBe('实训学时还差 2 小时 30 分钟');
    expect(one({ kind: 'hours', system: 'professional', minHours: 0.25 }, facts).message).toBe('专业技能学时还差 15 分钟');
    expect(one({ kind: 'hours', system: 'professional', minHours: 0 }, facts)).toMatchObject({ met: true, message: '专业技能学时已满 0 小时' });
    expect(one({ kind: 'hours', system: 'general', minHours: 20 }, { minutesBySystem: { general: 1234 } })).toMatchObject({
      met: true,
      required: 20,
      actual: 20.56,
      actualMinutes: 1234,
      missingMinutes: 0,
    });
  });

  it.each([
    // score, maxScore, met, actual, message
    [80, 100, true, 80, '一段认证考试已通过（最高 80 分，需 80 分）'],
    [72, 100, false, 72, '一段认证考试未通过（最高 72 分，需 80 分）'],
    [79, 100, false, 79, '一段认证考试未通过（最高 79 分，需 80 分）'],
    [40, 50, true, 80, '一段认证考试已通过（最高 80 分，需 80 分）'],
    [39, 50, false, 78, '一段认证考试未通过（最高 78 分，需 80 分）'],
    // 239/300 = 79.666…%: shown rounded down, so it never looks like 80
    [239, 300, false, 79.6, '一段认证考试未通过（最高 79.6 分，需 80 分）'],
    [0, 100, false, 0, '一段认证考试未通过（最高 0 分，需 80 分）'],
  ])('exam: best %i of %i against ≥ 80 → met %s', (score, maxScore, met, actual, message) => {
    expect(one({ kind: 'exam', tier: 'cxo-1', minScore: 80 }, { bestExamScores: { 'cxo-1': { score, maxScore } } })).toMatchObject({
      met,
      actual,
      attempted: true,
      message,
    });
  });

  it('exam: reads the score of the rule’s tier only, and a maxScore of 0 counts as no attempt', () => {
    const facts: StudentFacts = { bestExamScores: { 'cxo-1': { score: 100, maxScore: 100 }, 'cxo-3': { score: 0, maxScore: 0 } } };
    expect(one({ kind: 'exam', tier: 'cxo-2', minScore: 85 }, facts)).toMatchObject({ met: false, attempted: false, message: '尚未参加二段认证考试' });
    expect(one({ kind: 'exam', tier: 'cxo-3', minScore: 0 }, facts)).toMatchObject({ met: false, attempted: false, message: '尚未参加三段认证考试' });
  });

  it('holds_tier: met only by the named tier', () => {
    const rule = { kind: 'holds_tier', tier: 'cxo-2' } as const;
    expect(one(rule, { tiersHeld: ['cxo-1'] })).toMatchObject({ met: false, required: 'cxo-2', actual: false, message: '尚未取得二段客户体验官证书' });
    expect(one(rule, { tiersHeld: ['cxo-1', 'cxo-2'] })).toMatchObject({ met: true, actual: true, message: '已持有二段客户体验官证书' });
  });

  it.each([
    [30, true, '已通过 30 个不同的实训场景（需 30 个）'],
    [29, false, '实训场景还差 1 个（已通过 29 个，需 30 个）'],
    [25, false, '实训场景还差 5 个（已通过 25 个，需 30 个）'],
  ])('drills: %i distinct passed against ≥ 30 → met %s', (drillsPassed, met, message) => {
    expect(one({ kind: 'drills', minPassed: 30 }, { drillsPassed })).toMatchObject({ met, required: 30, actual: drillsPassed, message });
  });

  describe('direction', () => {
    const any = { kind: 'direction' } as const;

    it('is met by any one completed direction, and shows that one', () => {
      const check = one(any, complete);
      expect(check).toMatchObject({ met: true, direction: 'store_operations', directionName: '店铺运营', required: 6, actual: 6 });
    });

    it('when none is complete, shows the direction missing the fewest courses', () => {
      const facts: StudentFacts = {
        directions: [
          { code: 'visual_design', name: '视觉设计', completed: 1, total: 6 },
          { code: 'marketing', name: '营销推广', completed: 4, total: 6 },
          { code: 'content_marketing', name: '内容营销', completed: 0, total: 0 },
        ],
      };
      expect(one(any, facts)).toMatchObject({
        met: false,
        direction: 'marketing',
        required: 6,
        actual: 4,
        message: '营销推广方向课程还差 2 门（已完成 4/6 门）',
      });
    });

    it('a direction without courses is never complete; without a name the code is shown', () => {
      expect(one(any, { directions: [{ code: 'content_marketing', completed: 0, total: 0 }] })).toMatchObject({
        met: false,
        direction: null,
        message: '尚无可完成的专业方向课程',
      });
      expect(one(any, { directions: [{ code: 'marketing', completed: 5, total: 6 }] }).message).toBe('marketing方向课程还差 1 门（已完成 5/6 门）');
    });

    it('a rule naming a direction looks at that direction only', () => {
      const rule = { kind: 'direction', direction: 'visual_design' } as const;
      expect(one(rule, complete)).toMatchObject({ met: false, direction: 'visual_design', message: '视觉设计方向课程还差 4 门（已完成 2/6 门）' });
      expect(one(rule, {})).toMatchObject({ met: false, direction: 'visual_design', directionName: null });
    });

    it('more completed than published (a course was unpublished) counts as complete', () => {
      expect(one(any, { directions: [{ code: 'marketing', name: '营销推广', completed: 7, total: 6 }] })).toMatchObject({ met: true, actual: 6 });
    });
  });

  it.each([
    [16, 20, 80, true, 80, '出勤率 80%，已达到 80%'],
    [15, 20, 80, false, 75, '出勤率 75%，未达到 80%（已到 15/20 次）'],
    [2, 3, 67, false, 66.6, '出勤率 66.6%，未达到 67%（已到 2/3 次）'],
    [2, 3, 66, true, 66.6, '出勤率 66.6%，已达到 66%'],
    [3, 3, 100, true, 100, '出勤率 100%，已达到 100%'],
  ])('attendance: %i of %i against ≥ %i%% → met %s', (attended, scheduled, minPercent, met, actual, message) => {
    expect(one({ kind: 'attendance', minPercent }, { attendance: { attended, scheduled } })).toMatchObject({ met, actual, attended, scheduled, message });
  });
});

describe('evaluate: edited rules', () => {
  it('a lowered threshold makes the same facts eligible; a raised one does not', () => {
    const facts: StudentFacts = { minutesBySystem: { practical: 60 * H }, bestExamScores: { 'cxo-1': { score: 78, maxScore: 100 } } };
    expect(evaluate(CXO1, facts).eligible).toBe(false);
    const lowered: Tier = { ...CXO1, rules: [{ kind: 'hours', system: 'practical', minHours: 60 }, { kind: 'exam', tier: 'cxo-1', minScore: 75 }] };
    expect(evaluate(lowered, facts).eligible).toBe(true);
    const raised: Tier = { ...CXO1, rules: [{ kind: 'hours', system: 'practical', minHours: 60 }, { kind: 'exam', tier: 'cxo-1', minScore: 79 }] };
    expect(evaluate(raised, facts).unmet.map((c) => c.message)).toEqual(['一段认证考试未通过（最高 78 分，需 79 分）']);
  });

  it('added rules (attendance, drills on 一段) are checked, in the order the admin wrote them', () => {
    const edited: Tier = {
      ...CXO1,
      rules: [...CXO1.rules, { kind: 'attendance', minPercent: 90 }, { kind: 'drills', minPassed: 5 }],
    };
    const ev = evaluate(edited, complete);
    expect(ev.checks.map((c) => [c.index, c.kind, c.met])).toEqual([
      [0, 'hours', true],
      [1, 'exam', true],
      [2, 'attendance', true],
      [3, 'drills', true],
    ]);
    expect(evaluate(edited, { ...complete, attendance: { attended: 8, scheduled: 10 } }).unmet.map((c) => c.message)).toEqual([
      '出勤率 80%，未达到 90%（已到 8/10 次）',
    ]);
  });

  it('a removed rule no longer counts', () => {
    const noExam: Tier = { ...CXO1, rules: [CXO1.rules[0]] };
    expect(evaluate(noExam, { minutesBySystem: { practical: 64 * H } }).eligible).toBe(true);
  });

  it('a tier may require another tier’s exam, and the exam check reads that tier’s score', () => {
    const edited: Tier = { ...CXO2, rules: [{ kind: 'exam', tier: 'cxo-1', minScore: 95 }] };
    expect(evaluate(edited, complete).unmet.map((c) => c.message)).toEqual(['一段认证考试未通过（最高 90 分，需 95 分）']);
  });
});

describe('ignoring rules, exam start and eligibleExcept', () => {
  const readyForExam: StudentFacts = { minutesBySystem: { practical: 64 * H } };

  it('ignoreKinds leaves the checks in the result, marked ignored, and out of eligible', () => {
    const ev = evaluate(CXO1, readyForExam, { ignoreKinds: ['exam'] });
    expect(ev.eligible).toBe(true);
    expect(ev.checks[1]).toMatchObject({ kind: 'exam', met: false, ignored: true });
    expect(ev.unmet).toEqual([]);
  });

  it('a student may start the 一段 exam once every other rule of 一段 is met', () => {
    expect(evaluateExamStart(CXO1, readyForExam).eligible).toBe(true);
    const early = evaluateExamStart(CXO1, { minutesBySystem: { practical: 10 * H } });
    expect(early.eligible).toBe(false);
    expect(early.unmet.map((c) => c.message)).toEqual(['实务技巧学时还差 54 小时']);
  });

  it('only the tier’s own exam is waived: another tier’s exam rule still counts', () => {
    const edited: Tier = { ...CXO2, rules: [...CXO2.rules, { kind: 'exam', tier: 'cxo-1', minScore: 95 }] };
    const ev = evaluateExamStart(edited, complete);
    expect(ev.unmet.map((c) => [c.index, c.message])).toEqual([[4, '一段认证考试未通过（最高 90 分，需 95 分）']]);
    expect(ev.checks[3]).toMatchObject({ kind: 'exam', ignored: true });
  });

  it('the 二段 exam needs 一段 held even when an admin removed that rule', () => {
    const withoutHolds: Tier = { ...CXO2, rules: CXO2.rules.filter((r) => r.kind !== 'holds_tier') };
    const facts: StudentFacts = { ...complete, tiersHeld: [] };
    const ev = evaluateExamStart(withoutHolds, facts, defaultTiers());
    expect(ev.eligible).toBe(false);
    expect(ev.unmet).toEqual([expect.objectContaining({ index: -1, kind: 'holds_tier', required: 'cxo-1', message: '尚未取得一段客户体验官证书' })]);
    // Not added twice when the rule is there, and never for level 1.
    expect(evaluateExamStart(CXO2, facts, defaultTiers()).checks.filter((c) => c.kind === 'holds_tier')).toHaveLength(1);
    expect(evaluateExamStart(CXO1, {}, defaultTiers()).checks).toHaveLength(2);
  });

  it('eligibleExcept: true when everything unmet is of that kind (or passes the predicate)', () => {
    const ev = evaluate(CXO1, readyForExam);
    expect(ev.eligible).toBe(false);
    expect(eligibleExcept(ev, 'exam')).toBe(true);
    expect(eligibleExcept(ev, 'hours')).toBe(false);
    const twoAway = evaluate(CXO2, { tiersHeld: ['cxo-1'], drillsPassed: 30 });
    expect(byKind(twoAway, 'hours')[0].met).toBe(false);
    expect(eligibleExcept(twoAway, 'exam')).toBe(false);
    expect(eligibleExcept(twoAway, (c) => c.kind === 'exam' || c.kind === 'hours')).toBe(true);
    // An eligible student is eligible except anything.
    expect(eligibleExcept(evaluate(CXO1, complete), 'drills')).toBe(true);
  });
});
