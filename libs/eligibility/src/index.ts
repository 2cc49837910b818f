// @lms/eligibility: tier rules as data, evaluated as pure functions over a student's facts, with a
// Chinese explanation of every check (no framework, no I/O).
export * from './types';
export { defaultTiers, TIER_NAMES } from './defaults';
export { checkRule, evaluate, evaluateAll, evaluateExamStart, eligibleExcept } from './evaluate';
export { validateRules, validateTiers, parseRules, ruleKey, MAX_RULES, MAX_HOURS, MAX_DRILLS, type ParsedRules } from './validate';
export { factNeeds } from './needs';
export { chineseNumeral, tierShortLabel, formatMinutes, floorTo } from './format';
