import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { MediaModule } from '../media/media.module';
import { AuthoringController } from './authoring.controller';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { CourseAccess } from './course-access.service';
import { CourseAuthoringService } from './course-authoring.service';
import { CourseDirectoryRepository } from './course-directory.repository';
import { CourseDirectory } from './course-directory.service';
import { CourseSystemsService } from './course-systems.service';
import { EnrollmentEvents } from './enrollment-events';

@Module({
  imports: [IdentityModule, MediaModule, AuditModule],
  controllers: [CatalogController, AuthoringController],
  providers: [CatalogRepository, CatalogService, CourseAuthoringService, CourseAccess, EnrollmentEvents, CourseDirectoryRepository, CourseDirectory, CourseSystemsService],
  exports: [CatalogRepository, CatalogService, CourseAuthoringService, CourseAccess, EnrollmentEvents, CourseDirectory],
})
export class CatalogModule {}
