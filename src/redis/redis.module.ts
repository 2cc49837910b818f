import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisConfig } from './redis.config';
import type { ConfigType } from '@nestjs/config';
import { redisOptions } from './redis-connection';

export const REDIS = Symbol('REDIS');

/** The app's own Redis client (throttles, health); keys are prefixed with QUEUE_PREFIX. */
@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [redisConfig.KEY],
      useFactory: (cfg: ConfigType<typeof redisConfig>) => {
        // Commands fail fast while Redis is down (callers decide what that means) instead of queueing forever.
        const client = new Redis(redisOptions(cfg, { keyPrefix: `${cfg.prefix}:`, maxRetriesPerRequest: 1, enableOfflineQueue: false }));
        const logger = new Logger('Redis');
        let down = false;
        client.on('error', (err) => {
          if (!down) logger.warn(`Redis connection problem: ${err.message}`);
          down = true;
        });
        client.on('ready', () => {
          if (down) logger.log('Redis connection restored');
          down = false;
        });
        return client;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
