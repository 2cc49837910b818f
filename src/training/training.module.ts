import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrainingScenario } from './entities/training-scenario.entity';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';

@Module({
  imports: [TypeOrmModule.forFeature([TrainingScenario])],
  controllers: [TrainingController],
  providers: [TrainingRepository],
  exports: [TrainingRepository],
})
export class TrainingModule {}
