import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { HoursModule } from '../hours/hours.module';
import { MediaModule } from '../media/media.module';
import { HeartbeatLogRetention } from './heartbeat-log-retention.service';
import { LearningController } from './learning.controller';
import { LearningRepository } from './learning.repository';
import { LessonCompletionsRepository } from './lesson-completions.repository';
import { LessonCompletions } from './lesson-completions.service';
import { PlaybackService } from './playback.service';
import { ProgressService } from './progress.service';

/** Playback sessions, heartbeats, watched intervals and lesson completion (credited to the hour ledger). */
@Module({
  imports: [CatalogModule, MediaModule, HoursModule],
  controllers: [LearningController],
  providers: [LearningRepository, PlaybackService, ProgressService, HeartbeatLogRetention, LessonCompletionsRepository, LessonCompletions],
  exports: [LessonCompletions],
})
export class LearningModule {}
