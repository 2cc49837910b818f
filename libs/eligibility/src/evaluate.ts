import { floorTo, formatMinutes, tierShortLabel } from './format';
import {
  COURSE_SYSTEM_LABELS,
  type AttendanceCheck,
  type AttendanceRule,
  type DirectionCheck,
  type DirectionProgress,
  type DirectionRule,
  type DrillsCheck,
  type DrillsRule,
  type EvaluateOptions,
  type ExamCheck,
  type ExamRule,
  type HoldsTierCheck,
  type HoldsTierRule,
  type HoursCheck,
  type HoursRule,
  type Rule,
  type RuleCheck,
  type RuleKind,
  type StudentFacts,
  type Tier,
  type TierEvaluation,
} from './types';

// Facts come from the database through services; a NaN or a negative count must not make a
// sentence say "还差 NaN 小时". Non-finite numbers count as none.
const finite = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
const count = (n: unknown): number => Math.max(0, Math.floor(finite(n)));

function checkHours(rule: HoursRule, facts: StudentFacts): Omit<HoursCheck, 'index' | 'ignored'> {
  const label = COURSE_SYSTEM_LABELS[rule.system] ?? rule.system;
  const requiredMinutes = Math.round(finite(rule.minHours) * 60);
  const actualMinutes = Math.round(finite(facts.minutesBySystem?.[rule.system]));
  const met = actualMinutes >= requiredMinutes;
  const missingMinutes = met ? 0 : requiredMinutes - actualMinutes;
  return {
    kind: 'hours',
    rule,
    met,
    required: requiredMinutes / 60,
    actual: floorTo(actualMinutes / 60, 2),
    requiredMinutes,
    actualMinutes,
    missingMinutes,
    message: met
      ? `${label}学时已满 ${formatMinutes(requiredMinutes)}`
      : `${label}学时还差 ${formatMinutes(missingMinutes)}`,
  };
}

function checkExam(rule: ExamRule, facts: StudentFacts): Omit<ExamCheck, 'index' | 'ignored'> {
  const label = `${tierShortLabel(rule.tier)}认证考试`;
  const best = facts.bestExamScores?.[rule.tier];
  const maxScore = finite(best?.maxScore);
  if (!best || maxScore <= 0) {
    return {
      kind: 'exam',
      rule,
      met: false,
      required: rule.minScore,
      actual: null,
      attempted: false,
      message: `尚未参加${label}`,
    };
  }
  const score = Math.max(0, finite(best.score));
  // Compared without division: score / maxScore ≥ minScore / 100.
  const met = score * 100 >= rule.minScore * maxScore;
  const percent = floorTo((score * 100) / maxScore, 1);
  return {
    kind: 'exam',
    rule,
    met,
    required: rule.minScore,
    actual: percent,
    attempted: true,
    message: met
      ? `${label}已通过（最高 ${percent} 分，需 ${rule.minScore} 分）`
      : `${label}未通过（最高 ${percent} 分，需 ${rule.minScore} 分）`,
  };
}

function checkHoldsTier(rule: HoldsTierRule, facts: StudentFacts): Omit<HoldsTierCheck, 'index' | 'ignored'> {
  const held = (facts.tiersHeld ?? []).includes(rule.tier);
  const label = `${tierShortLabel(rule.tier)}客户体验官证书`;
  return {
    kind: 'holds_tier',
    rule,
    met: held,
    required: rule.tier,
    actual: held,
    message: held ? `已持有${label}` : `尚未取得${label}`,
  };
}

function checkDrills(rule: DrillsRule, facts: StudentFacts): Omit<DrillsCheck, 'index' | 'ignored'> {
  const actual = count(facts.drillsPassed);
  const met = actual >= rule.minPassed;
  return {
    kind: 'drills',
    rule,
    met,
    required: rule.minPassed,
    actual,
    message: met
      ? `已通过 ${actual} 个不同的实训场景（需 ${rule.minPassed} 个）`
      : `实训场景还差 ${rule.minPassed - actual} 个（已通过 ${actual} 个，需 ${rule.minPassed} 个）`,
  };
}

interface Progress {
  code: string;
  name: string;
  completed: number;
  total: number;
}

const isComplete = (p: Progress): boolean => p.total > 0 && p.completed >= p.total;

