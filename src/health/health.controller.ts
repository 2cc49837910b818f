import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { Public } from '../identity/auth.decorators';
import { REDIS } from '../redis/redis.module';
import { HealthRepository } from './health.repository';

interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs?: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 1500;

async function probe(check: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000 };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}


const PROBE_SCHEMA = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] }, latencyMs: { type: 'number' }, error: { type: 'string' } } };
const HEALTH_SCHEMA = {
  type: 'object',
  required: ['status', 'database', 'redis', 'uptimeSeconds'],
  properties: { status: { type: 'string', enum: ['ok', 'error'] }, database: PROBE_SCHEMA, redis: PROBE_SCHEMA, uptimeSeconds: { type: 'integer' } },
};

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @ApiResponse({ status: 200, description: 'Both up', schema: HEALTH_SCHEMA })
  @ApiResponse({ status: 503, description: 'PostgreSQL or Redis is down', schema: HEALTH_SCHEMA })
  @Get()
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis; 503 when either is down' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, redis] = await Promise.all([probe(() => this.db.ping()), probe(() => this.redis.ping())]);
    const ok = database.status === 'up' && redis.status === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', database, redis, uptimeSeconds: Math.round(process.uptime()) };
  }

  @ApiResponse({ status: 200, description: 'The process answers', schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } })
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependencies); also the benchmarks\' bare endpoint' })
  live() {
    return { status: 'ok' };
  }
}
