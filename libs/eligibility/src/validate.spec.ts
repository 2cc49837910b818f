import { defaultTiers, parseRules, validateRules, validateTiers, factNeeds, type RuleProblem, type Tier } from '@lms/eligibility';

const codes = (problems: RuleProblem[]) => problems.map((p) => [p.index, p.field, p.code]);

describe('validateRules', () => {
  it('accepts every default tier’s rules in the context of the default tiers', () => {
    const tiers = defaultTiers();
    for (const tier of tiers) {
      expect(validateRules(tier.rules, { tierCode: tier.code, knownTierCodes: tiers.map((t) => t.code) })).toEqual([]);
    }
    expect(validateTiers(tiers)).toEqual([]);
  });

  it.each([
    ['not an array', { kind: 'hours' }, [[null, null, 'NOT_AN_ARRAY']]],
    ['null', null, [[null, null, 'NOT_AN_ARRAY']]],
    ['an empty list', [], [[null, null, 'NO_RULES']]],
    ['too many rules', Array.from({ length: 51 }, () => ({ kind: 'drills', minPassed: 1 })), [[null, null, 'TOO_MANY_RULES']]],
  ])('rejects %s as a whole', (_label, input, expected) => {
    expect(codes(validateRules(input))).toEqual(expected);
  });

  it.each([
    ['a rule that is not an object', ['hours'], [[0, null, 'NOT_AN_OBJECT']]],
    ['an array as a rule', [[]], [[0, null, 'NOT_AN_OBJECT']]],
    ['an unknown kind', [{ kind: 'gpa', min: 3 }], [[0, 'kind', 'UNKNOWN_KIND']]],
    ['a missing kind', [{ minPassed: 3 }], [[0, 'kind', 'MISSING_FIELD']]],
    ['an unknown field', [{ kind: 'drills', minPassed: 3, maxPassed: 9 }], [[0, 'maxPassed', 'UNKNOWN_FIELD']]],
    ['a field named like an Object method', [{ kind: 'drills', minPassed: 3, toString: 1 }], [[0, 'toString', 'UNKNOWN_FIELD']]],
    ['a missing threshold', [{ kind: 'hours', system: 'practical' }], [[0, 'minHours', 'MISSING_FIELD']]],
    ['a missing system', [{ kind: 'hours', minHours: 3 }], [[0, 'system', 'MISSING_FIELD']]],
    ['a missing tier', [{ kind: 'holds_tier' }], [[0, 'tier', 'MISSING_FIELD']]],
    ['negative hours', [{ kind: 'hours', system: 'practical', minHours: -1 }], [[0, 'minHours', 'NEGATIVE_THRESHOLD']]],
    ['hours as a string', [{ kind: 'hours', system: 'practical', minHours: '64' }], [[0, 'minHours', 'NOT_A_NUMBER']]],
    ['NaN hours', [{ kind: 'hours', system: 'practical', minHours: Number.NaN }], [[0, 'minHours', 'NOT_A_NUMBER']]],
    ['hours that are not whole minutes', [{ kind: 'hours', system: 'practical', minHours: 1.001 }], [[0, 'minHours', 'NOT_WHOLE_MINUTES']]],
    ['absurd hours', [{ kind: 'hours', system: 'practical', minHours: 100_000 }], [[0, 'minHours', 'THRESHOLD_TOO_LARGE']]],
    ['an unknown course system', [{ kind: 'hours', system: 'sales', minHours: 3 }], [[0, 'system', 'UNKNOWN_COURSE_SYSTEM']]],
    ['a course system that is not a string', [{ kind: 'hours', system: 3, minHours: 3 }], [[0, 'system', 'NOT_A_STRING']]],
    ['a score above 100', [{ kind: 'exam', tier: 'cxo-1', minScore: 101 }], [[0, 'minScore', 'SCORE_ABOVE_100']]],
    ['a negative score', [{ kind: 'exam', tier: 'cxo-1', minScore: -5 }], [[0, 'minScore', 'NEGATIVE_THRESHOLD']]],
    ['a fractional score', [{ kind: 'exam', tier: 'cxo-1', minScore: 80.5 }], [[0, 'minScore', 'NOT_AN_INTEGER']]],
    ['a blank exam tier', [{ kind: 'exam', tier: ' ', minScore: 80 }], [[0, 'tier', 'NOT_A_STRING']]],
    ['a rate above 100', [{ kind: 'attendance', minPercent: 120 }], [[0, 'minPercent', 'RATE_ABOVE_100']]],
    ['a negative rate', [{ kind: 'attendance', minPercent: -1 }], [[0, 'minPercent', 'NEGATIVE_THRESHOLD']]],
    ['a fractional drill count', [{ kind: 'drills', minPassed: 2.5 }], [[0, 'minPassed', 'NOT_AN_INTEGER']]],
    ['an absurd drill count', [{ kind: 'drills', minPassed: 1e9 }], [[0, 'minPassed', 'THRESHOLD_TOO_LARGE']]],
    ['a blank direction', [{ kind: 'direction', direction: '' }], [[0, 'direction', 'NOT_A_STRING']]],
  ])('names the rule and field of %s', (_label, input, expected) => {
    expect(codes(validateRules(input))).toEqual(expected);
  });

  it('reports every problem at once, each with its path and an English message', () => {
    const problems = validateRules([
      { kind: 'hours', system: 'practical', minHours: 64 },
      { kind: 'exam', tier: 'cxo-1', minScore: 180, extra: true },
      { kind: 'attendance', minPercent: 101 },
    ]);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['rules[1].extra', 'UNKNOWN_FIELD'],
      ['rules[1].minScore', 'SCORE_ABOVE_100'],
      ['rules[2].minPercent', 'RATE_ABOVE_100'],
    ]);
    for (const p of problems) expect(p.message.startsWith(`${p.path}: `)).toBe(true);
  });

  it('refuses a tier that requires holding itself', () => {
    expect(codes(validateRules([{ kind: 'holds_tier', tier: 'cxo-2' }], { tierCode: 'cxo-2' }))).toEqual([[0, 'tier', 'HOLDS_ITSELF']]);
    expect(validateRules([{ kind: 'holds_tier', tier: 'cxo-1' }], { tierCode: 'cxo-2' })).toEqual([]);
  });

  it('checks tiers and directions against the known ones when given', () => {
    const context = { knownTierCodes: ['cxo-1', 'cxo-2'], knownDirections: ['marketing'] };
    expect(
      codes(
        validateRules(
          [
            { kind: 'holds_tier', tier: 'cxo-9' },
            { kind: 'exam', tier: 'cxo-7', minScore: 80 },
            { kind: 'direction', direction: 'cooking' },
            { kind: 'direction', direction: 'marketing' },
            { kind: 'direction' },
          ],
          context,
        ),
      ),
    ).toEqual([
      [0, 'tier', 'UNKNOWN_TIER'],
      [1, 'tier', 'UNKNOWN_TIER'],
      [2, 'direction', 'UNKNOWN_DIRECTION'],
    ]);
  });

  it.each([
    ['two hours rules of one system', [{ kind: 'hours', system: 'general', minHours: 20 }, { kind: 'hours', system: 'general', minHours: 40 }]],
    ['two exam rules of one tier', [{ kind: 'exam', tier: 'cxo-1', minScore: 80 }, { kind: 'exam', tier: 'cxo-1', minScore: 80 }]],
    ['two holds rules of one tier', [{ kind: 'holds_tier', tier: 'cxo-1' }, { kind: 'holds_tier', tier: 'cxo-1' }]],
    ['two drills rules', [{ kind: 'drills', minPassed: 1 }, { kind: 'drills', minPassed: 30 }]],
    ['two any-direction rules', [{ kind: 'direction' }, { kind: 'direction' }]],
    ['two attendance rules', [{ kind: 'attendance', minPercent: 50 }, { kind: 'attendance', minPercent: 80 }]],
  ])('refuses %s as a duplicate, naming the later one', (_label, input) => {
    const problems = validateRules(input);
    expect(codes(problems)).toEqual([[1, null, 'DUPLICATE_RULE']]);
    expect(problems[0].message).toContain('rules[0]');
  });

  it('does not call rules of different systems, tiers or directions duplicates', () => {
    expect(
      validateRules([
        { kind: 'hours', system: 'general', minHours: 20 },
        { kind: 'hours', system: 'practical', minHours: 64 },
        { kind: 'exam', tier: 'cxo-1', minScore: 80 },
        { kind: 'exam', tier: 'cxo-2', minScore: 85 },
        { kind: 'direction' },
        { kind: 'direction', direction: 'marketing' },
      ]),
    ).toEqual([]);
  });

  it('never throws on any JSON', () => {
    for (const input of [undefined, 0, 'rules', {}, [null], [undefined], [{ kind: null }], [{ kind: 'hours', system: null, minHours: null }], [Object.create(null)]]) {
      expect(() => validateRules(input)).not.toThrow();
      expect(validateRules(input).length).toBeGreaterThan(0);
    }
  });
});

