import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { HoursModule } from '../hours/hours.module';
import { IdentityModule } from '../identity/identity.module';
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
import { ExamStatistics } from './exam-statistics.service';
import { ExamStatisticsRepository } from './exam-statistics.repository';
import { TierExamResults } from './tier-exam-results.service';
import { AnswerKeyCorrectionService } from './grading/answer-key-correction.service';
import { AttemptGradingService } from './grading/attempt-grading.service';
import { CorrectionsController } from './grading/corrections.controller';
import { GradingRecoverySweep } from './grading/grading-recovery-sweep.service';
import { GradingRepository } from './grading/grading.repository';
import { ReviewService } from './grading/review.service';
import { ReviewsController } from './grading/reviews.controller';

/**
 * Question banks, exams and attempts: start, autosave, submit (state change + outbox row in one
 * transaction). In worker processes the deadline sweep also runs. `grading/` grades the attempts
 * this module owns: the queue's handlers (registered with JobHandlers; the processor runs only in
 * worker processes), trainer review, answer-key corrections with regrades, and the recovery sweep
 * for jobs Redis lost.
 */
@Module({
  imports: [IdentityModule, CatalogModule, HoursModule, AuditModule],
  controllers: [BanksController, ExamsController, AttemptsController, ReviewsController, CorrectionsController],
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
    ExamStatisticsRepository,
    ExamStatistics,
    GradingRepository,
    AttemptGradingService,
    ReviewService,
    AnswerKeyCorrectionService,
    GradingRecoverySweep,
  ],
  exports: [BankAccess, QuestionBankService, ExamService, AttemptSubmissionService, BanksRepository, DrawPoolCache, TierExamResults, ExamStatistics, AttemptGradingService],
})
export class AssessmentModule {}
