import { Module } from '@nestjs/common';
import { AssessmentModule } from '../assessment/assessment.module';
import { AuditModule } from '../audit/audit.module';
import { HoursModule } from '../hours/hours.module';
import { AnswerKeyCorrectionService } from './answer-key-correction.service';
import { AttemptGradingService } from './attempt-grading.service';
import { CorrectionsController } from './corrections.controller';
import { GradingRecoverySweep } from './grading-recovery-sweep.service';
import { GradingRepository } from './grading.repository';
import { ReviewService } from './review.service';
import { ReviewsController } from './reviews.controller';

/**
 * Grading of attempts by the queue's worker (handlers registered with JobHandlers; the
 * processor runs only in worker processes), trainer review, answer-key corrections with
 * regrades, and the recovery sweep for jobs Redis lost.
 */
@Module({
  imports: [AssessmentModule, HoursModule, AuditModule],
  controllers: [ReviewsController, CorrectionsController],
  providers: [GradingRepository, AttemptGradingService, ReviewService, AnswerKeyCorrectionService, GradingRecoverySweep],
  exports: [AttemptGradingService],
})
export class GradingModule {}
