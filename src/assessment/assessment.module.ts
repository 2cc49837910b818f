import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { AttemptDeadlineSweep } from './attempt-deadline-sweep.service';
import { AttemptSubmissionService } from './attempt-submission.service';
import { AttemptService } from './attempt.service';
import { AttemptsController } from './attempts.controller';
import { AttemptsRepository } from './attempts.repository';
import { BankAccess } from './bank-access.service';
import { BanksController } from './banks.controller';
import { BanksRepository } from './banks.repository';
import { DrawPoolCache } from './draw-pool-cache.service';
import { ExamService } from './exam.service';
import { ExamsController } from './exams.controller';
import { ExamsRepository } from './exams.repository';
import { QuestionBankService } from './question-bank.service';
import { TierExamResultsRepository } from './tier-exam-results.repository';
import { TierExamResults } from './tier-exam-results.service';

/**
 * Question banks, exams and attempts: start, autosave, submit (state change + outbox row in one
 * transaction). In worker processes the deadline sweep also runs. Grading is src/grading's.
 */
@Module({
  imports: [CatalogModule],
  controllers: [BanksController, ExamsController, AttemptsController],
  providers: [
    BanksRepository,
    ExamsRepository,
    AttemptsRepository,
    DrawPoolCache,
    BankAccess,
    QuestionBankService,
    ExamService,
    AttemptService,
    AttemptSubmissionService,
    AttemptDeadlineSweep,
    TierExamResultsRepository,
    TierExamResults,
  ],
  exports: [BankAccess, QuestionBankService, ExamService, AttemptSubmissionService, BanksRepository, DrawPoolCache, TierExamResults],
})
export class AssessmentModule {}
