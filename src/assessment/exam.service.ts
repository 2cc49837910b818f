import { Injectable } from '@nestjs/common';
import { drawQuestions, type DrawRule } from '@lms/grading';
import { EntityManager } from 'typeorm';
import { LruCache } from '../common/lru-cache';
import type { AuthUser } from '../identity/auth.decorators';
import { UserDirectory } from '../identity/user-directory.service';
import { CourseAccess } from '../catalog/course-access.service';
import { banksNotFound, cohortsNotFound, drawNotSatisfiable, examNotFound, invalidExam, lessonNotExam, lessonNotFound } from './assessment.errors';
import { BankAccess } from './bank-access.service';
import type { Exam, ReviewPolicy } from './entities/exam.entity';
import type { CreateExamDto } from './dto/exams.dto';
import { AttemptSummary, ExamsRepository } from './exams.repository';

export const MAX_EXAM_QUESTIONS = 200;

export interface ExamInput {
  title: string;
  description: string;
  timeLimitSeconds: number;
  passScore: number;
  maxAttempts: number;
  draw: DrawRule[];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  reviewPolicy: ReviewPolicy;
  reviewRubrics: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  lessonId: string | null;
  tierCode: string | null;
  cohortIds: string[];
}

/** The exam an API request describes (exactly one of the two time limits; defaults filled in). */
export function examInputFrom(dto: CreateExamDto): ExamInput {
  if ((dto.timeLimitMinutes === undefined) === (dto.timeLimitSeconds === undefined)) {
    throw invalidExam('Give the time limit as either timeLimitMinutes or timeLimitSeconds');
  }
  return {
    title: dto.title.trim(),
    description: dto.description?.trim() ?? '',
    timeLimitSeconds: dto.timeLimitSeconds ?? (dto.timeLimitMinutes as number) * 60,
    passScore: dto.passScore,
    maxAttempts: dto.maxAttempts ?? 1,
    draw: dto.draw.map((r) => ({ bankId: r.bankId, count: r.count, ...(r.tags ? { tags: r.tags } : {}), ...(r.difficulty ? { difficulty: r.difficulty } : {}), ...(r.types ? { types: r.types } : {}) })),
    shuffleQuestions: dto.shuffleQuestions ?? dto.shuffle ?? false,
    shuffleOptions: dto.shuffleOptions ?? dto.shuffle ?? false,
    reviewPolicy: dto.reviewPolicy ?? 'after_graded',
    reviewRubrics: dto.reviewRubrics ?? false,
    opensAt: dto.opensAt ? new Date(dto.opensAt) : null,
    closesAt: dto.closesAt ? new Date(dto.closesAt) : null,
    lessonId: dto.lessonId ?? null,
    tierCode: dto.tierCode ?? null,
    cohortIds: dto.cohortIds ?? [],
  };
}

/** Exams: creation with every rule checked (the draw must be satisfiable today), reading, who may take one. */
@Injectable()
export class ExamService {
  /** Exams are not edited after creation, so a short per-process cache is safe; it spares the start storm a query. */
  private readonly cache = new LruCache<string, Exam>(1000, 10_000);

  constructor(
    private readonly repo: ExamsRepository,
    private readonly banks: BankAccess,
    private readonly courses: CourseAccess,
    private readonly users: UserDirectory,
  ) {}

  createFromDto(dto: CreateExamDto, user: AuthUser): Promise<Exam> {
    return this.create(examInputFrom(dto), user);
  }

  /**
   * A person's exam draws only from banks they may read (BANK_PRIVATE), and an exam of a course's
   * lesson is for those who manage that course (NOT_COURSE_OWNER); the seed import (no user) is trusted.
   */
  async create(input: ExamInput, user: AuthUser | null, tx?: EntityManager): Promise<Exam> {
    if (user) {
      await this.banks.assertCanDraw(user, [...new Set(input.draw.map((r) => r.bankId))], tx);
      if (input.lessonId && (await this.courses.lessonOf(input.lessonId, tx))) await this.courses.assertCanManageLesson(user, input.lessonId, tx);
    }
    await this.check(input, tx);
    return this.repo.insertExam({ ...input, createdBy: user?.id ?? null }, tx);
  }

  /** For the seed import: creates the exam unless its seed key exists. */
  async createSeeded(tx: EntityManager, input: ExamInput & { seedKey: string }): Promise<boolean> {
    if (await this.repo.seedKeyExists(tx, input.seedKey)) return false;
    await this.check(input, tx);
    return this.repo.insertSeededExam(tx, input);
  }

  private async check(input: ExamInput, tx?: EntityManager): Promise<void> {
    if (input.opensAt && input.closesAt && input.opensAt >= input.closesAt) throw invalidExam('opensAt must be before closesAt');
    if (input.reviewPolicy === 'after_close' && !input.closesAt) throw invalidExam('reviewPolicy "after_close" needs closesAt');
    const total = input.draw.reduce((s, r) => s + r.count, 0);
    if (total > MAX_EXAM_QUESTIONS) throw invalidExam(`An exam draws at most ${MAX_EXAM_QUESTIONS} questions (the rules ask for ${total})`);
    const bankIds = [...new Set(input.draw.map((r) => r.bankId))];
    const known = await this.repo.existingBankIds(bankIds, tx);
    const missing = bankIds.filter((id) => !known.has(id));
    if (missing.length) throw banksNotFound(missing);
    if (input.lessonId) {
      const mode = (await this.courses.lessonOf(input.lessonId, tx))?.mode ?? null;
      if (mode === null) throw lessonNotFound();
      if (mode !== 'exam') throw lessonNotExam(mode);
    }
    if (input.cohortIds.length) {
      const cohorts = await this.users.existingCohortIds(input.cohortIds, tx);
      const unknown = input.cohortIds.filter((id) => !cohorts.has(id));
      if (unknown.length) throw cohortsNotFound(unknown);
    }
    const pool = tx ? await this.repo.drawCandidatesIn(tx, bankIds) : await this.repo.drawPool(bankIds);
    const result = drawQuestions(pool, input.draw, 'satisfiable?', { shuffle: false });
    if (!result.ok) {
      throw drawNotSatisfiable(result.shortfall);
    }
  }

  async get(id: string): Promise<Exam> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const exam = await this.repo.findExam(id);
    if (!exam) throw examNotFound();
    this.cache.set(id, exam);
    return exam;
  }

  /** Staff see every exam; a student sees the exams they may take, with their own attempts. */
  async list(user: AuthUser, limit: number, offset: number): Promise<{ items: Array<{ exam: Exam; attempts: AttemptSummary[] }>; total: number }> {
    const [exams, total] = user.role === 'student' ? await this.repo.listExamsFor(user.id, limit, offset) : await this.repo.listExams(limit, offset);
    const attempts = user.role === 'student' ? await this.repo.attemptsOf(user.id, exams.map((e) => e.id)) : [];
    return { items: exams.map((exam) => ({ exam, attempts: attempts.filter((a) => a.examId === exam.id) })), total };
  }

  /** One exam; a student must be allowed to take it (else it does not exist for them). */
  async getFor(id: string, user: AuthUser): Promise<{ exam: Exam; attempts: AttemptSummary[] }> {
    const exam = await this.get(id);
    if (user.role !== 'student') return { exam, attempts: [] };
    if (!(await this.repo.mayTake(id, user.id))) throw examNotFound();
    return { exam, attempts: await this.repo.attemptsOf(user.id, [id]) };
  }

  async attemptsAt(id: string, limit: number, offset: number) {
    await this.get(id);
    return this.repo.attemptsAt(id, limit, offset);
  }
}
