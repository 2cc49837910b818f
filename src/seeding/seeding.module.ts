import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { CurriculumSeeder } from './curriculum-seeder.service';
import { DemoAccountsSeeder } from './demo-accounts.seeder';

@Module({
  imports: [CatalogModule, IdentityModule],
  providers: [CurriculumSeeder, DemoAccountsSeeder],
  exports: [CurriculumSeeder],
})
export class SeedingModule {}
