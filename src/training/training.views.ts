import { INTEGRITY_FLAG_TEXT, type IntegrityFlag, type Rubric, type RubricResult } from '@lms/grading';
import { minutesToHours } from '../catalog/catalog.views';
import type { ReviewWithAuthor, ResultWithTitle, SubmissionDetail } from './drill.repository';
import type { SubmissionStatus } from './entities/drill-submission.entity';
import type { TrainingScenario } from './entities/training-scenario.entity';

/** What a student sees of a scenario: never the rubric. */
export interface ScenarioView {
  id: string;
  title: string;
  summary: string;
  customerMessage: string;
  conversation: string[];
  hours: number;
  creditMinutes: number;
  hoursIsDefault: boolean;
}

/** What trainers and admins see: the rubric as well. */
export interface TrainerScenarioView extends ScenarioView {
  rubric: Rubric | null;
  requiresReview: boolean;
  position: number;
  updatedAt: string;
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
interface Located {
  matchedPhrase?: string;
  at?: number;
  end?: number;
  excerpt?: string;
}

export interface SubmissionResultView {
  points: Array<{ id: string; label: string; found: boolean; score: number; maxScore: number } & Located>;
  forbidden: Array<{ id: string; label: string; penalty: number; fatal: boolean } & Located>;
  sequenceRespected: boolean | null;
  explanation: string[];
}

export interface ReviewView {
  score: number;
  maxScore: number;
  passed: boolean;
  previousScore: number | null;
  previousPassed: boolean | null;
  comment: string;
  reviewerId: string;
  reviewerName: string;
  createdAt: string;
}

export interface SubmissionView {
  id: string;
  scenarioId: string;
  scenarioTitle: string;
  studentId: string;
  studentName: string;
  clientSubmissionId: string | null;
  reply: string;
  status: SubmissionStatus;
  statusText: string;
  requiresReview: boolean;
  /** Why the reply looked gamed (keyword_stuffing, copied_prompt); a passing reply with any went to review. */
  integrityFlags: IntegrityFlag[];
  /** An automatic pass sampled into the quality-review queue. */
  qaSampled: boolean;
  /** The score that counts: the scorer's, or the latest review's; null until final. */
  score: number | null;
  maxScore: number | null;
  passed: boolean | null;
  /** What the rubric scorer gave. */
  autoScore: number | null;
  autoPassed: boolean | null;
  result: SubmissionResultView | null;
  reviewComment: string | null;
  reviewedAt: string | null;
  reviewerId: string | null;
  /** Every review, oldest first (on the single-submission read). */
  reviews?: ReviewView[];
  /** Staff only: the rubric the reply was graded under. */
  rubric?: Rubric;
  submittedAt: string;
  gradedAt: string | null;
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

export interface DrillResultView {
  studentId: string;
  scenarioId: string;
  scenarioTitle: string;
  passed: boolean;
  bestScore: number | null;
  bestMaxScore: number | null;
  bestSubmissionId: string | null;
  gradedCount: number;
  credited: boolean;
  creditedMinutes: number;
  firstPassedAt: string | null;
  updatedAt: string;
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
