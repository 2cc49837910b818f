import { Module } from '@nestjs/common';
import { HoursController } from './hours.controller';
import { HoursRepository } from './hours.repository';
import { HoursService } from './hours.service';

/** The append-only hour ledger. Other contexts credit through HoursRepository.append inside their own transaction. */
@Module({
  controllers: [HoursController],
  providers: [HoursRepository, HoursService],
  exports: [HoursRepository],
})
export class HoursModule {}
