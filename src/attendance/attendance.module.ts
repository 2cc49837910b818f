import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { HoursModule } from '../hours/hours.module';
import { AttendanceFactsRepository } from './attendance-facts.repository';
import { AttendanceFacts } from './attendance-facts.service';
import { AttendanceReportsService } from './attendance-reports.service';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { CheckInPageController } from './check-in-page.controller';
import { CheckInPageService } from './check-in-page.service';
import { CheckInPolicy } from './check-in-policy.service';
import { CheckInThrottle } from './check-in-throttle.service';
import { ClassSessionsController } from './class-sessions.controller';
import { ClassSessionsService } from './class-sessions.service';
import { ClassroomScreenController } from './classroom-screen.controller';
import { ClassroomScreenService } from './classroom-screen.service';

/** Offline class sessions, rotating check-in codes, attendance and its credit to the general system. */
@Module({
  imports: [CatalogModule, HoursModule, AuditModule],
  controllers: [ClassSessionsController, AttendanceController, ClassroomScreenController, CheckInPageController],
  providers: [
    AttendanceRepository,
    ClassSessionsService,
    AttendanceService,
    AttendanceReportsService,
    CheckInPolicy,
    CheckInThrottle,
    ClassroomScreenService,
    CheckInPageService,
    AttendanceFactsRepository,
    AttendanceFacts,
  ],
  exports: [AttendanceFacts],
})
export class AttendanceModule {}
