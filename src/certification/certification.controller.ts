import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { IdentityErrorCode } from '../identity/identity.errors';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { CertificatePdf } from './certificate-pdf.service';
import { CertificatesService } from './certificates.service';
import {
  BatchIssueView,
  CertificatePageView,
  CertificateView,
  CohortBoardView,
  CredentialView,
  StudentEligibilityView,
  TierView,
  toTierView,
} from './certification.views';
import { CredentialsService } from './credentials.service';
import { BatchIssueDto, BoardQuery, CertificateQuery, IssueCertificateDto, RevokeDto, UpdateTierDto } from './dto/certification.dto';
import { EligibilityService } from './eligibility.service';
import { IssuerKeys } from './issuer-keys.service';
import { TierRules } from './tier-rules.service';
import { ApiContentResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { CertificationErrorCode } from './certification.errors';

@ApiTags('certification')
@ApiBearerAuth()
@Controller('api')
export class CertificationController {
  constructor(
    private readonly tiers: TierRules,
    private readonly eligibility: EligibilityService,
    private readonly certificates: CertificatesService,
    private readonly credentials: CredentialsService,
    private readonly pdf: CertificatePdf,
    private readonly keys: IssuerKeys,
  ) {}

  @Roles('student', 'trainer', 'admin')
  @ApiResponse({ status: 200, type: [TierView] })
  @Get('certification/tiers')
  @ApiOperation({ summary: 'The tiers and the rules in force' })
  async listTiers(): Promise<TierView[]> {
    return (await this.tiers.list()).map(toTierView);
  }

  @ApiErrors({ 400: [CertificationErrorCode.InvalidRules], 404: [CertificationErrorCode.TierNotFound] })
  @Roles('admin')
  @ApiResponse({ status: 200, type: TierView })
  @Put('certification/tiers/:code')
  @ApiOperation({ summary: 'Replace a tier’s rules (a new rule version; issued certificates keep theirs); every problem is named' })
  async updateTier(@Param('code') code: string, @Body() dto: UpdateTierDto, @CurrentUser() user: AuthUser): Promise<TierView> {
    return toTierView(await this.tiers.update(code, { rules: dto.rules, validityMonths: dto.validityMonths }, user));
  }

  @ApiErrors({ 403: [CertificationErrorCode.NotYourEligibility], 404: [IdentityErrorCode.StudentNotFound] })
  @Roles('student', 'trainer', 'admin')
  @ApiResponse({ status: 200, type: StudentEligibilityView })
  @Get('students/:id/eligibility')
  @ApiOperation({ summary: 'Every tier for one student: each rule required, actual, met, and a Chinese sentence (students: themselves only)' })
  student(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<StudentEligibilityView> {
    return this.eligibility.forStudent(id, user);
  }

  @ApiErrors({ 404: [IdentityErrorCode.CohortNotFound, CertificationErrorCode.TierNotFound] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 200, type: CohortBoardView })
  @Get('certification/eligibility')
  @ApiOperation({ summary: 'The cohort board: every student with the tiers they are eligible for, hold, and what they miss' })
  board(@Query() q: BoardQuery): Promise<CohortBoardView> {
    return this.eligibility.cohortBoard(q.cohortId, q.tierCode);
  }

  @ApiErrors({ 404: [IdentityErrorCode.StudentNotFound, CertificationErrorCode.TierNotFound], 409: [CertificationErrorCode.AlreadyHeld], 422: [CertificationErrorCode.NotEligible] })
  @Roles('admin')
  @ApiResponse({ status: 201, type: CertificateView })
  @Post('certificates')
  @ApiOperation({ summary: 'Issue one certificate; 422 with the unmet rules unless overridden with a reason' })
  issue(@Body() dto: IssueCertificateDto, @CurrentUser() user: AuthUser): Promise<CertificateView> {
    return this.certificates.issue(dto.studentId, dto.tierCode, user, { override: dto.override });
  }

  @ApiErrors({ 404: [IdentityErrorCode.CohortNotFound, CertificationErrorCode.TierNotFound] })
  @Roles('admin')
  @ApiResponse({ status: 200, type: BatchIssueView })
  @Post('certificates/batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a tier to every eligible student of a cohort who does not hold it; says what it did per student' })
  batch(@Body() dto: BatchIssueDto, @CurrentUser() user: AuthUser): Promise<BatchIssueView> {
    return this.certificates.issueToCohort(dto.tierCode, dto.cohortId, user);
  }

  @ApiErrors({ 404: [IdentityErrorCode.CohortNotFound] })
  @Roles('admin')
  @ApiResponse({ status: 200, type: CertificatePageView })
  @Get('certificates')
  @ApiOperation({ summary: 'Certificates by cohort, tier and status' })
  list(@Query() q: CertificateQuery): Promise<CertificatePageView> {
    return this.certificates.list(q);
  }

  @Roles('student')
  @ApiResponse({ status: 200, type: [CertificateView] })
  @Get('me/certificates')
  @ApiOperation({ summary: 'My certificates' })
  mine(@CurrentUser() user: AuthUser): Promise<CertificateView[]> {
    return this.certificates.mine(user);
  }

  @ApiErrors({ 403: [CertificationErrorCode.NotYourCertificate], 404: [CertificationErrorCode.CertificateNotFound] })
  @Roles('student', 'admin')
  @ApiResponse({ status: 200, type: CertificateView })
  @Get('certificates/:id')
  @ApiOperation({ summary: 'One certificate (its holder or an admin)' })
  get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CertificateView> {
    return this.certificates.get(id, user);
  }

  @ApiErrors({ 404: [CertificationErrorCode.CertificateNotFound], 409: [CertificationErrorCode.AlreadyRevoked] })
  @Roles('admin')
  @ApiResponse({ status: 200, type: CertificateView })
  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke with a reason; the record stays, the public status list shows it' })
  revoke(@Param('id', UuidPipe) id: string, @Body() dto: RevokeDto, @CurrentUser() user: AuthUser): Promise<CertificateView> {
    return this.certificates.revoke(id, dto.reason, user);
  }

  @ApiErrors({ 403: [CertificationErrorCode.NotYourCertificate], 404: [CertificationErrorCode.CertificateNotFound] })
  @Roles('student', 'admin')
  @ApiContentResponse(200, 'application/pdf', 'The certificate as an A4 PDF download', { type: 'string', format: 'binary' })
  @Get('certificates/:id/pdf')
  @ApiOperation({ summary: 'The A4 certificate in Chinese with a QR code to the verification page (its holder or an admin)' })
  @ApiProduces('application/pdf')
  async download(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    const cert = await this.certificates.readable(id, user);
    const pdf = await this.pdf.render(cert, this.certificates.verificationUrl(cert.serial));
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${cert.serial}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(pdf);
  }

  @ApiErrors({ 403: [CertificationErrorCode.NotYourCertificate], 404: [CertificationErrorCode.CertificateNotFound] })
  @Roles('student', 'admin')
  @ApiResponse({ status: 200, type: CredentialView })
  @Get('certificates/:id/credential')
  @ApiOperation({ summary: 'The Open Badges 3.0 credential as a VC-JWT (EdDSA), verifiable against /.well-known/jwks.json' })
  async credential(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CredentialView> {
    return this.credentials.credential(await this.certificates.readable(id, user));
  }

  @ApiResponse({ status: 200, schema: { type: 'object', required: ['kid'], properties: { kid: { type: 'string', description: 'The new signing key id' } } } })
  @Roles('admin')
  @Post('admin/signing-keys/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a new signing key; earlier public keys stay published so earlier credentials verify' })
  async rotate(@CurrentUser() user: AuthUser): Promise<{ kid: string }> {
    return { kid: (await this.keys.rotate(user.id)).kid };
  }
}
