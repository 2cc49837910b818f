import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
// What leaves the API. Students' views are built here and only here, from rows that do not
// even carry answer keys, explanations or marks unless the exam's review policy allows it.
import type { AnswerKey, DrawRule, QuestionOption, QuestionType } from '@lms/grading';
import type { AttemptRow, ItemRow } from './attempts.repository';
import type { BankWithCount, QuestionRecord } from './banks.repository';
import type { AttemptStatus, Submitter } from './entities/attempt.entity';
import type { Exam, ReviewPolicy } from './entities/exam.entity';
import type { QuestionVersion } from './entities/question-version.entity';
import type { AttemptSummary } from './exams.repository';
import { contentOfVersion } from './question-input';

export class BankView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String, nullable: true }) code: string | null;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) description: string;
  @ApiProperty({ type: String, nullable: true }) systemCode: string | null;
  @ApiProperty({ type: String, nullable: true }) ownerId: string | null;
  @ApiProperty({ type: Boolean }) shared: boolean;
  @ApiProperty({ type: Number }) questionCount: number;
  @ApiProperty({ type: String }) createdAt: string;
}

/** The trainer's view of a question (design.md): with its answer key. */
export class QuestionView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) bankId: string;
  @ApiProperty({ type: String, nullable: true }) ref: string | null;
  @ApiProperty({ type: Number }) version: number;
  @ApiProperty({ type: Number }) keyRevision: number;
  @ApiProperty({ enum: ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer', 'scenario'] }) type: QuestionType;
  @ApiProperty({ type: String }) stem: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, nullable: true }) options: QuestionOption[] | null;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'boolean' }, { type: 'array', items: { type: 'array', items: { type: 'string' } } }, { type: 'object', additionalProperties: true }], description: 'The answer key; its shape depends on the question type' }) answer: AnswerKey;
  @ApiProperty({ type: Number }) points: number;
  @ApiProperty({ type: String, nullable: true }) scoring: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, nullable: true }) difficulty: string | null;
  @ApiProperty({ type: String, nullable: true }) explanation: string | null;
  @ApiProperty({ type: String }) createdAt: string;
  @ApiProperty({ type: String }) updatedAt: string;
}

export class QuestionVersionView extends OmitType(QuestionView, ['bankId', 'ref', 'updatedAt', 'id'] as const) {
  @ApiProperty({ type: String, description: 'The version id' }) id: string;
  @ApiProperty({ type: String }) questionId: string;
}

export class ExamView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) description: string;
  @ApiProperty({ type: Number }) timeLimitMinutes: number;
  @ApiProperty({ type: Number }) timeLimitSeconds: number;
  @ApiProperty({ type: Number }) passScore: number;
  @ApiProperty({ type: Number }) maxAttempts: number;
  @ApiProperty({ type: Number }) questionCount: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) draw: DrawRule[];
  @ApiProperty({ type: 'object', additionalProperties: true }) shuffle: { questions: boolean; options: boolean };
  @ApiProperty({ enum: ['never', 'after_submit', 'after_graded', 'after_close'] }) reviewPolicy: ReviewPolicy;
  @ApiProperty({ type: Boolean }) reviewRubrics: boolean;
  @ApiProperty({ type: String, nullable: true }) opensAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closesAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lessonId: string | null;
  @ApiProperty({ type: String, nullable: true }) tierCode: string | null;
  @ApiProperty({ type: [String] }) cohortIds: string[];
  @ApiProperty({ type: String }) createdAt: string;
}

export class AttemptSummaryView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: Number }) attemptNo: number;
  @ApiProperty({ enum: ['in_progress', 'submitted', 'graded', 'needs_review'] }) status: AttemptStatus;
  @ApiProperty({ type: String }) startedAt: string;
  @ApiProperty({ type: String }) deadline: string;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiPropertyOptional({ type: Number }) score?: number;
  @ApiProperty({ type: Number }) maxScore: number;
  @ApiPropertyOptional({ type: Boolean }) passed?: boolean;
}

/** A student's view of an exam: no draw rules, their own attempts. */
export class StudentExamView extends OmitType(ExamView, ['draw', 'reviewRubrics', 'cohortIds', 'createdAt'] as const) {
  @ApiProperty({ type: Number }) attemptsUsed: number;
  @ApiProperty({ type: String, nullable: true }) openAttemptId: string | null;
  @ApiProperty({ type: () => [AttemptSummaryView] }) attempts: AttemptSummaryView[];
}

