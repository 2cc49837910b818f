import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BanksRepository } from '../assessment/banks.repository';
import { ExamService } from '../assessment/exam.service';
import { QuestionBankService } from '../assessment/question-bank.service';
import { CatalogRepository } from '../catalog/catalog.repository';
import type { SeedFiles } from './seed-files';

/**
 * Imports the seed's question banks and exams inside the curriculum import's transaction.
 * Idempotent and respectful of later edits: banks by code, questions by ref and exams by seed
 * key are created only when missing, never updated.
 */
@Injectable()
export class AssessmentSeeder {
  constructor(
    private readonly banks: QuestionBankService,
    private readonly banksRepo: BanksRepository,
    private readonly exams: ExamService,
    private readonly catalog: CatalogRepository,
  ) {}

  async seed(tx: EntityManager, files: SeedFiles): Promise<{ banks: number; questions: number; exams: number }> {
    const created = { banks: 0, questions: 0, exams: 0 };
    const bankIds = new Map<string, string>();
    for (const { bank: b, questions } of files.banks) {
      const { bank, created: isNew } = await this.banksRepo.upsertBankByCode(tx, {
        code: b.code,
        title: b.title,
        description: b.description,
        systemCode: b.systemCode,
        ownerId: null,
        shared: true,
      });
      bankIds.set(b.code, bank.id);
      if (isNew) created.banks++;
      const existing = await this.banksRepo.findByRefs(tx, bank.id, questions.map((q) => q.ref));
      const missing = questions.filter((q) => !existing.has(q.ref));
      if (missing.length > 0) {
        const report = await this.banks.importInTx(tx, bank.id, missing.map((raw, i) => ({ at: { row: i + 1 }, raw })), null);
        created.questions += report.created;
      }
    }
    const lessons = await this.catalog.examLessonsOfSeededCourse(tx, 'practical:course');
    for (const e of files.exams) {
      const lessonId = e.lesson ? lessons.find((l) => l.position === e.lesson?.moduleRow && l.title === e.lesson?.title)?.id ?? null : null;
      const isNew = await this.exams.createSeeded(tx, {
        seedKey: `exam:${e.key}`,
        title: e.title,
        description: e.description,
        timeLimitSeconds: e.timeLimitMinutes * 60,
        passScore: e.passScore,
        maxAttempts: e.maxAttempts,
        draw: e.draw.map(({ bank, ...rule }) => ({ ...rule, bankId: bankIds.get(bank) as string })),
        shuffleQuestions: e.shuffle,
        shuffleOptions: e.shuffle,
        reviewPolicy: e.reviewPolicy,
        reviewRubrics: e.reviewRubrics ?? false,
        opensAt: null,
        closesAt: null,
        lessonId,
        tierCode: e.tierCode ?? null,
        cohortIds: [],
      });
      if (isNew) created.exams++;
    }
    return created;
  }
}