describe('parseRules', () => {
  it('returns the typed rules when valid, with exactly their own fields', () => {
    const parsed = parseRules([{ minHours: 64, system: 'practical', kind: 'hours' }, { kind: 'direction' }]);
    expect(parsed).toEqual({ ok: true, rules: [{ kind: 'hours', system: 'practical', minHours: 64 }, { kind: 'direction' }] });
    expect(Object.keys((parsed as { rules: object[] }).rules[0])).toEqual(['kind', 'system', 'minHours']);
  });

  it('returns the problems when not', () => {
    expect(parseRules([{ kind: 'hours' }])).toMatchObject({ ok: false, problems: [{ code: 'MISSING_FIELD' }, { code: 'MISSING_FIELD' }] });
  });
});

describe('validateTiers', () => {
  const tier = (code: string, level: number, rules: unknown[]): Tier => ({ code, name: code, level, rules: rules as Tier['rules'] });

  it('finds a holds_tier cycle across tiers and names the rule that closes it', () => {
    const problems = validateTiers([
      tier('cxo-1', 1, [{ kind: 'holds_tier', tier: 'cxo-3' }]),
      tier('cxo-2', 2, [{ kind: 'holds_tier', tier: 'cxo-1' }]),
      tier('cxo-3', 3, [{ kind: 'drills', minPassed: 1 }, { kind: 'holds_tier', tier: 'cxo-2' }]),
    ]);
    expect(problems.map((p) => [p.tierCode, p.index, p.code])).toEqual([
      ['cxo-1', 0, 'HOLDS_CYCLE'],
      ['cxo-2', 0, 'HOLDS_CYCLE'],
      ['cxo-3', 1, 'HOLDS_CYCLE'],
    ]);
  });

  it('reports a tier holding itself once, as HOLDS_ITSELF', () => {
    const problems = validateTiers([tier('cxo-1', 1, [{ kind: 'holds_tier', tier: 'cxo-1' }])]);
    expect(problems.map((p) => [p.tierCode, p.code])).toEqual([['cxo-1', 'HOLDS_ITSELF']]);
  });

  it('reports duplicate tier codes, rules naming tiers outside the set, and rule problems per tier', () => {
    const problems = validateTiers([
      tier('cxo-1', 1, [{ kind: 'exam', tier: 'cxo-1', minScore: 80 }]),
      tier('cxo-1', 1, [{ kind: 'exam', tier: 'cxo-1', minScore: 80 }]),
      tier('cxo-2', 2, [{ kind: 'holds_tier', tier: 'cxo-5' }, { kind: 'attendance', minPercent: 200 }]),
    ]);
    expect(problems.map((p) => [p.tierCode, p.path, p.code])).toEqual([
      ['cxo-1', 'rules', 'DUPLICATE_TIER'],
      ['cxo-2', 'rules[0].tier', 'UNKNOWN_TIER'],
      ['cxo-2', 'rules[1].minPercent', 'RATE_ABOVE_100'],
    ]);
  });
});

describe('factNeeds', () => {
  it('asks for exactly what the default tiers use', () => {
    expect(factNeeds(defaultTiers())).toEqual({
      systems: ['practical', 'general'],
      examTiers: ['cxo-1', 'cxo-2', 'cxo-3'],
      drills: true,
      directions: true,
      attendance: false,
      tiersHeld: true,
    });
  });

  it('asks for nothing beyond one tier’s rules', () => {
    expect(factNeeds([defaultTiers()[0]])).toEqual({
      systems: ['practical'],
      examTiers: ['cxo-1'],
      drills: false,
      directions: false,
      attendance: false,
      tiersHeld: false,
    });
    expect(factNeeds([{ code: 'x', name: 'x', level: 1, rules: [{ kind: 'attendance', minPercent: 80 }] }])).toMatchObject({
      systems: [],
      examTiers: [],
      attendance: true,
    });
  });
});
