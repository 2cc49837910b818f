import { evaluate } from './evaluate';
import type { StudentFacts, Tier } from './types';

export interface TierForecast {
  tierCode: string;
  /** Holds a valid certificate of the tier already. */
  held: boolean;
  /** Meets every rule today (and does not hold it). */
  eligibleNow: boolean;
  /** Not eligible today, but at most one rule away (see forecastTiers). */
  oneRuleAway: boolean;
  /** eligibleNow or oneRuleAway: counted in 预计通过. */
  predicted: boolean;
  /** The rules still missing as the forecast counts them (Chinese sentences). */
  missing: string[];
}

/**
 * The forecast for a student still in training, tier by tier from the lowest level:
 * - eligible now: every rule met today;
 * - one rule away: at most one rule unmet, where a "holds tier X" rule counts as met when the
 *   student is forecast for X (they will hold it once the cohort's certificates are issued), and
 *   where the tier's own certification exam is left out while the student may not sit it yet
 *   because they do not hold the tier below (they can only sit it after that certificate).
 * A tier already held is neither. Pure: the facts are what the eligibility service reads.
 */
export function forecastTiers(tiers: readonly Tier[], facts: StudentFacts): TierForecast[] {
  const held = new Set(facts.tiersHeld ?? []);
  const forecast = new Set<string>();
  const out: TierForecast[] = [];
  for (const tier of [...tiers].sort((a, b) => a.level - b.level)) {
    const today = evaluate(tier, facts);
    const below = tiers.find((t) => t.level === tier.level - 1 && t.code !== tier.code);
    const examBlocked = below !== undefined && !held.has(below.code);
    const assumed = evaluate(
      tier,
      { ...facts, tiersHeld: [...held, ...forecast] },
      { ignore: (rule) => examBlocked && rule.kind === 'exam' && rule.tier === tier.code },
    );
    const isHeld = today.held;
    const eligibleNow = !isHeld && today.eligible;
    const oneRuleAway = !isHeld && !eligibleNow && assumed.unmet.length <= 1;
    if (isHeld || eligibleNow || oneRuleAway) forecast.add(tier.code);
    out.push({
      tierCode: tier.code,
      held: isHeld,
      eligibleNow,
      oneRuleAway,
      predicted: eligibleNow || oneRuleAway,
      missing: isHeld || eligibleNow ? [] : assumed.unmet.map((c) => c.message),
    });
  }
  return out;
}
