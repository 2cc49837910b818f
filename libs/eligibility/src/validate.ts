import {
  COURSE_SYSTEM_CODES,
  RULE_KINDS,
  type Rule,
  type RuleKind,
  type RuleProblem,
  type RuleProblemCode,
  type Tier,
  type TierProblem,
  type ValidateRulesContext,
} from './types';

// Validation of rules as an admin sends them (PUT /api/certification/tiers/:code): the input is
// untrusted JSON. Every problem names the rule's index, the field and a stable code, so that the
// route can answer 400 with all of them at once.

export const MAX_RULES = 50;
/** Hours above this are a typo, not a requirement (the whole curriculum is a few hundred hours). */
export const MAX_HOURS = 10_000;
/** Drill counts above this are a typo. */
export const MAX_DRILLS = 10_000;

type FieldSpec = 'hours' | 'score' | 'percent' | 'count' | 'system' | 'tier' | 'direction';

const FIELDS: Readonly<Record<RuleKind, Readonly<Record<string, { spec: FieldSpec; optional?: boolean }>>>> = {
  hours: { system: { spec: 'system' }, minHours: { spec: 'hours' } },
  exam: { tier: { spec: 'tier' }, minScore: { spec: 'score' } },
  holds_tier: { tier: { spec: 'tier' } },
  drills: { minPassed: { spec: 'count' } },
  direction: { direction: { spec: 'direction', optional: true } },
  attendance: { minPercent: { spec: 'percent' } },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKind = (v: unknown): v is RuleKind => typeof v === 'string' && (RULE_KINDS as readonly string[]).includes(v);

function problem(index: number | null, field: string | null, code: RuleProblemCode, message: string): RuleProblem {
  const path = index === null ? 'rules' : field === null ? `rules[${index}]` : `rules[${index}].${field}`;
  return { index, field, path, code, message: `${path}: ${message}` };
}

function checkField(
  index: number,
  field: string,
  spec: FieldSpec,
  value: unknown,
  context: ValidateRulesContext,
  out: RuleProblem[],
): void {
  const p = (code: RuleProblemCode, message: string) => out.push(problem(index, field, code, message));
  switch (spec) {
    case 'hours':
    case 'score':
    case 'percent':
    case 'count': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return void p('NOT_A_NUMBER', 'must be a finite number');
      if (value < 0) return void p('NEGATIVE_THRESHOLD', 'must not be negative');
      if (spec === 'hours') {
        if (!Number.isInteger(Math.round(value * 60 * 1e6) / 1e6)) return void p('NOT_WHOLE_MINUTES', 'must be a whole number of minutes (hours × 60 an integer)');
        if (value > MAX_HOURS) p('THRESHOLD_TOO_LARGE', `must be at most ${MAX_HOURS} hours`);
        return;
      }
      if (!Number.isInteger(value)) return void p('NOT_AN_INTEGER', 'must be an integer');
      if (spec === 'score' && value > 100) p('SCORE_ABOVE_100', 'a score is a percentage and must be at most 100');
      if (spec === 'percent' && value > 100) p('RATE_ABOVE_100', 'a rate is a percentage and must be at most 100');
      if (spec === 'count' && value > MAX_DRILLS) p('THRESHOLD_TOO_LARGE', `must be at most ${MAX_DRILLS}`);
      return;
    }
    case 'system':
      if (typeof value !== 'string') return void p('NOT_A_STRING', 'must be a course system code');
      if (!(COURSE_SYSTEM_CODES as readonly string[]).includes(value)) {
        p('UNKNOWN_COURSE_SYSTEM', `unknown course system "${value}" (expected one of ${COURSE_SYSTEM_CODES.join(', ')})`);
      }
      return;
    case 'tier':
      if (typeof value !== 'string' || value.trim() === '') return void p('NOT_A_STRING', 'must be a tier code');
      if (context.knownTierCodes && !context.knownTierCodes.includes(value)) p('UNKNOWN_TIER', `unknown tier "${value}"`);
      return;
    case 'direction':
      if (typeof value !== 'string' || value.trim() === '') return void p('NOT_A_STRING', 'must be a direction code');
      if (context.knownDirections && !context.knownDirections.includes(value)) p('UNKNOWN_DIRECTION', `unknown direction "${value}"`);
      return;
  }
}

/** The identity of a rule for duplicate detection: two rules with one key contradict or repeat each other. */
export function ruleKey(rule: Rule): string {
  switch (rule.kind) {
    case 'hours':
      return `hours:${rule.system}`;
    case 'exam':
      return `exam:${rule.tier}`;
    case 'holds_tier':
      return `holds_tier:${rule.tier}`;
    case 'direction':
      return `direction:${rule.direction ?? '*'}`;
    case 'drills':
    case 'attendance':
      return rule.kind;
  }
}

/**
 * Problems of a tier's rule list sent as untrusted JSON; empty when it is a valid `Rule[]`.
 * Checks: list shape, unknown kinds and fields, missing fields, thresholds (negative, not a number,
 * not an integer or whole minutes, score or rate above 100, absurdly large), unknown course systems,
 * tiers and directions, a tier requiring to hold itself, and duplicate rules.
 */
