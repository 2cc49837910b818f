import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RuleCheck, TierEvaluation } from '@lms/eligibility';
import type { DirectoryEntry } from '../identity/user-directory.service';
import type { TierWithRules } from './certification.repository';
import type { Certificate, CertificateStatus } from './entities/certificate.entity';

export class TierView {
  @ApiProperty({ example: 'cxo-1' }) code: string;
  @ApiProperty({ example: '阿里巴巴一段客户体验官' }) name: string;
  @ApiProperty({ example: 1 }) level: number;
  @ApiProperty({ description: 'The rule version in force; each edit makes a new one' }) ruleVersion: number;
  @ApiPropertyOptional({ nullable: true, description: 'Certificates expire this many months after issue; null: never' }) validityMonths: number | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, example: [{ kind: 'hours', system: 'practical', minHours: 64 }] })
  rules: unknown[];
  @ApiProperty() updatedAt: string;
}

export const toTierView = (t: TierWithRules): TierView => ({
  code: t.code,
  name: t.name,
  level: t.level,
  ruleVersion: t.ruleVersion,
  validityMonths: t.validityMonths,
  rules: t.rules,
  updatedAt: new Date(t.updatedAt).toISOString(),
});

export class RuleCheckView {
  @ApiProperty({ description: 'Position of the rule in the tier (-1: the tier below, which the exam start also needs)' }) index: number;
  @ApiProperty({ enum: ['hours', 'exam', 'holds_tier', 'drills', 'direction', 'attendance'] }) kind: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) rule: object;
  @ApiProperty({ description: 'What the rule requires (hours, score, count, percent or a tier code)', oneOf: [{ type: 'number' }, { type: 'string' }] }) required: number | string;
  @ApiPropertyOptional({ description: 'What the student has', nullable: true, oneOf: [{ type: 'number' }, { type: 'boolean' }] }) actual: number | boolean | null;
  @ApiProperty() met: boolean;
  @ApiProperty() ignored: boolean;
  @ApiProperty({ example: '实务技巧学时还差 12 小时' }) message: string;
}

export class TierEvaluationView {
  @ApiProperty() tierCode: string;
  @ApiProperty() tierName: string;
  @ApiProperty() ruleVersion: number;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ description: 'The student already holds a valid certificate of this tier' }) held: boolean;
  @ApiProperty({ type: [RuleCheckView] }) checks: RuleCheck[];
  @ApiProperty({ type: [RuleCheckView] }) unmet: RuleCheck[];
}

export class StudentEligibilityView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [TierEvaluationView] }) tiers: Array<TierEvaluation & { ruleVersion: number }>;
}

export class BoardTierCellView {
  @ApiProperty() tierCode: string;
  @ApiProperty() eligible: boolean;
  @ApiProperty() held: boolean;
  @ApiProperty({ type: [String], description: 'What the student still misses, one Chinese sentence per unmet rule' }) missing: string[];
}

export class BoardRowView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [BoardTierCellView] }) tiers: BoardTierCellView[];
}

export class BoardTierSummaryView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() ruleVersion: number;
  @ApiProperty({ description: 'Students eligible who do not hold the tier yet' }) eligible: number;
  @ApiProperty() held: number;
}

export class CohortBoardView {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() cohortName: string;
  @ApiProperty({ type: [BoardTierSummaryView] }) tiers: BoardTierSummaryView[];
  @ApiProperty({ type: [BoardRowView] }) students: BoardRowView[];
}

export const toBoardRow = (s: DirectoryEntry, evaluations: TierEvaluation[]): BoardRowView => ({
  studentId: s.id,
  username: s.username,
  displayName: s.displayName,
  tiers: evaluations.map((e) => ({ tierCode: e.tierCode, eligible: e.eligible, held: e.held, missing: e.unmet.map((c) => c.message) })),
});

export class CertificateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CXO1-2022-000094' }) serial: string;
  @ApiProperty({ example: 'cxo-1' }) tierCode: string;
  @ApiProperty({ example: '阿里巴巴一段客户体验官' }) tierName: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty() studentName: string;
  @ApiProperty({ enum: ['valid', 'revoked', 'expired'] }) status: CertificateStatus;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
  @ApiProperty() ruleVersion: number;
  @ApiPropertyOptional({ nullable: true, description: 'Set when an admin issued without eligibility' }) overrideReason: string | null;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) revokeReason: string | null;
  @ApiProperty({ example: 'https://lms.example.cn/verify/CXO1-2022-000094' }) verificationUrl: string;
  @ApiProperty({ description: 'Printed on the certificate next to the serial' }) verificationCode: string;
}

export class CertificatePageView {
  @ApiProperty({ type: [CertificateView] }) items: CertificateView[];
  @ApiProperty() total: number;
}

/** `expired` is derived from the expiry as well as stored, so a lapsed certificate reads as expired at once. */
export function effectiveStatus(c: Pick<Certificate, 'status' | 'expiresAt'>, now = new Date()): CertificateStatus {
  return c.status === 'valid' && c.expiresAt && c.expiresAt <= now ? 'expired' : c.status;
}

export function toCertificateView(c: Certificate, names: { tierName: string; studentName: string }, verificationUrl: string): CertificateView {
  return {
    id: c.id,
    serial: c.serial,
    tierCode: c.tierCode,
    tierName: names.tierName,
    studentId: c.studentId,
    studentName: names.studentName,
    status: effectiveStatus(c),
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    ruleVersion: c.ruleVersion,
    overrideReason: c.overrideReason,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokeReason: c.revokeReason,
    verificationUrl,
    verificationCode: c.verificationCode,
  };
}

export class IssueOutcomeView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['issued', 'skipped'] }) outcome: 'issued' | 'skipped';
  @ApiPropertyOptional({ enum: ['already_held', 'not_eligible'] }) reason?: 'already_held' | 'not_eligible';
  @ApiPropertyOptional({ type: [String], description: 'Unmet rules, when not eligible' }) missing?: string[];
  @ApiPropertyOptional() serial?: string;
  @ApiPropertyOptional({ format: 'uuid' }) certificateId?: string;
}

export class BatchIssueView {
  @ApiProperty() tierCode: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() issued: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: [IssueOutcomeView] }) results: IssueOutcomeView[];
}

export class PublicVerificationView {
  @ApiProperty({ example: 'CXO1-2022-000094' }) serial: string;
  @ApiProperty() tierCode: string;
  @ApiProperty({ example: '阿里巴巴一段客户体验官' }) tierName: string;
  @ApiProperty({ enum: ['valid', 'revoked', 'expired'] }) status: CertificateStatus;
  @ApiProperty({ example: '张*三', description: 'The holder’s name, masked' }) holderName: string;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;
  @ApiProperty() issuer: string;
}

export class CredentialView {
  @ApiProperty({ example: 'vc+jwt' }) format: 'vc+jwt';
  @ApiProperty({ description: 'The Open Badges 3.0 credential as a compact JWS (EdDSA)' }) jwt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The signed credential, for reading' }) credential: object;
}
