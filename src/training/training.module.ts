import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { HoursModule } from '../hours/hours.module';
import { DrillFactsRepository } from './drill-facts.repository';
import { DrillFacts } from './drill-facts.service';
import { DrillGradingService } from './drill-grading.service';
import { DrillOutcomeService } from './drill-outcome.service';
import { DrillReviewService } from './drill-review.service';
import { DrillReviewsController } from './drill-reviews.controller';
import { DrillSubmissionService } from './drill-submission.service';
import { DrillSubmissionsController } from './drill-submissions.controller';
import { DrillRepository } from './drill.repository';
import { TrainingScenario } from './entities/training-scenario.entity';
import { ScenarioAuthoringService } from './scenario-authoring.service';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';

/** Scenario drills (实训): scenarios and rubrics, submissions graded by the queue, quality review (质检), hours. */
@Module({
  imports: [TypeOrmModule.forFeature([TrainingScenario]), CatalogModule, HoursModule, AuditModule],
  controllers: [TrainingController, DrillSubmissionsController, DrillReviewsController],
  providers: [
    TrainingRepository,
    DrillRepository,
    ScenarioAuthoringService,
    DrillSubmissionService,
    DrillGradingService,
    DrillOutcomeService,
    DrillReviewService,
    DrillFactsRepository,
    DrillFacts,
  ],
  exports: [TrainingRepository, DrillGradingService, DrillFacts],
})
export class TrainingModule {}
