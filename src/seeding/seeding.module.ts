import { Module } from '@nestjs/common';
import { AssessmentModule } from '../assessment/assessment.module';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { MediaModule } from '../media/media.module';
import { TrainingModule } from '../training/training.module';
import { AssessmentSeeder } from './assessment-seeder';
import { CurriculumSeeder } from './curriculum-seeder.service';
import { DemoAccountsSeeder } from './demo-accounts.seeder';
import { DemoLessonContent } from './demo-lesson-content';
import { SeedingRepository } from './seeding.repository';

@Module({
  imports: [CatalogModule, IdentityModule, AssessmentModule, TrainingModule, MediaModule],
  providers: [SeedingRepository, CurriculumSeeder, DemoAccountsSeeder, AssessmentSeeder, DemoLessonContent],
  exports: [CurriculumSeeder],
})
export class SeedingModule {}
