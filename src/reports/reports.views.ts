/** What the report routes answer. Every figure is computed from the records when asked. */

export interface HoursLine {
  system: string;
  systemName: string;
  minutes: number;
  hours: number;
}

export interface ExamLine {
  examId: string;
  title: string;
  tierCode: string | null;
  attempts: number;
  graded: number;
  passed: number;
  /** passed ÷ graded, 0..1 (null when nothing is graded). */
  passRate: number | null;
  students: number;
  studentsPassed: number;
}

export interface TierCertificates {
  tierCode: string;
  tierName: string;
  /** Certificates of the tier issued in the scope (any status). */
  issued: number;
  revoked: number;
  /** Students whose highest tier (by certificates in the scope, not revoked) is this one: "一段 94 人，二段 1 人". */
  highestHolders: number;
}

export interface CertificationFigures {
  /** Students of completed cohorts who handed in a certification (tier) exam. */
  sat: number;
  /** Of those, students holding a certificate (not revoked) issued in the scope. */
  certified: number;
  /** certified ÷ sat, 0..1 (null when nobody sat). */
  passRate: number | null;
  /** passRate as a whole percent (82 for 95 ÷ 116). */
  passRatePercent: number | null;
  byTier: TierCertificates[];
}

export interface TierForecastLine {
  tierCode: string;
  tierName: string;
  eligibleNow: number;
  oneRuleAway: number;
  /** eligibleNow + oneRuleAway: 预计通过. */
  predicted: number;
  held: number;
}

export interface CohortForecast {
  cohortId: string;
  cohortName: string;
  students: number;
  tiers: TierForecastLine[];
}

export interface CohortLine {
  id: string;
  name: string;
  year: number | null;
  students: number;
  /** completed: certificates have been issued to the cohort; in_training: none yet (the forecast covers it). */
  stage: 'completed' | 'in_training';
}

export interface ReportFigures {
  students: number;
  hours: HoursLine[];
  totalHours: number;
  lessons: { completed: number; total: number; completionRate: number | null };
  exams: ExamLine[];
  certification: CertificationFigures;
  drills: { distinctPassed: number; studentsWithPass: number };
  attendance: { attended: number; scheduled: number; rate: number | null };
  forecast: CohortForecast[];
}

export interface OverviewView extends ReportFigures {
  year: number;
  cohortId: string | null;
  trainers: number;
  cohorts: CohortLine[];
  generatedAt: string;
}

export interface AnnualView extends OverviewView {
  /** The figures per cohort of the year. */
  byCohort: Array<CohortLine & { figures: ReportFigures }>;
  /** The annual report's sentences (企业年报 四、2), written from the figures. */
  summary: string[];
}
