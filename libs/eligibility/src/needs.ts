import { COURSE_SYSTEM_CODES, type CourseSystemCode, type FactNeeds, type Tier } from './types';

/**
 * The facts needed to evaluate these tiers, so that the certification service queries only
 * those: the course systems of hours rules, the tiers of exam rules, and whether drills,
 * directions, attendance or held tiers appear in any rule. (A TierEvaluation's `held` reads
 * `tiersHeld` too; a caller that shows it queries held tiers regardless.)
 */
export function factNeeds(tiers: readonly Tier[]): FactNeeds {
  const systems = new Set<CourseSystemCode>();
  const examTiers = new Set<string>();
  const needs: FactNeeds = { systems: [], examTiers: [], drills: false, directions: false, attendance: false, tiersHeld: false };
  for (const tier of tiers) {
    for (const rule of tier.rules) {
      switch (rule.kind) {
        case 'hours':
          systems.add(rule.system);
          break;
        case 'exam':
          examTiers.add(rule.tier);
          break;
        case 'holds_tier':
          needs.tiersHeld = true;
          break;
        case 'drills':
          needs.drills = true;
          break;
        case 'direction':
          needs.directions = true;
          break;
        case 'attendance':
          needs.attendance = true;
          break;
      }
    }
  }
  needs.systems = COURSE_SYSTEM_CODES.filter((c) => systems.has(c));
  needs.examTiers = [...examTiers].sort();
  return needs;
}
