import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { CreditSources } from './credit-sources';
import { HourCredits } from './hour-credits.service';
import { HourLedger } from './hour-ledger.service';
import { HoursController, LedgerAdminController } from './hours.controller';
import { HoursRepository } from './hours.repository';
import { HoursService } from './hours.service';
import { LedgerVerificationService } from './ledger-verification.service';

/**
 * The append-only hour ledger. HourLedger is its only writer: other contexts record their
 * sources' credit through it inside their own transaction, read credit through HourCredits,
 * and register how to recompute their credit (CreditSources) for `ledger:verify`.
 */
@Module({
  imports: [IdentityModule, CatalogModule, AuditModule],
  controllers: [HoursController, LedgerAdminController],
  providers: [HoursRepository, HoursService, HourLedger, HourCredits, CreditSources, LedgerVerificationService],
  exports: [HourLedger, HourCredits, CreditSources, LedgerVerificationService],
})
export class HoursModule {}
