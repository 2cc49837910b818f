import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { drawQuestions, QUESTION_TYPES, seededShuffle, type QuestionType } from '@lms/grading';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../identity/auth.decorators';
import { JobName } from '../jobs/job-catalog';
import { JobOutbox } from '../jobs/job-outbox.service';
import {
  answerShapeMismatch,
  attemptLimitReached,
  attemptNotFound,
  attemptSubmitted,
  deadlinePassed,
  examClosed,
  examNoLongerDrawable,
  examNotAvailable,
  examNotOpen,
  questionNotInAttempt,
} from './assessment.errors';
import { AnswerSavedView, AttemptView, reviewAllowed, toAttemptView } from './assessment.views';
import { AttemptRow, AttemptsRepository, ItemRow, NewItem } from './attempts.repository';
import { DrawPoolCache } from './draw-pool-cache.service';
import type { Exam } from './entities/exam.entity';
import { ExamService } from './exam.service';
import { TierExamGate } from './tier-exam-gate';

/** Which question types can take an answer of this JSON shape (null clears any answer). */
export function typesAccepting(answer: unknown): readonly QuestionType[] {
  if (answer === null) return QUESTION_TYPES;
  if (typeof answer === 'boolean') return ['true_false'];
  if (typeof answer === 'string') return ['single', 'true_false', 'short_answer', 'scenario'];
  if (Array.isArray(answer)) return answer.every((a) => typeof a === 'string') ? ['multiple', 'fill_blank'] : ['fill_blank'];
  return [];
}


