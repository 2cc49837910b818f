import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { AuthoringController } from './authoring.controller';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { CourseAccess } from './course-access.service';
import { CourseAuthoringService } from './course-authoring.service';
import { EnrollmentEvents } from './enrollment-events';

@Module({
  imports: [MediaModule],
  controllers: [CatalogController, AuthoringController],
  providers: [CatalogRepository, CatalogService, CourseAuthoringService, CourseAccess, EnrollmentEvents],
  exports: [CatalogRepository, CatalogService, CourseAuthoringService, CourseAccess, EnrollmentEvents],
})
export class CatalogModule {}
