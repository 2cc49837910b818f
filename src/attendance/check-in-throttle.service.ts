import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import { attendanceConfig } from './attendance.config';
import { REDIS } from '../redis/redis.module';
import { checkInThrottled } from './attendance.errors';

/**
 * Limits a student's wrong check-in codes per window with a counter in Redis, so every API
 * replica sees the same count. Each attempt takes a slot before its code is checked (so a
 * burst of parallel guesses cannot overrun the limit) and gives it back when the code was
 * right. The window starts at the first attempt that takes a slot. While Redis is down the
 * throttle is open (logged): a guess succeeds with odds of about 2 in a million, and a Redis
 * outage must not stop a class from checking in.
 */
@Injectable()
export class CheckInThrottle {
  private readonly logger = new Logger(CheckInThrottle.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(attendanceConfig.KEY) private readonly cfg: ConfigType<typeof attendanceConfig>,
  ) {}

  private key(studentId: string): string {
    return `check-in-fail:${studentId}`;
  }

  /** Takes a slot for one attempt; throws 429 when the window's slots are used up. */
  async take(studentId: string): Promise<void> {
    const key = this.key(studentId);
    let taken: number;
    let ttl: number;
    try {
      const res = await this.redis.multi().incr(key).expire(key, this.cfg.failureWindowSeconds, 'NX').ttl(key).exec();
      [taken, , ttl] = (res ?? []).map(([, v]) => Number(v ?? 0));
    } catch (err) {
      this.logger.warn(`check-in throttle unavailable: ${(err as Error).message}`);
      return;
    }
    if (taken > this.cfg.maxFailures) {
      await this.giveBack(studentId);
      throw checkInThrottled(Math.max(1, ttl));
    }
  }

  /** Returns the slot of an attempt that was not a wrong guess. */
  async giveBack(studentId: string): Promise<void> {
    await this.redis.decr(this.key(studentId)).catch((err: Error) => this.logger.warn(`check-in throttle unavailable: ${err.message}`));
  }
}
