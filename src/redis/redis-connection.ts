import Redis, { RedisOptions } from 'ioredis';
import type { ConfigType } from '@nestjs/config';
import { StartupError } from '../common/startup-error';
import type { redisConfig } from './redis.config';

type RedisConfig = ConfigType<typeof redisConfig>;

export function redisOptions(cfg: RedisConfig, extra: RedisOptions = {}): RedisOptions {
  return {
    host: cfg.host,
    port: cfg.port,
    password: cfg.password || undefined,
    // BullMQ blocks on its connections and needs unlimited retries per request.
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    ...extra,
  };
}

/** Fails fast with an operator-readable message when Redis cannot be reached. */
export async function assertRedisReachable(cfg: RedisConfig): Promise<void> {
  const client = new Redis(
    redisOptions(cfg, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 }),
  );
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const reason = err instanceof Error ? (err as Error & { code?: string }).code ?? err.message : String(err);
    throw new StartupError(
      `Redis is not reachable at ${cfg.host}:${cfg.port} (${reason}).\n` +
        `  Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port ${cfg.port} --appendonly yes --maxmemory-policy noeviction\n` +
        `  or with Docker: docker compose -f docker/compose.yml up -d redis\n` +
        `  or point REDIS_HOST/REDIS_PORT at a running server.`,
    );
  } finally {
    client.disconnect();
  }
}
