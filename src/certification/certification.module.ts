import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentModule } from '../assessment/assessment.module';
import { TierExamGate } from '../assessment/tier-exam-gate';
import { AttendanceModule } from '../attendance/attendance.module';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { HoursModule } from '../hours/hours.module';
import { IdentityModule } from '../identity/identity.module';
import { LearningModule } from '../learning/learning.module';
import { TrainingModule } from '../training/training.module';
import { CertificatePdf } from './certificate-pdf.service';
import { CertificatesService } from './certificates.service';
import { CertificationController } from './certification.controller';
import { CertificationRepository } from './certification.repository';
import { CredentialsService } from './credentials.service';
import { EligibilityFacts } from './eligibility-facts.service';
import { EligibilityService } from './eligibility.service';
import { CertificateSerial } from './entities/certificate-serial.entity';
import { Certificate } from './entities/certificate.entity';
import { CertificationTier } from './entities/certification-tier.entity';
import { SigningKey } from './entities/signing-key.entity';
import { TierRuleVersion } from './entities/tier-rule-version.entity';
import { IssuerKeys } from './issuer-keys.service';
import { TierRules } from './tier-rules.service';
import { VerificationController } from './verification.controller';
import { VerificationService } from './verification.service';

/**
 * Tiers and their versioned rules, eligibility (facts read through the owning modules' read
 * services), issuing and revoking certificates, PDFs, signed credentials and public verification.
 * Provides assessment's TierExamGate.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CertificationTier, TierRuleVersion, Certificate, CertificateSerial, SigningKey]),
    AuditModule,
    IdentityModule,
    CatalogModule,
    HoursModule,
    LearningModule,
    AssessmentModule,
    TrainingModule,
    AttendanceModule,
  ],
  controllers: [CertificationController, VerificationController],
  providers: [
    CertificationRepository,
    TierRules,
    EligibilityFacts,
    EligibilityService,
    { provide: TierExamGate, useExisting: EligibilityService },
    CertificatesService,
    IssuerKeys,
    CredentialsService,
    CertificatePdf,
    VerificationService,
  ],
  exports: [EligibilityService, CertificatesService],
})
export class CertificationModule {}
