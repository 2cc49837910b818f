import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../common/domain-error';
import { Public } from '../identity/auth.decorators';
import { CertificationErrorCode } from './certification.errors';
import { PublicVerificationView } from './certification.views';
import { CredentialsService } from './credentials.service';
import { IssuerKeys } from './issuer-keys.service';
import { VerificationService } from './verification.service';
import { notFoundPage, throttledPage, verifiedPage } from './verify-page';
import { ApiContentResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';

/** What anyone may check without an account: a certificate by serial, the issuer's keys, revocations. */
@ApiTags('public')
@Controller()
export class VerificationController {
  constructor(
    private readonly verification: VerificationService,
    private readonly credentials: CredentialsService,
    private readonly keys: IssuerKeys,
  ) {}

  @ApiErrors({ 404: [CertificationErrorCode.SerialNotFound], 429: [CertificationErrorCode.VerifyThrottled] })
  @Public()
  @ApiResponse({ status: 200, type: PublicVerificationView })
  @Get('api/verify/:serial')
  @ApiOperation({ summary: 'Verify a certificate by serial: tier, status, dates and the holder’s masked name (rate-limited per address)' })
  verify(@Param('serial') serial: string, @Req() req: Request): Promise<PublicVerificationView> {
    return this.verification.verify(serial, req.ip ?? 'unknown');
  }

  @Public()
  @ApiContentResponse(200, 'text/html', 'The verification page (zh-CN)')
  @ApiContentResponse(404, 'text/html', 'A page saying no certificate has this serial')
  @ApiContentResponse(429, 'text/html', 'A page asking to wait (Retry-After)')
  @Get('verify/:serial')
  @ApiOperation({ summary: 'The public verification page (zh-CN) a certificate’s QR code opens' })
  @ApiProduces('text/html')
  async page(@Param('serial') serial: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.type('html').setHeader('Cache-Control', 'no-store');
    try {
      res.status(200).send(verifiedPage(await this.verification.verify(serial, req.ip ?? 'unknown')));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === CertificationErrorCode.VerifyThrottled) res.status(429).setHeader('Retry-After', err.headers?.['Retry-After'] ?? '60').send(throttledPage());
      else res.status(404).send(notFoundPage());
    }
  }

  @Public()
  @ApiResponse({ status: 200, description: 'A JSON Web Key Set', schema: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object', additionalProperties: true } } } } })
  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'The issuer’s public signing keys (current and earlier), each with its kid' })
  async jwks(@Res({ passthrough: true }) res: Response): Promise<object> {
    res.setHeader('Cache-Control', 'public, max-age=300');
    return this.keys.jwks();
  }

  @Public()
  @ApiContentResponse(200, 'application/vc+jwt', 'The status list credential, a signed JWT')
  @Get('api/credentials/status/revocation')
  @ApiOperation({ summary: 'The revocation Bitstring Status List credential (VC-JWT) every credential’s credentialStatus points to' })
  @ApiProduces('application/vc+jwt')
  async statusList(@Res() res: Response): Promise<void> {
    res.status(200).setHeader('Content-Type', 'application/vc+jwt');
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.send(await this.credentials.statusList());
  }
}
