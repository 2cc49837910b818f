import { DomainError } from '../common/domain-error';

export const ReportsErrorCode = {
  UnknownCohort: 'REPORT_COHORT_NOT_FOUND',
  CohortNotInYear: 'REPORT_COHORT_NOT_IN_YEAR',
} as const;

export class ReportsError extends DomainError {}

export const unknownCohort = () => new ReportsError(ReportsErrorCode.UnknownCohort, 404, 'No cohort has this id');
export const cohortNotInYear = (year: number, cohortYear: number | null) =>
  new ReportsError(ReportsErrorCode.CohortNotInYear, 400, `The cohort belongs to ${cohortYear ?? 'no year'}, not ${year}`, { cohortYear });
