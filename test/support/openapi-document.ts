import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../../src/app.module';
import { buildAppConfig } from '../../src/config/app-config';
import { createApiDocument } from '../../src/http-app';

/**
 * The document /api/docs-json serves, built like `src/cli/openapi-doc.ts` does: the app in
 * preview mode reads the routes' metadata but opens no database or Redis connection.
 */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  const config = buildAppConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', APP_ROLE: 'api' });
  const app = await NestFactory.create(AppModule.register(config), { preview: true, logger: false, abortOnError: false });
  try {
    return createApiDocument(app);
  } finally {
    await app.close();
  }
}
