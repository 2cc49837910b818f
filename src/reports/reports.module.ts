import { Module } from '@nestjs/common';
import { AssessmentModule } from '../assessment/assessment.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { CatalogModule } from '../catalog/catalog.module';
import { CertificationModule } from '../certification/certification.module';
import { HoursModule } from '../hours/hours.module';
import { IdentityModule } from '../identity/identity.module';
import { LearningModule } from '../learning/learning.module';
import { TrainingModule } from '../training/training.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Dashboards and the annual report: figures computed from the records through the owners' read services. Owns no table. */
@Module({
  imports: [IdentityModule, CatalogModule, LearningModule, HoursModule, AssessmentModule, TrainingModule, AttendanceModule, CertificationModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