export function validateRules(input: unknown, context: ValidateRulesContext = {}): RuleProblem[] {
  if (!Array.isArray(input)) return [problem(null, null, 'NOT_AN_ARRAY', 'must be an array of rules')];
  if (input.length === 0) return [problem(null, null, 'NO_RULES', 'a tier needs at least one rule')];
  if (input.length > MAX_RULES) return [problem(null, null, 'TOO_MANY_RULES', `at most ${MAX_RULES} rules`)];

  const out: RuleProblem[] = [];
  const seen = new Map<string, number>();
  input.forEach((raw: unknown, index: number) => {
    if (!isRecord(raw)) return void out.push(problem(index, null, 'NOT_AN_OBJECT', 'must be an object'));
    if (!isKind(raw.kind)) {
      const shown = typeof raw.kind === 'string' ? `"${raw.kind}"` : String(raw.kind);
      return void out.push(
        problem(index, 'kind', raw.kind === undefined ? 'MISSING_FIELD' : 'UNKNOWN_KIND', `unknown rule kind ${shown} (expected one of ${RULE_KINDS.join(', ')})`),
      );
    }
    const fields = FIELDS[raw.kind];
    const before = out.length;
    for (const key of Object.keys(raw)) {
      if (key !== 'kind' && !Object.hasOwn(fields, key)) out.push(problem(index, key, 'UNKNOWN_FIELD', `is not a field of a ${raw.kind} rule`));
    }
    for (const [field, { spec, optional }] of Object.entries(fields)) {
      const value = raw[field];
      if (value === undefined) {
        if (!optional) out.push(problem(index, field, 'MISSING_FIELD', 'is required'));
        continue;
      }
      checkField(index, field, spec, value, context, out);
    }
    if (raw.kind === 'holds_tier' && context.tierCode !== undefined && raw.tier === context.tierCode) {
      out.push(problem(index, 'tier', 'HOLDS_ITSELF', `tier ${context.tierCode} cannot require holding itself`));
    }
    if (out.length > before) return;
    const key = ruleKey(raw as unknown as Rule);
    const first = seen.get(key);
    if (first !== undefined) out.push(problem(index, null, 'DUPLICATE_RULE', `repeats rules[${first}] (${key})`));
    else seen.set(key, index);
  });
  return out;
}

export type ParsedRules = { ok: true; rules: Rule[] } | { ok: false; problems: RuleProblem[] };

/** validateRules, and the typed rules when there is no problem (unknown input fields never pass). */
export function parseRules(input: unknown, context: ValidateRulesContext = {}): ParsedRules {
  const problems = validateRules(input, context);
  if (problems.length > 0) return { ok: false, problems };
  // Valid: copy each rule with exactly its own fields, in a stable order.
  const rules = (input as Record<string, unknown>[]).map((raw) => {
    const kind = raw.kind as RuleKind;
    const copy: Record<string, unknown> = { kind };
    for (const field of Object.keys(FIELDS[kind])) if (raw[field] !== undefined) copy[field] = raw[field];
    return copy as unknown as Rule;
  });
  return { ok: true, rules };
}

/**
 * Problems of a whole tier set: each tier's rules (with the set's codes as the known tiers),
 * duplicate tier codes, and holds_tier chains that come back to where they start (no student
 * could ever be eligible for a tier on such a cycle).
 */
export function validateTiers(tiers: readonly Tier[], context: Omit<ValidateRulesContext, 'tierCode' | 'knownTierCodes'> = {}): TierProblem[] {
  const out: TierProblem[] = [];
  const codes = tiers.map((t) => t.code);
  const firstOf = new Map<string, number>();
  tiers.forEach((tier, i) => {
    if (firstOf.has(tier.code)) {
      out.push({ ...problem(null, null, 'DUPLICATE_TIER', `tier ${tier.code} appears more than once`), tierCode: tier.code });
    } else firstOf.set(tier.code, i);
    for (const p of validateRules(tier.rules, { ...context, tierCode: tier.code, knownTierCodes: codes })) {
      out.push({ ...p, tierCode: tier.code });
    }
  });

  const holdsOf = (tier: Tier): { index: number; target: string }[] =>
    Array.isArray(tier.rules)
      ? tier.rules.flatMap((r: unknown, index) =>
          isRecord(r) && r.kind === 'holds_tier' && typeof r.tier === 'string' ? [{ index, target: r.tier }] : [],
        )
      : [];
  const requires = new Map<string, string[]>();
  for (const tier of tiers) requires.set(tier.code, [...(requires.get(tier.code) ?? []), ...holdsOf(tier).map((h) => h.target)]);
  const reaches = (from: string, goal: string): boolean => {
    const stack = [from];
    const visited = new Set<string>();
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (next === goal) return true;
      if (visited.has(next)) continue;
      visited.add(next);
      stack.push(...(requires.get(next) ?? []));
    }
    return false;
  };
  // A tier is on a cycle when a holds_tier rule of it leads, through other tiers' holds_tier
  // rules, back to it (holding itself directly is HOLDS_ITSELF, reported above).
  tiers.forEach((tier, i) => {
    if (firstOf.get(tier.code) !== i) return;
    const culprit = holdsOf(tier).find((h) => h.target !== tier.code && reaches(h.target, tier.code));
    if (culprit) {
      out.push({
        ...problem(culprit.index, 'tier', 'HOLDS_CYCLE', `holding ${culprit.target} requires, through holds_tier rules, holding ${tier.code} itself`),
        tierCode: tier.code,
      });
    }
  });
  return out;
}
