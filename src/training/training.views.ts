import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { INTEGRITY_FLAG_TEXT, type IntegrityFlag, type Rubric, type RubricResult } from '@lms/grading';
import { minutesToHours } from '../catalog/catalog.views';
import type { ReviewWithAuthor, ResultWithTitle, SubmissionDetail } from './drill.repository';
import type { SubmissionStatus } from './entities/drill-submission.entity';
import type { TrainingScenario } from './entities/training-scenario.entity';

/** What a student sees of a scenario: never the rubric. */
export class ScenarioView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) summary: string;
  @ApiProperty({ type: String }) customerMessage: string;
  @ApiProperty({ type: [String] }) conversation: string[];
  @ApiProperty({ type: Number }) hours: number;
  @ApiProperty({ type: Number }) creditMinutes: number;
  @ApiProperty({ type: Boolean }) hoursIsDefault: boolean;
}

/** What trainers and admins see: the rubric as well. */
export class TrainerScenarioView extends ScenarioView {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) rubric: Rubric | null;
  @ApiProperty({ type: Boolean }) requiresReview: boolean;
  @ApiProperty({ type: Number }) position: number;
  @ApiProperty({ type: String }) updatedAt: string;
}

export function toScenarioView(s: TrainingScenario): ScenarioView {
  return {
    id: s.id,
    title: s.title,
    summary: s.summary,
    customerMessage: s.conversation[0] ?? '',
    conversation: s.conversation,
    hours: minutesToHours(s.creditMinutes),
    creditMinutes: s.creditMinutes,
    hoursIsDefault: s.creditIsDefault,
  };
}

export function toTrainerScenarioView(s: TrainingScenario): TrainerScenarioView {
  const rubric = s.rubric as unknown as Rubric | null;
  return {
    ...toScenarioView(s),
    rubric,
    requiresReview: rubric?.requiresReview === true,
    position: s.position,
    updatedAt: s.updatedAt.toISOString(),
  };
}

const STATUS_TEXT: Record<SubmissionStatus, string> = {
  submitted: '评分中',
  needs_review: '待质检',
  graded: '已评定',
};

/** A found point or a used forbidden phrase, with the words of the reply where it was found. */
class Located {
  @ApiPropertyOptional({ type: String }) matchedPhrase?: string;
  @ApiPropertyOptional({ type: Number }) at?: number;
  @ApiPropertyOptional({ type: Number }) end?: number;
  @ApiPropertyOptional({ type: String }) excerpt?: string;
}

export class SubmissionResultView {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) points: Array<{ id: string; label: string; found: boolean; score: number; maxScore: number } & Located>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) forbidden: Array<{ id: string; label: string; penalty: number; fatal: boolean } & Located>;
  @ApiProperty({ type: Boolean, nullable: true }) sequenceRespected: boolean | null;
  @ApiProperty({ type: [String] }) explanation: string[];
}

/** Named apart from grading's ReviewView, so the two get separate schemas. */
@ApiSchema({ name: 'DrillReviewView' })
export class ReviewView {
  @ApiProperty({ type: Number }) score: number;
  @ApiProperty({ type: Number }) maxScore: number;
  @ApiProperty({ type: Boolean }) passed: boolean;
  @ApiProperty({ type: Number, nullable: true }) previousScore: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) previousPassed: boolean | null;
  @ApiProperty({ type: String }) comment: string;
  @ApiProperty({ type: String }) reviewerId: string;
  @ApiProperty({ type: String }) reviewerName: string;
  @ApiProperty({ type: String }) createdAt: string;
}

export class SubmissionView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) scenarioId: string;
  @ApiProperty({ type: String }) scenarioTitle: string;
  @ApiProperty({ type: String }) studentId: string;
  @ApiProperty({ type: String }) studentName: string;
  @ApiProperty({ type: String, nullable: true }) clientSubmissionId: string | null;
  @ApiProperty({ type: String }) reply: string;
  @ApiProperty({ enum: ['submitted', 'graded', 'needs_review'] }) status: SubmissionStatus;
  @ApiProperty({ type: String }) statusText: string;
  @ApiProperty({ type: Boolean }) requiresReview: boolean;
  /** Why the reply looked gamed (keyword_stuffing, copied_prompt); a passing reply with any went to review. */
  @ApiProperty({ isArray: true, enum: ['keyword_stuffing', 'copied_prompt'] }) integrityFlags: IntegrityFlag[];
  /** An automatic pass sampled into the quality-review queue. */
  @ApiProperty({ type: Boolean }) qaSampled: boolean;
  /** The score that counts: the scorer's, or the latest review's; null until final. */
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxScore: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed: boolean | null;
  /** What the rubric scorer gave. */
  @ApiProperty({ type: Number, nullable: true }) autoScore: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) autoPassed: boolean | null;
  @ApiProperty({ type: () => SubmissionResultView, nullable: true }) result: SubmissionResultView | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewerId: string | null;
  /** Every review, oldest first (on the single-submission read). */
  @ApiPropertyOptional({ type: () => [ReviewView] }) reviews?: ReviewView[];
  /** Staff only: the rubric the reply was graded under. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) rubric?: Rubric;
  @ApiProperty({ type: String }) submittedAt: string;
  @ApiProperty({ type: String, nullable: true }) gradedAt: string | null;
}

function locate(reply: string, x: { matchedPhrase?: string; at?: number; end?: number }): Located {
  if (x.at === undefined || x.end === undefined) return {};
  return { matchedPhrase: x.matchedPhrase, at: x.at, end: x.end, excerpt: reply.slice(x.at, x.end) };
}

/**
 * The explanation shown with a result: the scorer's findings point by point, then what decided
 * the outcome as it stands now. The scorer's own last line (its score and verdict) is replaced:
 * before a review it says the reply waits for one (and why), after a review it gives the
 * reviewer's score and verdict, so that a reviewed reply never reads "通过（待人工复核）".
 */