export class AttemptQuestionView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: Number }) position: number;
  @ApiProperty({ enum: ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer', 'scenario'] }) type: QuestionType;
  @ApiProperty({ type: String }) stem: string;
  @ApiProperty({ type: Number }) points: number;
  /** Multiple choice: all_or_nothing or proportional. */
  @ApiPropertyOptional({ type: String }) scoring?: string;
  /** Choice questions: in this attempt's order. */
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } }) options?: QuestionOption[];
  /** Fill in the blank: how many blanks to fill. */
  @ApiPropertyOptional({ type: Number }) blanks?: number;
}

export class SavedAnswerView {
  @ApiProperty({ description: 'The saved answer, shaped by the question type (any JSON value)' }) answer: unknown;
  @ApiProperty({ type: Number }) clientSeq: number;
  @ApiProperty({ type: String }) savedAt: string;
}

export class ReviewedQuestionView {
  @ApiProperty({ type: String }) questionId: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'boolean' }, { type: 'array', items: { type: 'array', items: { type: 'string' } } }, { type: 'object', additionalProperties: true }], description: 'The answer key; its shape depends on the question type' }) correctAnswer: AnswerKey;
  @ApiProperty({ type: String, nullable: true }) explanation: string | null;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: Number }) maxScore: number;
  @ApiProperty({ type: Boolean, nullable: true }) correct: boolean | null;
  /** Rubric questions: what the reply earned and missed. */
  @ApiPropertyOptional({ type: [String] }) feedback?: string[];
}

/** design.md's attempt shape: `{ id, examId, status, deadline, questions, answers, score?, passed? }`. */
export class AttemptView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) examId: string;
  @ApiProperty({ type: String }) examTitle: string;
  @ApiProperty({ type: Number }) attemptNo: number;
  @ApiProperty({ enum: ['in_progress', 'submitted', 'graded', 'needs_review'] }) status: AttemptStatus;
  @ApiProperty({ type: String }) startedAt: string;
  @ApiProperty({ type: String }) deadline: string;
  /** The server's clock now, so a client can show the time left without trusting its own clock. */
  @ApiProperty({ type: String }) serverTime: string;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ enum: ['student', 'deadline', 'sweep'], nullable: true }) submittedBy: Submitter | null;
  @ApiProperty({ type: () => [AttemptQuestionView] }) questions: AttemptQuestionView[];
  @ApiProperty({ type: 'object', additionalProperties: true }) answers: Record<string, SavedAnswerView>;
  @ApiProperty({ type: Number }) maxScore: number;
  @ApiPropertyOptional({ type: Number }) score?: number;
  @ApiPropertyOptional({ type: Number }) percent?: number;
  @ApiPropertyOptional({ type: Boolean }) passed?: boolean;
  /** Only when the exam's review policy allows (staff always). */
  @ApiPropertyOptional({ type: () => [ReviewedQuestionView] }) review?: ReviewedQuestionView[];
}

export class SubmitView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ enum: ['in_progress', 'submitted', 'graded', 'needs_review'] }) status: AttemptStatus;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
}

export class AnswerSavedView {
  @ApiProperty({ type: String }) questionId: string;
  /** False when a newer (or the same) client sequence number was already saved: nothing changed. */
  @ApiProperty({ type: Boolean }) applied: boolean;
  @ApiProperty({ type: Number }) clientSeq: number;
  @ApiProperty({ type: String, nullable: true }) savedAt: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toBankView(b: BankWithCount): BankView {
  return {
    id: b.id,
    code: b.code,
    title: b.title,
    description: b.description,
    systemCode: b.systemCode,
    ownerId: b.ownerId,
    shared: b.shared,
    questionCount: b.questionCount,
    createdAt: b.createdAt.toISOString(),
  };
}

function versionFields(v: QuestionVersion) {
  return { version: v.version, keyRevision: v.keyRevision, ...contentOfVersion(v), createdAt: v.createdAt.toISOString() };
}

export function toQuestionView({ question: q, version: v }: QuestionRecord): QuestionView {
  return { id: q.id, bankId: q.bankId, ref: q.ref, ...versionFields(v), updatedAt: q.updatedAt.toISOString() };
}

export function toQuestionVersionView(v: QuestionVersion): QuestionVersionView {
  return { id: v.id, questionId: v.questionId, ...versionFields(v) };
}

function examFields(e: Exam) {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    timeLimitMinutes: Math.round((e.timeLimitSeconds / 60) * 100) / 100,
    timeLimitSeconds: e.timeLimitSeconds,
    passScore: e.passScore,
    maxAttempts: e.maxAttempts,
    questionCount: e.draw.reduce((s, r) => s + r.count, 0),
    shuffle: { questions: e.shuffleQuestions, options: e.shuffleOptions },
    reviewPolicy: e.reviewPolicy,
    opensAt: iso(e.opensAt),
    closesAt: iso(e.closesAt),
    lessonId: e.lessonId,
    tierCode: e.tierCode,
  };
}

