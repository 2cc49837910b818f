import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { AuthoringController } from './authoring.controller';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { CourseAuthoringService } from './course-authoring.service';
import { CourseDirectoryRepository } from './course-directory.repository';
import { CourseDirectory } from './course-directory.service';

@Module({
  imports: [MediaModule],
  controllers: [CatalogController, AuthoringController],
  providers: [CatalogRepository, CatalogService, CourseAuthoringService, CourseDirectoryRepository, CourseDirectory],
  exports: [CatalogRepository, CatalogService, CourseAuthoringService, CourseDirectory],
})
export class CatalogModule {}
