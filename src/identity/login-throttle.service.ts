import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import { authConfig } from './auth.config';
import { REDIS } from '../redis/redis.module';
import { loginThrottled } from './identity.errors';

/**
 * Counts failed logins per username and per client address in Redis, so every
 * API replica sees the same counts. While Redis is down the throttle is open
 * (logged): refusing every login would turn a cache outage into a full outage.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  private keys(username: string, address: string) {
    return { user: `login-fail:user:${username}`, address: `login-fail:addr:${address}` };
  }

  /** Throws 429 when either counter is at its limit. */
  async assertAllowed(username: string, address: string): Promise<void> {
    const keys = this.keys(username, address);
    let counts: [number, number, number, number];
    try {
      const res = await this.redis.multi().get(keys.user).ttl(keys.user).get(keys.address).ttl(keys.address).exec();
      counts = (res ?? []).map(([, v]) => Number(v ?? 0)) as [number, number, number, number];
    } catch (err) {
      this.logger.warn(`login throttle unavailable: ${(err as Error).message}`);
      return;
    }
    const [userFails, userTtl, addrFails, addrTtl] = counts;
    if (userFails >= this.auth.loginMaxFailuresPerUser) throw loginThrottled(Math.max(1, userTtl));
    if (addrFails >= this.auth.loginMaxFailuresPerAddress) throw loginThrottled(Math.max(1, addrTtl));
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const window = this.auth.loginWindowSeconds;
    const keys = this.keys(username, address);
    try {
      // The window starts at the first failure (NX) and is not extended by later ones.
      await this.redis
        .multi()
        .incr(keys.user)
        .expire(keys.user, window, 'NX')
        .incr(keys.address)
        .expire(keys.address, window, 'NX')
        .exec();
    } catch (err) {
      this.logger.warn(`login throttle unavailable: ${(err as Error).message}`);
    }
  }

  async recordSuccess(username: string): Promise<void> {
    await this.redis.del(this.keys(username, '').user).catch(() => undefined);
  }
}
