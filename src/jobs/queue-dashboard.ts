import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Controller, HttpCode, Injectable, Post, Res } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { CommonErrorCode } from '../common/error-codes';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { ScopedTokens } from '../identity/scoped-tokens.service';
import { QueueName } from './job-catalog';
import { JobOutbox } from './job-outbox.service';

/** Where Bull Board is served (outside /api: it is a page an admin opens in a browser tab). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'lms_queue_dashboard';
const AUDIENCE = 'lms:queue-dashboard';
/** Long enough to look around; the page asks for a new session when it is opened again. */
const SESSION_TTL_SECONDS = 15 * 60;

export class QueueDashboardSessionView {
  @ApiProperty({ example: QUEUE_DASHBOARD_PATH, description: 'Open this path in the same browser: the cookie just set lets it in' }) url: string;
  @ApiProperty({ description: 'When the cookie stops working' }) expiresAt: string;
}

/** Issues and checks the dashboard's cookie (a scoped token of the caller's login, see ScopedTokens). */
@Injectable()
export class QueueDashboardAccess {
  constructor(private readonly tokens: ScopedTokens) {}

  async open(user: AuthUser, res: Response): Promise<QueueDashboardSessionView> {
    const token = await this.tokens.issue(user, AUDIENCE, SESSION_TTL_SECONDS);
    res.cookie(COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: res.req.secure,
      path: QUEUE_DASHBOARD_PATH,
      maxAge: SESSION_TTL_SECONDS * 1000,
    });
    return { url: QUEUE_DASHBOARD_PATH, expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000).toISOString() };
  }

  /** Express middleware in front of Bull Board: a valid admin cookie or a JSON refusal with a code. */
  guard() {
    return (req: Request, res: Response, next: NextFunction) => {
      const user = this.tokens.verify(readCookie(req, COOKIE), AUDIENCE);
      res.setHeader('Cache-Control', 'no-store');
      if (!user) {
        res.status(401).json({ statusCode: 401, code: CommonErrorCode.Unauthenticated, message: 'Open the queue dashboard from the admin pages (no valid dashboard session)' });
      } else if (user.role !== 'admin') {
        res.status(403).json({ statusCode: 403, code: CommonErrorCode.Forbidden, message: 'Only admins may open the queue dashboard' });
      } else next();
    };
  }
}

/** One cookie's value. Its values here are JWTs (base64url and dots), so no decoding is needed. */
function readCookie(req: Request, name: string): string | undefined {
  const pair = (req.headers.cookie ?? '').split(';').map((p) => p.trim()).find((p) => p.startsWith(`${name}=`));
  return pair?.slice(name.length + 1);
}

@ApiTags('jobs')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly access: QueueDashboardAccess) {}

  @ApiResponse({ status: 200, type: QueueDashboardSessionView, description: 'Sets an HttpOnly, SameSite=Strict cookie scoped to /admin/queues' })
  @Post('session')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let this browser open the queue dashboard (Bull Board at /admin/queues) for a quarter of an hour' })
  session(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<QueueDashboardSessionView> {
    return this.access.open(user, res);
  }
}

/**
 * Mounts Bull Board on every queue of the job catalogue, behind the cookie check. Read-only: a
 * retry goes through POST /api/admin/jobs/:id/retry, which is audited. Call before the portal's
 * fallback so that its pages never shadow the dashboard.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const outbox = app.get(JobOutbox);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(outbox.queue(name), { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: '任务队列', locale: { lng: 'zh-CN' } } },
  });
  // Bull Board's page links a web font from a CDN: the dashboard's policy keeps styles and fonts on this server.
  const sameOriginStyles = helmet.contentSecurityPolicy({ directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'font-src': ["'self'", 'data:'] } });
  app.use(QUEUE_DASHBOARD_PATH, app.get(QueueDashboardAccess).guard(), sameOriginStyles, serverAdapter.getRouter());
}
