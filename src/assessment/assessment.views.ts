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

export interface BankView {
  id: string;
  code: string | null;
  title: string;
  description: string;
  systemCode: string | null;
  ownerId: string | null;
  shared: boolean;
  questionCount: number;
  createdAt: string;
}

/** The trainer's view of a question (design.md): with its answer key. */
export interface QuestionView {
  id: string;
  bankId: string;
  ref: string | null;
  version: number;
  keyRevision: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[] | null;
  answer: AnswerKey;
  points: number;
  scoring: string | null;
  tags: string[];
  difficulty: string | null;
  explanation: string | null;
  createdAt: string;
  updatedAt: string;
}

export type QuestionVersionView = Omit<QuestionView, 'bankId' | 'ref' | 'updatedAt' | 'id'> & { id: string; questionId: string };

export interface ExamView {
  id: string;
  title: string;
  description: string;
  timeLimitMinutes: number;
  timeLimitSeconds: number;
  passScore: number;
  maxAttempts: number;
  questionCount: number;
  draw: DrawRule[];
  shuffle: { questions: boolean; options: boolean };
  reviewPolicy: ReviewPolicy;
  reviewRubrics: boolean;
  opensAt: string | null;
  closesAt: string | null;
  lessonId: string | null;
  tierCode: string | null;
  cohortIds: string[];
  createdAt: string;
}

export interface AttemptSummaryView {
  id: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  submittedAt: string | null;
  score?: number;
  maxScore: number;
  passed?: boolean;
}

/** A student's view of an exam: no draw rules, their own attempts. */
export type StudentExamView = Omit<ExamView, 'draw' | 'reviewRubrics' | 'cohortIds' | 'createdAt'> & {
  attemptsUsed: number;
  openAttemptId: string | null;
  attempts: AttemptSummaryView[];
};

export interface AttemptQuestionView {
  id: string;
  position: number;
  type: QuestionType;
  stem: string;
  points: number;
  /** Multiple choice: all_or_nothing or proportional. */
  scoring?: string;
  /** Choice questions: in this attempt's order. */
  options?: QuestionOption[];
  /** Fill in the blank: how many blanks to fill. */
  blanks?: number;
}

export interface SavedAnswerView {
  answer: unknown;
  clientSeq: number;
  savedAt: string;
}

export interface ReviewedQuestionView {
  questionId: string;
  correctAnswer: AnswerKey;
  explanation: string | null;
  score: number | null;
  maxScore: number;
  correct: boolean | null;
  /** Rubric questions: what the reply earned and missed. */
  feedback?: string[];
}

/** design.md's attempt shape: `{ id, examId, status, deadline, questions, answers, score?, passed? }`. */
export interface AttemptView {
  id: string;
  examId: string;
  examTitle: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  /** The server's clock now, so a client can show the time left without trusting its own clock. */
  serverTime: string;
  submittedAt: string | null;
  submittedBy: Submitter | null;
  questions: AttemptQuestionView[];
  answers: Record<string, SavedAnswerView>;
  maxScore: number;
  score?: number;
  percent?: number;
  passed?: boolean;
  /** Only when the exam's review policy allows (staff always). */
  review?: ReviewedQuestionView[];
}

export interface SubmitView {
  id: string;
  status: AttemptStatus;
  submittedAt: string | null;
}

export interface AnswerSavedView {
  questionId: string;
  /** False when a newer (or the same) client sequence number was already saved: nothing changed. */
  applied: boolean;
  clientSeq: number;
  savedAt: string | null;
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