export function toExamView(e: Exam): ExamView {
  return { ...examFields(e), draw: e.draw, reviewRubrics: e.reviewRubrics, cohortIds: e.cohortIds, createdAt: e.createdAt.toISOString() };
}

function graded(status: AttemptStatus): boolean {
  return status === 'graded';
}

export function toAttemptSummaryView(a: AttemptSummary): AttemptSummaryView {
  return {
    id: a.id,
    attemptNo: a.attemptNo,
    status: a.status,
    startedAt: iso(a.startedAt) as string,
    deadline: iso(a.deadline) as string,
    submittedAt: iso(a.submittedAt),
    maxScore: a.maxScore,
    ...(graded(a.status) ? { score: a.score as number, passed: a.passed as boolean } : {}),
  };
}

export function toStudentExamView(e: Exam, attempts: AttemptSummary[]): StudentExamView {
  return {
    ...examFields(e),
    attemptsUsed: attempts.length,
    openAttemptId: attempts.find((a) => a.status === 'in_progress')?.id ?? null,
    attempts: attempts.map(toAttemptSummaryView),
  };
}

/** Whether the exam's review policy lets the student see keys, explanations and marks now. */
export function reviewAllowed(a: Pick<AttemptRow, 'reviewPolicy' | 'status' | 'closesAt' | 'now'>): boolean {
  switch (a.reviewPolicy) {
    case 'after_submit':
      return a.status !== 'in_progress';
    case 'after_graded':
      return a.status === 'graded';
    case 'after_close':
      return a.status !== 'in_progress' && a.closesAt !== null && new Date(a.now) >= new Date(a.closesAt);
    default:
      return false;
  }
}

function questionOf(i: ItemRow): AttemptQuestionView {
  const q: AttemptQuestionView = { id: i.questionId, position: i.position, type: i.type, stem: i.stem, points: i.points };
  if (i.type === 'multiple' && i.scoring) q.scoring = i.scoring;
  if (i.options) {
    const byKey = new Map(i.options.map((o) => [o.key, o]));
    q.options = (i.optionOrder ?? i.options.map((o) => o.key)).map((k) => byKey.get(k) as QuestionOption).map((o) => ({ key: o.key, text: o.text }));
  }
  if (i.type === 'fill_blank' && i.blanks !== null) q.blanks = i.blanks;
  return q;
}

function reviewedOf(i: ItemRow): ReviewedQuestionView {
  const detail = i.detail as { explanation?: unknown } | null | undefined;
  const feedback = Array.isArray(detail?.explanation) ? (detail.explanation as string[]) : undefined;
  return {
    questionId: i.questionId,
    correctAnswer: i.key as AnswerKey,
    explanation: i.explanation ?? null,
    score: i.score ?? null,
    maxScore: i.points,
    correct: i.correct ?? null,
    ...(feedback ? { feedback } : {}),
  };
}

/**
 * The attempt as its student (or staff) sees it. `items` must have been read with `reveal` exactly
 * when `reveal` is true here; without it, no key, explanation or per-question mark is in them.
 */
export function toAttemptView(a: AttemptRow, items: ItemRow[], reveal: boolean): AttemptView {
  const answers: Record<string, SavedAnswerView> = {};
  for (const i of items) {
    if (i.savedAt) answers[i.questionId] = { answer: i.answer ?? null, clientSeq: Number(i.clientSeq), savedAt: iso(i.savedAt) as string };
  }
  const view: AttemptView = {
    id: a.id,
    examId: a.examId,
    examTitle: a.examTitle,
    attemptNo: a.attemptNo,
    status: a.status,
    startedAt: iso(a.startedAt) as string,
    deadline: iso(a.deadline) as string,
    serverTime: iso(a.now) as string,
    submittedAt: iso(a.submittedAt),
    submittedBy: a.submittedBy,
    questions: items.map(questionOf),
    answers,
    maxScore: a.maxScore,
  };
  if (graded(a.status) && a.score !== null) {
    view.score = a.score;
    view.percent = a.maxScore > 0 ? Math.round((a.score * 10_000) / a.maxScore) / 100 : 0;
    view.passed = a.passed === true;
  }
  if (reveal) view.review = items.map(reviewedOf);
  return view;
}

export class QuestionWithVersionsView extends QuestionView {
  @ApiProperty({ type: () => [QuestionVersionView] }) versions: QuestionVersionView[];
}

/** An attempt in an exam's list for staff: whose it is. */
export class ExamAttemptView extends AttemptSummaryView {
  @ApiProperty({ type: String, format: 'uuid' }) studentId: string;
  @ApiProperty({ type: String }) username: string;
}
