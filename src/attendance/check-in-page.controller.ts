import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../identity/auth.decorators';
import { CheckInPageService } from './check-in-page.service';
import { CHECK_IN_SCRIPT, CHECK_IN_SCRIPT_VERSION } from './check-in.script';
import { ApiContentResponse } from '../common/openapi';

/**
 * Helmet's policy carries `upgrade-insecure-requests`. On a page served over plain http (a server
 * on the campus network without TLS) the browser would then fetch the script and call the API
 * over https, which such a server does not speak, and the page would never work. Over http the
 * directive protects nothing, so this page drops it there; over https the policy stays as it is.
 */
function withoutUpgradeInsecureRequests(res: Response): void {
  const policy = res.getHeader('Content-Security-Policy');
  if (typeof policy !== 'string') return;
  const kept = policy.split(';').filter((directive) => directive.trim() !== 'upgrade-insecure-requests');
  res.setHeader('Content-Security-Policy', kept.join(';'));
}

/**
 * The student check-in page the classroom QR code opens (`/check-in?session&code`) and its script.
 * Both are public: the student signs in on the page itself, and the check-in API checks the token.
 */
@ApiTags('attendance')
@Controller()
export class CheckInPageController {
  constructor(private readonly page: CheckInPageService) {}

  @Public()
  @ApiContentResponse(200, 'text/html', 'The check-in page (zh-CN); an unknown or ended session answers a page saying so')
  @Get('check-in')
  @ApiOperation({ summary: 'Student check-in page (zh-CN HTML) opened by the classroom QR code; signs in and checks in from the phone' })
  @ApiQuery({ name: 'session', required: false, description: 'Class session id' })
  @ApiQuery({ name: 'code', required: false, description: 'Check-in code to pre-fill' })
  @ApiProduces('text/html')
  async checkInPage(@Query('session') session: unknown, @Query('code') code: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { status, html } = await this.page.render(session, code);
    if (!req.secure) withoutUpgradeInsecureRequests(res);
    res.status(status).type('html').setHeader('Cache-Control', 'no-store');
    res.send(html);
  }

  @Public()
  @ApiContentResponse(200, 'application/javascript', 'The check-in page script')
  @Get('assets/check-in.js')
  @ApiOperation({ summary: 'Script of the student check-in page (cacheable for good when asked for with its current ?v=)' })
  @ApiProduces('application/javascript')
  script(@Query('v') version: unknown, @Res() res: Response): void {
    res.status(200).setHeader('Content-Type', 'application/javascript; charset=utf-8');
    // The page links the script with its content hash; any other URL may see a newer script soon.
    res.setHeader('Cache-Control', version === CHECK_IN_SCRIPT_VERSION ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    res.send(CHECK_IN_SCRIPT);
  }
}
