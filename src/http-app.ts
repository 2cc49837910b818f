import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { MAX_JSON_DEPTH, refuseDeepJson } from './common/json-depth';
import { requestContextMiddleware } from './common/request-context';
import { createValidationPipe } from './common/validation.pipe';
import { CommonErrorCode } from './common/error-codes';
import { ApiErrorBody, describeApiDocument } from './common/openapi';
import { IdentityErrorCode } from './identity/identity.errors';
import type { AppConfig } from './config/app-config';
import { servePortal } from './portal/serve-portal';
import { mountQueueDashboard } from './jobs/queue-dashboard';

/** HTTP conventions shared by main.ts and the e2e tests, so tests exercise what runs. */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  app.use(requestContextMiddleware);
  app.disable('x-powered-by');
  app.set('trust proxy', config.app.trustProxy);
  app.set('etag', false);
  app.use(helmet());
  // gzip for answers over a kilobyte that compress (JSON, scripts, CSV; never video or PDF): on a
  // phone's slow link the portal's scripts shrink to a third and the API's JSON to a fifth.
  if (config.app.compression) app.use(compression({ threshold: 1024 }));
  if (config.app.corsOrigins.length > 0) app.enableCors({ origin: config.app.corsOrigins });
  app.useBodyParser('json', { limit: '1mb', verify: refuseDeepJson(MAX_JSON_DEPTH) });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '2mb' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => createApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  mountQueueDashboard(app);
  servePortal(app);
  return app;
}

/** The OpenAPI document served at /api/docs-json (also written by `src/cli/openapi-doc.ts` for the portal's types). */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('incubator-lms API')
    .setDescription('Courses, video lessons, exams, hours and certification for the customer-experience-officer incubation base')
    .setVersion('1')
    .setLicense('UNLICENSED', 'https://docs.npmjs.com/cli/v10/configuring-npm/package-json#license')
    .addServer('/', 'This server')
    .addBearerAuth()
    .build();
  return describeApiDocument(SwaggerModule.createDocument(app, doc, { extraModels: [ApiErrorBody] }), {
    401: [CommonErrorCode.Unauthenticated],
    403: [CommonErrorCode.Forbidden, IdentityErrorCode.PasswordChangeRequired],
  });
}
