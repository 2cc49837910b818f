// Tier rules as data, a student's facts, and what evaluating one against the other explains.
// Pure types: no framework, no I/O. The certification module stores rules as JSON of these
// shapes (validated by validateRules) and fills StudentFacts from the owning modules' read services.

export type CourseSystemCode = 'practical' | 'general' | 'training' | 'professional';

export const COURSE_SYSTEM_CODES: readonly CourseSystemCode[] = ['practical', 'general', 'training', 'professional'];

/** The short Chinese label of each course system, as used in eligibility sentences (实务技巧学时…). */
export const COURSE_SYSTEM_LABELS: Readonly<Record<CourseSystemCode, string>> = {
  practical: '实务技巧',
  general: '通用能力',
  training: '实训',
  professional: '专业技能',
};

// ---------------------------------------------------------------- rules

/** Credited hours in one course system ≥ minHours (whole minutes: minHours × 60 is an integer). */
export interface HoursRule {
  kind: 'hours';
  system: CourseSystemCode;
  minHours: number;
}

/** The certification exam of `tier` passed with a best score ≥ minScore (percent of the maximum, integer 0–100). */
export interface ExamRule {
  kind: 'exam';
  tier: string;
  minScore: number;
}

/** Holds a valid certificate of `tier`. */
export interface HoldsTierRule {
  kind: 'holds_tier';
  tier: string;
}

/** At least minPassed distinct scenario drills passed (integer ≥ 0). */
export interface DrillsRule {
  kind: 'drills';
  minPassed: number;
}

/**
 * Every course of one professional direction completed: of `direction` when given, otherwise of
 * any one direction. A direction without courses never counts as completed.
 */
export interface DirectionRule {
  kind: 'direction';
  direction?: string;
}

/** Attendance rate (attended ÷ scheduled offline sessions) ≥ minPercent (integer 0–100). */
export interface AttendanceRule {
  kind: 'attendance';
  minPercent: number;
}

export type Rule = HoursRule | ExamRule | HoldsTierRule | DrillsRule | DirectionRule | AttendanceRule;
export type RuleKind = Rule['kind'];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

export const RULE_KINDS: readonly RuleKind[] = ['hours', 'exam', 'holds_tier', 'drills', 'direction', 'attendance'];

export interface Tier {
  /** `cxo-1`, `cxo-2`, `cxo-3`. */
  code: string;
  /** 阿里巴巴一段客户体验官 … */
  name: string;
  /** 1 for the first tier; the tier below has level − 1. */
  level: number;
  rules: Rule[];
}

// ---------------------------------------------------------------- facts

/** Best graded attempt of one tier exam: raw score and the attempt's maximum (percent = score ÷ maxScore). */
export interface ExamScore {
  score: number;
  maxScore: number;
}

export interface DirectionProgress {
  /** Direction code as the catalog stores it (`store_operations`). */
  code: string;
  /** Chinese name for sentences (店铺运营); the code is used when absent. */
  name?: string;
  /** Distinct published courses of the direction the student completed. */
  completed: number;
  /** Published courses of the direction. */
  total: number;
}

export interface AttendanceFacts {
  attended: number;
  scheduled: number;
}

/**
 * What is known about one student. Every part may be missing: a missing part means "none"
 * (no ledger entries, no graded attempt, no drills, no attendance, no certificates).
 */
export interface StudentFacts {
  /** Credited minutes per course system (hour ledger sums). */
  minutesBySystem?: Partial<Record<CourseSystemCode, number>>;
  /** Best graded attempt per tier exam, keyed by tier code; absent or null = never graded. */
  bestExamScores?: Readonly<Record<string, ExamScore | null | undefined>>;
  /** Distinct scenario drills passed. */
  drillsPassed?: number;
  /** Completed / total courses per professional direction. */
  directions?: readonly DirectionProgress[];
  /** Offline class attendance; absent (or nothing scheduled) = no record. */
  attendance?: AttendanceFacts | null;
  /** Codes of the tiers the student holds a valid certificate of. */
  tiersHeld?: readonly string[];
}

// ---------------------------------------------------------------- evaluation results

interface CheckBase<K extends RuleKind> {
  /** Position of the rule in its tier's rule list (-1 for a check the exam-start gate adds). */
  index: number;
  kind: K;
  rule: RuleOf<K>;
  met: boolean;
  /** Left out of `eligible` by the evaluation's options (e.g. the tier's own exam before it is taken). */
  ignored: boolean;
  /** One short Chinese sentence for the pages. */
  message: string;
}

