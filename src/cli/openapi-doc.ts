// node dist/src/cli/openapi-doc.js [file]: writes the app's OpenAPI document (as served at /api/docs-json)
// without a database or Redis: the app is created in preview mode, which reads the routes' metadata
// but instantiates no provider and opens no connection. `npm run api:types` feeds it to openapi-typescript.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { AppModule } from '../app.module';
import { buildAppConfig } from '../config/app-config';
import { createApiDocument } from '../http-app';

async function writeDocument(): Promise<void> {
  const config = buildAppConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', APP_ROLE: 'api' });
  const app = await NestFactory.create(AppModule.register(config), { preview: true, logger: false, abortOnError: false });
  const json = JSON.stringify(createApiDocument(app), null, 2) + '\n';
  const [file] = process.argv.slice(2);
  if (file) writeFileSync(file, json);
  else process.stdout.write(json);
}

writeDocument().catch((err: unknown) => {
  process.stderr.write(`openapi-doc: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
