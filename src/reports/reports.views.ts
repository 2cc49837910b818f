import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the report routes answer. Every figure is computed from the records when asked. */

export class HoursLine {
  @ApiProperty({ example: 'practical' }) system: string;
  @ApiProperty({ example: '实务技巧' }) systemName: string;
  @ApiProperty() minutes: number;
  @ApiProperty() hours: number;
}

export class ExamLine {
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) tierCode: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty() graded: number;
  @ApiProperty() passed: number;
  /** passed ÷ graded, 0..1 (null when nothing is graded). */
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'passed ÷ graded, 0..1' }) passRate: number | null;
  @ApiProperty() students: number;
  @ApiProperty() studentsPassed: number;
}

export class TierCertificates {
  @ApiProperty({ example: 'cxo-1' }) tierCode: string;
  @ApiProperty({ example: '阿里巴巴一段客户体验官' }) tierName: string;
  /** Certificates of the tier issued in the scope (any status). */
  @ApiProperty({ description: 'Certificates of the tier issued in the scope (any status)' }) issued: number;
  @ApiProperty() revoked: number;
  /** Students whose highest tier (by certificates in the scope, not revoked) is this one: "一段 94 人，二段 1 人". */
  @ApiProperty({ description: 'Students whose highest tier in the scope is this one' }) highestHolders: number;
}

export class CertificationFigures {
  /** Students of completed cohorts who handed in a certification (tier) exam. */
  @ApiProperty({ description: 'Students of completed cohorts who handed in a tier exam' }) sat: number;
  /** Of those, students holding a certificate (not revoked) issued in the scope. */
  @ApiProperty({ description: 'Of those, students holding a certificate (not revoked) issued in the scope' }) certified: number;
  /** certified ÷ sat, 0..1 (null when nobody sat). */
  @ApiPropertyOptional({ type: Number, nullable: true }) passRate: number | null;
  /** passRate as a whole percent (82 for 95 ÷ 116). */
  @ApiPropertyOptional({ type: Number, nullable: true, example: 82 }) passRatePercent: number | null;
  @ApiProperty({ type: [TierCertificates] }) byTier: TierCertificates[];
}

export class TierForecastLine {
  @ApiProperty() tierCode: string;
  @ApiProperty() tierName: string;
  @ApiProperty() eligibleNow: number;
  @ApiProperty() oneRuleAway: number;
  /** eligibleNow + oneRuleAway: 预计通过. */
  @ApiProperty({ description: 'eligibleNow + oneRuleAway (预计通过)' }) predicted: number;
  @ApiProperty() held: number;
}

export class CohortForecast {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() cohortName: string;
  @ApiProperty() students: number;
  @ApiProperty({ type: [TierForecastLine] }) tiers: TierForecastLine[];
}

export class CohortLine {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) year: number | null;
  @ApiProperty() students: number;
  /** completed: certificates have been issued to the cohort; in_training: none yet (the forecast covers it). */
  @ApiProperty({ enum: ['completed', 'in_training'] }) stage: 'completed' | 'in_training';
}

export class LessonFigures {
  @ApiProperty() completed: number;
  @ApiProperty() total: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) completionRate: number | null;
}

export class DrillFigures {
  @ApiProperty() distinctPassed: number;
  @ApiProperty() studentsWithPass: number;
}

export class AttendanceFigures {
  @ApiProperty() attended: number;
  @ApiProperty() scheduled: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) rate: number | null;
}

export class ReportFigures {
  @ApiProperty() students: number;
  @ApiProperty({ type: [HoursLine] }) hours: HoursLine[];
  @ApiProperty() totalHours: number;
  @ApiProperty({ type: LessonFigures }) lessons: LessonFigures;
  @ApiProperty({ type: [ExamLine] }) exams: ExamLine[];
  @ApiProperty({ type: CertificationFigures }) certification: CertificationFigures;
  @ApiProperty({ type: DrillFigures }) drills: DrillFigures;
  @ApiProperty({ type: AttendanceFigures }) attendance: AttendanceFigures;
  @ApiProperty({ type: [CohortForecast] }) forecast: CohortForecast[];
}

export class OverviewView extends ReportFigures {
  @ApiProperty({ example: 2022 }) year: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) cohortId: string | null;
  @ApiProperty() trainers: number;
  @ApiProperty({ type: [CohortLine] }) cohorts: CohortLine[];
  @ApiProperty() generatedAt: string;
}

export class CohortFiguresLine extends CohortLine {
  @ApiProperty({ type: ReportFigures }) figures: ReportFigures;
}

export class AnnualView extends OverviewView {
  /** The figures per cohort of the year. */
  @ApiProperty({ type: [CohortFiguresLine] }) byCohort: CohortFiguresLine[];
  /** The annual report's sentences (企业年报 四、2), written from the figures. */
  @ApiProperty({ type: [String] }) summary: string[];
}
