import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AuditModule } from './audit/audit.module';
import { AttendanceModule } from './attendance/attendance.module';
import { AssessmentModule } from './assessment/assessment.module';
import { CertificationModule } from './certification/certification.module';
import { CatalogModule } from './catalog/catalog.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { ContentTypeInterceptor } from './common/content-type.interceptor';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { HoursModule } from './hours/hours.module';
import { IdentityModule } from './identity/identity.module';
import { JobsModule } from './jobs/jobs.module';
import { LearningModule } from './learning/learning.module';
import { MediaModule } from './media/media.module';
import { redisOptions } from './redis/redis-connection';
import { ReportsModule } from './reports/reports.module';
import { RedisModule } from './redis/redis.module';
import { SeedingModule } from './seeding/seeding.module';
import { TrainingModule } from './training/training.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Hot routes whose successful requests are logged at debug (a heartbeat every 10 s, autosaves, the
 * many range requests of a video player); failures still log.
 */
const QUIET_WHEN_OK = /^\/api\/(playback\/[^/]+\/heartbeat|attempts\/[^/]+\/answers\/[^/]+)$|^\/media\/[^/?]+\/stream(\?|$)/;

/** A signed stream URL is a credential until it expires: logs keep its path only. */
const loggedUrl = (url: string) => (url.startsWith('/media/') ? url.replace(/\?.*$/, '') : url);

/** Accepts a caller's X-Request-Id when it is sane, otherwise makes one; echoes it back. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

function loggerModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: [
      {
      level: config.app.logLevel,
      genReqId: requestId,
      // Cheap request logs: no headers or bodies, just what identifies the request.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggedUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req, res, err) => {
        if (err || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400) return 'warn';
        return QUIET_WHEN_OK.test(req.url ?? '') ? 'debug' : 'info';
      },
      autoLogging: { ignore: (req) => req.url === '/health/live' },
      },
      // Buffered writes: one syscall per few KB of log lines instead of one per request.
      pino.destination({ dest: 1, sync: false, minLength: 4096 }),
    ],
  });
}

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config),
        loggerModule(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.database), migrationsRun: false }),
        RedisModule,
        BullModule.forRoot({ connection: redisOptions(config.redis), prefix: config.redis.prefix }),
        JobsModule.forRoot({ workers: config.app.role !== 'api', timing: config.jobs }),
        HealthModule,
        AuditModule,
        IdentityModule,
        CatalogModule,
        TrainingModule,
        HoursModule,
        AttendanceModule,
        MediaModule,
        LearningModule,
        AssessmentModule,
        CertificationModule,
        ReportsModule,
        SeedingModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: ContentTypeInterceptor },
      ],
    };
  }
}