function explain(s: SubmissionDetail, r: RubricResult): string[] {
  const findings = r.explanation.slice(0, -1);
  const passScore = typeof s.rubric?.passScore === 'number' ? s.rubric.passScore : 0;
  const machine = `机评得分 ${s.autoScore}/${s.maxScore}，及格线 ${passScore}分，机评${s.autoPassed ? '通过' : '未通过'}`;
  const flags = (s.integrityFlags ?? []).map((f) => `${INTEGRITY_FLAG_TEXT[f] ?? f}，需人工质检`);
  if (s.reviewedAt !== null && s.score !== null && s.passed !== null) {
    const lines = [...findings, ...flags, machine, `质检复核：得分 ${s.score}/${s.maxScore}，${s.passed ? '通过' : '未通过'}`];
    if (s.reviewComment) lines.push(`质检意见：${s.reviewComment}`);
    return lines;
  }
  if (s.status === 'needs_review') return [...findings, ...flags, `${machine}（待人工复核）`];
  if (s.qaSampled) return [...r.explanation, '本次提交已被抽检，质检复核后结果可能调整'];
  return r.explanation;
}

function toResultView(s: SubmissionDetail, r: RubricResult): SubmissionResultView {
  const reply = s.reply;
  return {
    points: r.points.map((p) => ({ id: p.id, label: p.label, found: p.found, score: p.score, maxScore: p.maxScore, ...locate(reply, p) })),
    forbidden: r.forbidden.map((f) => ({ id: f.id, label: f.label, penalty: f.penalty, fatal: f.fatal, ...locate(reply, f) })),
    sequenceRespected: r.sequenceRespected,
    explanation: explain(s, r),
  };
}

function toReviewView(r: ReviewWithAuthor): ReviewView {
  return {
    score: r.score,
    maxScore: r.maxScore,
    passed: r.passed,
    previousScore: r.previousScore,
    previousPassed: r.previousPassed,
    comment: r.comment,
    reviewerId: r.reviewerId,
    reviewerName: r.reviewerName,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The explained result of a submission. Students never get the rubric (staff do, with `staff`). */
export function toSubmissionView(s: SubmissionDetail, opts: { staff: boolean; withReviews: boolean }): SubmissionView {
  return {
    id: s.id,
    scenarioId: s.scenarioId,
    scenarioTitle: s.scenarioTitle,
    studentId: s.studentId,
    studentName: s.studentName,
    clientSubmissionId: s.clientKey,
    reply: s.reply,
    status: s.status,
    statusText: STATUS_TEXT[s.status],
    requiresReview: s.requiresReview,
    integrityFlags: s.integrityFlags ?? [],
    qaSampled: s.qaSampled ?? false,
    score: s.score,
    maxScore: s.maxScore,
    passed: s.passed,
    autoScore: s.autoScore,
    autoPassed: s.autoPassed,
    result: s.result ? toResultView(s, s.result) : null,
    reviewComment: s.reviewComment,
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
    reviewerId: s.reviewedBy,
    ...(opts.withReviews && { reviews: s.reviews.map(toReviewView) }),
    ...(opts.staff && { rubric: s.rubric }),
    submittedAt: s.createdAt.toISOString(),
    gradedAt: s.gradedAt?.toISOString() ?? null,
  };
}

export class DrillResultView {
  @ApiProperty({ type: String }) studentId: string;
  @ApiProperty({ type: String }) scenarioId: string;
  @ApiProperty({ type: String }) scenarioTitle: string;
  @ApiProperty({ type: Boolean }) passed: boolean;
  @ApiProperty({ type: Number, nullable: true }) bestScore: number | null;
  @ApiProperty({ type: Number, nullable: true }) bestMaxScore: number | null;
  @ApiProperty({ type: String, nullable: true }) bestSubmissionId: string | null;
  @ApiProperty({ type: Number }) gradedCount: number;
  @ApiProperty({ type: Boolean }) credited: boolean;
  @ApiProperty({ type: Number }) creditedMinutes: number;
  @ApiProperty({ type: String, nullable: true }) firstPassedAt: string | null;
  @ApiProperty({ type: String }) updatedAt: string;
}

export function toDrillResultView(r: ResultWithTitle): DrillResultView {
  return {
    studentId: r.studentId,
    scenarioId: r.scenarioId,
    scenarioTitle: r.scenarioTitle,
    passed: r.passed,
    bestScore: r.bestScore,
    bestMaxScore: r.bestMaxScore,
    bestSubmissionId: r.bestSubmissionId,
    gradedCount: r.gradedCount,
    credited: r.credited,
    creditedMinutes: r.creditedMinutes,
    firstPassedAt: r.firstPassedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}