export interface HoursCheck extends CheckBase<'hours'> {
  /** Hours required. */
  required: number;
  /** Hours credited, rounded down to 2 decimals. */
  actual: number;
  requiredMinutes: number;
  actualMinutes: number;
  /** Minutes still missing (0 when met). */
  missingMinutes: number;
}

export interface ExamCheck extends CheckBase<'exam'> {
  /** Minimum score (percent). */
  required: number;
  /** Best score in percent, rounded down to 1 decimal; null when never graded. */
  actual: number | null;
  attempted: boolean;
}

export interface HoldsTierCheck extends CheckBase<'holds_tier'> {
  /** The tier code that must be held. */
  required: string;
  actual: boolean;
}

export interface DrillsCheck extends CheckBase<'drills'> {
  required: number;
  actual: number;
}

export interface DirectionCheck extends CheckBase<'direction'> {
  /** Courses of the direction shown (the completed one, else the closest to completion); 0 if none. */
  required: number;
  /** Completed courses of that direction. */
  actual: number;
  /** The direction shown, or null when the student has no direction at all. */
  direction: string | null;
  directionName: string | null;
}

export interface AttendanceCheck extends CheckBase<'attendance'> {
  /** Minimum rate (percent). */
  required: number;
  /** Rate in percent rounded down to 1 decimal; null when nothing was scheduled. */
  actual: number | null;
  attended: number;
  scheduled: number;
}

export type RuleCheck = HoursCheck | ExamCheck | HoldsTierCheck | DrillsCheck | DirectionCheck | AttendanceCheck;

export interface TierEvaluation {
  tierCode: string;
  tierName: string;
  /** Every check that is not ignored is met. */
  eligible: boolean;
  /** The student already holds this tier. */
  held: boolean;
  checks: RuleCheck[];
  /** The checks that are neither met nor ignored, in rule order. */
  unmet: RuleCheck[];
}

export interface EvaluateOptions {
  /** Rule kinds left out of `eligible` (their checks are still reported, marked `ignored`). */
  ignoreKinds?: readonly RuleKind[];
  /** Any other rules to leave out. */
  ignore?: (rule: Rule, index: number) => boolean;
}

// ---------------------------------------------------------------- validation

export type RuleProblemCode =
  | 'NOT_AN_ARRAY'
  | 'NO_RULES'
  | 'TOO_MANY_RULES'
  | 'NOT_AN_OBJECT'
  | 'UNKNOWN_KIND'
  | 'UNKNOWN_FIELD'
  | 'MISSING_FIELD'
  | 'NOT_A_NUMBER'
  | 'NOT_AN_INTEGER'
  | 'NOT_WHOLE_MINUTES'
  | 'NEGATIVE_THRESHOLD'
  | 'THRESHOLD_TOO_LARGE'
  | 'SCORE_ABOVE_100'
  | 'RATE_ABOVE_100'
  | 'NOT_A_STRING'
  | 'UNKNOWN_COURSE_SYSTEM'
  | 'UNKNOWN_TIER'
  | 'UNKNOWN_DIRECTION'
  | 'HOLDS_ITSELF'
  | 'DUPLICATE_RULE'
  | 'DUPLICATE_TIER'
  | 'HOLDS_CYCLE';

export interface RuleProblem {
  /** Index of the rule in the list, or null for a problem with the list itself. */
  index: number | null;
  /** The rule's field at fault, or null for the rule (or list) as a whole. */
  field: string | null;
  /** `rules[2].minScore`, `rules[1]`, `rules`. */
  path: string;
  code: RuleProblemCode;
  /** English, for the API's 400 message. */
  message: string;
}

export interface TierProblem extends RuleProblem {
  tierCode: string;
}

export interface ValidateRulesContext {
  /** The tier the rules belong to (a tier cannot require holding itself). */
  tierCode?: string;
  /** When given, exam and holds_tier rules must name one of these tiers. */
  knownTierCodes?: readonly string[];
  /** When given, a direction rule's direction must be one of these. */
  knownDirections?: readonly string[];
}

// ---------------------------------------------------------------- fact needs

/** What the certification service must query to evaluate a set of tiers. */
export interface FactNeeds {
  /** Course systems whose credited minutes are needed. */
  systems: CourseSystemCode[];
  /** Tier codes whose exam's best score is needed. */
  examTiers: string[];
  drills: boolean;
  directions: boolean;
  attendance: boolean;
  tiersHeld: boolean;
}