/** Starting (or resuming) an attempt, reading it, and autosaving its answers. */
@Injectable()
export class AttemptService {
  constructor(
    private readonly repo: AttemptsRepository,
    private readonly exams: ExamService,
    private readonly pools: DrawPoolCache,
    private readonly outbox: JobOutbox,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** A tier exam's new attempt needs the student to meet the tier's other rules; resuming one does not. */
  private async assertMayStartTierExam(exam: Exam, studentId: string): Promise<void> {
    if (!exam.tierCode || (await this.repo.findOpenAttemptId(exam.id, studentId))) return;
    await this.moduleRef.get(TierExamGate, { strict: false }).assertMayStart(studentId, exam.tierCode);
  }

  /**
   * Starts an attempt, or returns the student's open one (a reload, a double click). The draw,
   * the question versions, the option order and the deadline are frozen here; the deadline's
   * auto-submit job is recorded in the same transaction.
   */
  async start(examId: string, student: AuthUser): Promise<{ view: AttemptView; created: boolean }> {
    const exam = await this.exams.get(examId);
    await this.assertMayStartTierExam(exam, student.id);
    const attemptId = randomUUID();
    const { items, shown } = await this.drawItems(exam, attemptId);
    const maxScore = items.reduce((s, i) => s + i.points, 0);
    const job = this.outbox.entry(JobName.AutoSubmitAttempt, { attemptId });
    const state = await this.repo.start(
      { id: attemptId, examId, studentId: student.id, timeLimitSeconds: exam.timeLimitSeconds, opensAt: exam.opensAt, closesAt: exam.closesAt, maxAttempts: exam.maxAttempts, maxScore },
      items,
      job,
    );
    const outcome = this.startOutcome(exam, state);
    if (outcome.kind === 'created') {
      this.outbox.publishSoon([{ ...job, runAt: outcome.deadline }]);
      // The new attempt as the student sees it, from what was just written (no second read).
      const row: AttemptRow = {
        id: attemptId,
        examId,
        studentId: student.id,
        attemptNo: outcome.attemptNo,
        status: 'in_progress',
        startedAt: outcome.startedAt,
        deadline: outcome.deadline,
        submittedAt: null,
        submittedBy: null,
        gradedAt: null,
        score: null,
        maxScore,
        passed: null,
        examTitle: exam.title,
        reviewPolicy: exam.reviewPolicy,
        closesAt: exam.closesAt,
        passScore: exam.passScore,
        now: outcome.startedAt,
      };
      return { view: toAttemptView(row, shown, false), created: true };
    }
    // A concurrent start of the same student won the race: that attempt is the one to resume.
    const resumeId = outcome.kind === 'resume' ? outcome.resumeId : await this.repo.findOpenAttemptId(examId, student.id);
    if (!resumeId) throw attemptLimitReached(exam.maxAttempts);
    return { view: await this.view(resumeId, student), created: false };
  }

  /** What a start statement did: created the attempt, found an open one to resume, lost a race, or broke a rule. */
  private startOutcome(
    exam: Exam,
    st: { now: Date; used: number; openId: string | null; allowed: boolean; attemptNo: number | null; startedAt: Date | null; deadline: Date | null },
  ) {
    if (st.attemptNo !== null) return { kind: 'created' as const, attemptNo: st.attemptNo, startedAt: st.startedAt as Date, deadline: st.deadline as Date };
    if (st.openId) return { kind: 'resume' as const, resumeId: st.openId };
    const now = new Date(st.now);
    if (!st.allowed) throw examNotAvailable();
    if (exam.opensAt && now < exam.opensAt) throw examNotOpen(exam.opensAt);
    if (exam.closesAt && now >= exam.closesAt) throw examClosed(exam.closesAt);
    if (st.used >= exam.maxAttempts) throw attemptLimitReached(exam.maxAttempts);
    return { kind: 'raced' as const };
  }

  /**
   * The draw of this attempt, seeded by its id: which questions (current versions), in which
   * order, with which option order; and the same questions as the student will see them.
   */
  private async drawItems(exam: Exam, attemptId: string): Promise<{ items: NewItem[]; shown: ItemRow[] }> {
    const pool = await this.pools.get([...new Set(exam.draw.map((r) => r.bankId))]);
    const drawn = drawQuestions(pool, exam.draw, attemptId, { shuffle: exam.shuffleQuestions });
    if (!drawn.ok) {
      throw examNoLongerDrawable();
    }
    const byId = new Map(pool.map((q) => [q.id, q]));
    const items: NewItem[] = [];
    const shown: ItemRow[] = [];
    drawn.ids.forEach((id, index) => {
      const q = byId.get(id)!;
      const keys = q.options?.map((o) => o.key) ?? null;
      const item = {
        questionId: id,
        position: index + 1,
        questionVersionId: q.versionId,
        type: q.type,
        points: q.points,
        optionOrder: keys && exam.shuffleOptions ? seededShuffle(keys, `${attemptId}:${id}`) : keys,
      };
      items.push(item);
      shown.push({ ...item, answer: null, clientSeq: '0', savedAt: null, stem: q.stem, options: q.options, scoring: q.scoring, blanks: q.blanks });
    });
    return { items, shown };
  }

  /** A student reads only their own attempts (another's does not exist for them); staff read any, with keys. */
  async view(attemptId: string, user: AuthUser): Promise<AttemptView> {
    const attempt = await this.repo.findAttempt(attemptId);
    if (!attempt || (user.role === 'student' && attempt.studentId !== user.id)) throw attemptNotFound();
    const reveal = user.role !== 'student' || reviewAllowed(attempt);
    return toAttemptView(attempt, await this.repo.items(attemptId, reveal), reveal);
  }

  /** Autosave: idempotent, last write by client sequence number wins, refused after submission or deadline. */
  async saveAnswer(attemptId: string, questionId: string, answer: unknown, clientSeq: number, student: AuthUser, retried = false): Promise<AnswerSavedView> {
    const types = typesAccepting(answer);
    const saved = await this.repo.saveAnswer(attemptId, student.id, questionId, JSON.stringify(answer), clientSeq, types);
    if (saved) return { questionId, applied: true, clientSeq: Number(saved.clientSeq), savedAt: saved.savedAt.toISOString() };
    const state = await this.repo.answerState(attemptId, questionId);
    if (!state || state.studentId !== student.id) throw attemptNotFound();
    if (state.status !== 'in_progress') throw attemptSubmitted();
    if (state.overdue) throw deadlinePassed();
    if (state.itemType === null) throw questionNotInAttempt();
    if (!types.includes(state.itemType)) {
      throw answerShapeMismatch(state.itemType);
    }
    if (Number(state.clientSeq) >= clientSeq) {
      return { questionId, applied: false, clientSeq: Number(state.clientSeq), savedAt: state.savedAt ? state.savedAt.toISOString() : null };
    }
    // The attempt changed between the write and the check (e.g. submitted meanwhile): decide again.
    if (retried) throw attemptSubmitted('The attempt changed while saving; reload it');
    return this.saveAnswer(attemptId, questionId, answer, clientSeq, student, true);
  }
}
