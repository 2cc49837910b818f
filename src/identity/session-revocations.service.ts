import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { PeriodicTask } from '../common/periodic-task';
import { appConfig } from '../config/app.config';
import { redisConfig } from '../redis/redis.config';
import { authConfig } from './auth.config';
import { redisOptions } from '../redis/redis-connection';
import { SessionsRepository } from './sessions.repository';

/** Ended logins are remembered this much longer than an access token can live (clock skew, slow polls). */
const MARGIN_SECONDS = 60;

/**
 * Each API process's view of which logins have ended, so that the auth guard refuses their access
 * tokens without a database round trip. PostgreSQL is the truth (auth_session.revoked_at); an ended
 * login is broadcast on a Redis channel under QUEUE_PREFIX so that other processes learn it at once,
 * and every process re-reads the recently ended logins every SESSION_REVOCATION_POLL_MS in case a
 * message was lost (Redis down, a subscriber reconnecting). Only logins ended within an access
 * token's lifetime matter: older ones have no live access tokens left.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRevocations.name);
  /** Session id → when it may be forgotten (ms). */
  private readonly ended = new Map<string, number>();
  private readonly channel: string;
  private readonly windowSeconds: number;
  private subscriber: Redis | undefined;
  private publisher: Redis | undefined;
  private poll: PeriodicTask | undefined;

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(redisConfig.KEY) private readonly redis: ConfigType<typeof redisConfig>,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {
    this.channel = `${redis.prefix}:auth:sessions-ended`;
    this.windowSeconds = auth.jwtTtlSeconds + MARGIN_SECONDS;
  }

  async onModuleInit(): Promise<void> {
    // Worker-only processes serve no requests and so check no tokens.
    if (this.app.role === 'worker') return;
    // Dedicated connections without the key prefix: channel names are not keys, so the prefix is spelled out.
    this.publisher = new Redis(redisOptions(this.redis, { maxRetriesPerRequest: 1, enableOfflineQueue: false }));
    this.subscriber = new Redis(redisOptions(this.redis));
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.subscriber.subscribe(this.channel).catch((err: Error) => this.logger.warn(`cannot subscribe to ended logins: ${err.message}`));
    // The first read happens before the process serves a request: a restarted replica knows at once.
    await this.refresh().catch((err: Error) => this.logger.warn(`cannot read ended logins: ${err.message}`));
    this.poll = new PeriodicTask('ended-logins poll', this.auth.sessionRevocationPollMs, () => this.refresh(), this.logger);
    this.poll.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.poll?.stop();
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }

  isEnded(sessionId: string): boolean {
    const until = this.ended.get(sessionId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.ended.delete(sessionId);
    return false;
  }

  /** Called after the transaction that ended the logins committed: this process knows at once, the others within moments. */
  async announce(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    this.remember(sessionIds);
    try {
      await this.publisher?.publish(this.channel, JSON.stringify(sessionIds));
    } catch (err) {
      this.logger.warn(`cannot broadcast ended logins (other processes learn them from the next poll): ${(err as Error).message}`);
    }
  }

  private receive(message: string): void {
    try {
      const ids: unknown = JSON.parse(message);
      if (Array.isArray(ids)) this.remember(ids.filter((id): id is string => typeof id === 'string'));
    } catch {
      this.logger.warn('ignored a malformed ended-logins message');
    }
  }

  private remember(sessionIds: string[]): void {
    const until = Date.now() + this.windowSeconds * 1000;
    for (const id of sessionIds) this.ended.set(id, until);
  }

  private async refresh(): Promise<void> {
    this.remember(await this.sessions.revokedWithin(this.windowSeconds));
    const now = Date.now();
    for (const [id, until] of this.ended) if (until <= now) this.ended.delete(id);
  }
}
