import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cluster from 'node:cluster';
import { Logger } from 'nestjs-pino';
import { superviseApiProcesses } from './api-processes';
import { AppModule } from './app.module';
import { exitOnStartupFailure, prepareEnvironment, startupLog } from './bootstrap';
import { AppConfig, buildAppConfig } from './config/app-config';
import { configureHttpApp } from './http-app';
import { CurriculumSeeder } from './seeding/curriculum-seeder.service';

async function main(): Promise<void> {
  // A process forked by the supervisor: the primary has migrated the database and settled the secrets.
  if (cluster.isWorker) return serve(buildAppConfig(process.env), cluster.worker?.id === 1);
  const config = await prepareEnvironment();
  if (config.app.role !== 'worker' && config.app.apiProcesses > 1) return superviseApiProcesses(config);
  return serve(config, true);
}

async function serve(config: AppConfig, seed: boolean): Promise<void> {
  const module = AppModule.register(config);
  if (config.app.role === 'worker') {
    const ctx = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    ctx.useLogger(ctx.get(Logger));
    ctx.enableShutdownHooks();
    startupLog.info('worker started');
    return;
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  configureHttpApp(app, config);
  if (seed) await app.get(CurriculumSeeder).run();
  await app.listen(config.app.port, config.app.host);
  startupLog.info(
    `incubator-lms (${config.app.role}${config.app.demoMode ? ', demo mode' : ''}) listening on http://localhost:${config.app.port} — API docs at /api/docs`,
  );
}

/**
 * A BullMQ worker whose Redis restarted can wait forever in close()
 * (taskforcesh/bullmq#4656). Queued work survives a hard exit (jobs are
 * idempotent and the outbox keeps what never reached Redis), so a stuck
 * shutdown ends after a grace period instead of hanging the deployment.
 */
function exitIfShutdownHangs(graceMs = 15_000): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        startupLog.error(`shutdown did not finish within ${graceMs} ms; exiting`);
        process.exit(1);
      }, graceMs).unref();
    });
  }
}

exitIfShutdownHangs();
main().catch(exitOnStartupFailure);