/** The direction to show: a completed one, else the one missing the fewest courses (then the larger share, then code order). */
function closestDirection(progress: Progress[]): Progress | undefined {
  const candidates = progress.filter((p) => p.total > 0);
  candidates.sort((a, b) => {
    const ca = isComplete(a) ? 0 : 1;
    const cb = isComplete(b) ? 0 : 1;
    if (ca !== cb) return ca - cb;
    const ma = Math.max(0, a.total - a.completed);
    const mb = Math.max(0, b.total - b.completed);
    if (ma !== mb) return ma - mb;
    const share = b.completed * a.total - a.completed * b.total;
    if (share !== 0) return share;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
  return candidates[0];
}

function toProgress(d: DirectionProgress): Progress {
  const total = count(d.total);
  return {
    code: String(d.code),
    name: typeof d.name === 'string' && d.name.trim() !== '' ? d.name : String(d.code),
    completed: Math.min(count(d.completed), total),
    total,
  };
}

function checkDirection(rule: DirectionRule, facts: StudentFacts): Omit<DirectionCheck, 'index' | 'ignored'> {
  const all = (facts.directions ?? []).map(toProgress);
  const pool = rule.direction === undefined ? all : all.filter((p) => p.code === rule.direction);
  const shown = closestDirection(pool);
  const base = { kind: 'direction' as const, rule };
  if (!shown) {
    return {
      ...base,
      met: false,
      required: 0,
      actual: 0,
      direction: rule.direction ?? null,
      directionName: null,
      message: rule.direction === undefined ? '尚无可完成的专业方向课程' : `${rule.direction}方向尚无课程`,
    };
  }
  const met = isComplete(shown);
  const missing = shown.total - shown.completed;
  return {
    ...base,
    met,
    required: shown.total,
    actual: shown.completed,
    direction: shown.code,
    directionName: shown.name,
    message: met
      ? `已完成${shown.name}方向全部 ${shown.total} 门课程`
      : `${shown.name}方向课程还差 ${missing} 门（已完成 ${shown.completed}/${shown.total} 门）`,
  };
}

function checkAttendance(rule: AttendanceRule, facts: StudentFacts): Omit<AttendanceCheck, 'index' | 'ignored'> {
  const scheduled = count(facts.attendance?.scheduled);
  const attended = Math.min(count(facts.attendance?.attended), scheduled);
  const base = { kind: 'attendance' as const, rule, required: rule.minPercent, attended, scheduled };
  if (scheduled === 0) {
    // Nothing scheduled: no rate. Only a 0 % threshold is met by having no record.
    const met = rule.minPercent <= 0;
    return { ...base, met, actual: null, message: met ? '尚无线下课考勤记录，出勤率不作要求' : '尚无线下课考勤记录' };
  }
  const met = attended * 100 >= rule.minPercent * scheduled;
  const percent = floorTo((attended * 100) / scheduled, 1);
  return {
    ...base,
    met,
    actual: percent,
    message: met
      ? `出勤率 ${percent}%，已达到 ${rule.minPercent}%`
      : `出勤率 ${percent}%，未达到 ${rule.minPercent}%（已到 ${attended}/${scheduled} 次）`,
  };
}

/** Evaluates one rule against the facts (not yet placed in a tier: index −1, not ignored). */
export function checkRule(rule: Rule, facts: StudentFacts): RuleCheck {
  const placed = { index: -1, ignored: false };
  switch (rule.kind) {
    case 'hours':
      return { ...checkHours(rule, facts), ...placed };
    case 'exam':
      return { ...checkExam(rule, facts), ...placed };
    case 'holds_tier':
      return { ...checkHoldsTier(rule, facts), ...placed };
    case 'drills':
      return { ...checkDrills(rule, facts), ...placed };
    case 'direction':
      return { ...checkDirection(rule, facts), ...placed };
    case 'attendance':
      return { ...checkAttendance(rule, facts), ...placed };
    default: {
      const unknown: never = rule;
      throw new Error(`Unknown rule kind: ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}

function summarize(tier: Tier, facts: StudentFacts, checks: RuleCheck[]): TierEvaluation {
  const unmet = checks.filter((c) => !c.met && !c.ignored);
  return {
    tierCode: tier.code,
    tierName: tier.name,
    eligible: unmet.length === 0,
    held: (facts.tiersHeld ?? []).includes(tier.code),
    checks,
    unmet,
  };
}

/**
 * Evaluates every rule of a tier: per rule what is required, what the student has, whether it is
 * met, and a Chinese sentence. `eligible` is true iff every rule not ignored by `options` is met.
 */
export function evaluate(tier: Tier, facts: StudentFacts, options: EvaluateOptions = {}): TierEvaluation {
  const ignoreKinds = new Set<RuleKind>(options.ignoreKinds ?? []);
  const checks = tier.rules.map((rule, index) => ({
    ...checkRule(rule, facts),
    index,
    ignored: ignoreKinds.has(rule.kind) || (options.ignore?.(rule, index) ?? false),
  }));
  return summarize(tier, facts, checks);
}

/** Evaluates every tier (in the order given). */
export function evaluateAll(tiers: readonly Tier[], facts: StudentFacts, options: EvaluateOptions = {}): TierEvaluation[] {
  return tiers.map((tier) => evaluate(tier, facts, options));
}

/**
 * Whether the student may start the tier's certification exam: every rule of the tier except the
 * tier's own exam must be met, and — when `allTiers` is given and the tier is above level 1 — the
 * student must hold the tier one level below, even if an admin removed that rule. The added
 * check has index −1.
 */
export function evaluateExamStart(tier: Tier, facts: StudentFacts, allTiers: readonly Tier[] = []): TierEvaluation {
  const own = evaluate(tier, facts, { ignore: (rule) => rule.kind === 'exam' && rule.tier === tier.code });
  const below = allTiers.find((t) => t.level === tier.level - 1 && t.code !== tier.code);
  const required = below && !tier.rules.some((r) => r.kind === 'holds_tier' && r.tier === below.code);
  if (!required) return own;
  return summarize(tier, facts, [...own.checks, checkRule({ kind: 'holds_tier', tier: below.code }, facts)]);
}

/**
 * True when every unmet check (ignored ones aside) is of the given kind, or satisfies the given
 * predicate: "eligible except for the exam", "one rule away".
 */
export function eligibleExcept(evaluation: TierEvaluation, except: RuleKind | ((check: RuleCheck) => boolean)): boolean {
  const skip = typeof except === 'function' ? except : (c: RuleCheck) => c.kind === except;
  return evaluation.unmet.every(skip);
}
