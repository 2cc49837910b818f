import { Injectable } from '@nestjs/common';
import { evaluate, evaluateExamStart, type TierEvaluation } from '@lms/eligibility';
import { TierExamGate } from '../assessment/tier-exam-gate';
import type { AuthUser } from '../identity/auth.decorators';
import { UserDirectory } from '../identity/user-directory.service';
import { cohortNotFound, notYourEligibility, studentNotFound, tierExamNotEligible, tierNotFound } from './certification.errors';
import { CohortBoardView, StudentEligibilityView, toBoardRow } from './certification.views';
import { EligibilityFacts } from './eligibility-facts.service';
import { TierRules } from './tier-rules.service';

/** Eligibility per student and per cohort, and the gate in front of the tier exams. */
@Injectable()
export class EligibilityService implements TierExamGate {
  constructor(
    private readonly tiers: TierRules,
    private readonly facts: EligibilityFacts,
    private readonly users: UserDirectory,
  ) {}

  async forStudent(studentId: string, caller: AuthUser): Promise<StudentEligibilityView> {
    if (caller.role === 'student' && caller.id !== studentId) throw notYourEligibility();
    const student = await this.users.student(studentId);
    if (!student) throw studentNotFound();
    const tiers = await this.tiers.current();
    const facts = (await this.facts.of([studentId], tiers)).get(studentId)!;
    return {
      studentId,
      username: student.username,
      displayName: student.displayName,
      tiers: tiers.map((t) => ({ ...evaluate(t, facts), ruleVersion: t.ruleVersion })),
    };
  }

  /** The cohort board: every active student with, per tier, eligible / held / what is missing. */
  async cohortBoard(cohortId: string, tierCode?: string): Promise<CohortBoardView> {
    const cohort = await this.users.cohort(cohortId);
    if (!cohort) throw cohortNotFound();
    const all = await this.tiers.current();
    const tiers = tierCode ? all.filter((t) => t.code === tierCode) : all;
    if (tiers.length === 0) throw tierNotFound();
    const students = await this.users.studentsOfCohort(cohortId);
    const facts = await this.facts.of(
      students.map((s) => s.id),
      tiers,
    );
    const rows = students.map((s) => toBoardRow(s, tiers.map((t) => evaluate(t, facts.get(s.id)!))));
    return {
      cohortId,
      cohortName: cohort.name,
      tiers: tiers.map((t) => ({
        code: t.code,
        name: t.name,
        ruleVersion: t.ruleVersion,
        held: rows.filter((r) => r.tiers.find((x) => x.tierCode === t.code)!.held).length,
        eligible: rows.filter((r) => {
          const x = r.tiers.find((y) => y.tierCode === t.code)!;
          return x.eligible && !x.held;
        }).length,
      })),
      students: rows,
    };
  }

  /** Evaluations of one tier for many students (batch issuing). */
  async evaluateTier(tierCode: string, studentIds: string[]): Promise<{ tier: Awaited<ReturnType<TierRules['current']>>[number]; evaluations: Map<string, TierEvaluation>; facts: Map<string, unknown> }> {
    const tier = (await this.tiers.current()).find((t) => t.code === tierCode);
    if (!tier) throw tierNotFound();
    const facts = await this.facts.of(studentIds, [tier]);
    return { tier, evaluations: new Map(studentIds.map((id) => [id, evaluate(tier, facts.get(id)!)])), facts };
  }

  async assertMayStart(studentId: string, tierCode: string): Promise<void> {
    const tiers = await this.tiers.current();
    const tier = tiers.find((t) => t.code === tierCode);
    // An exam may name a tier an admin has not defined: nothing to check against.
    if (!tier) return;
    const facts = (await this.facts.of([studentId], tiers)).get(studentId)!;
    const evaluation = evaluateExamStart(tier, facts, tiers);
    if (!evaluation.eligible) throw tierExamNotEligible(tierCode, evaluation.unmet);
  }
}
