import { ApiProperty } from '@nestjs/swagger';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { authConfig } from './auth.config';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../common/transaction';
import { tokenPayload } from './auth.guard';
import { AuthSession, SessionEndReason } from './entities/auth-session.entity';
import { accountDisabled, invalidRefreshToken, sessionNotFound } from './identity.errors';
import { SessionRevocations } from './session-revocations.service';
import { SessionsRepository, SessionUser } from './sessions.repository';

export class TokenPair {
  @ApiProperty({ type: String }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  /** Seconds the access token lives. */
  @ApiProperty({ type: Number }) expiresIn: number;
  @ApiProperty({ type: String }) refreshToken: string;
  /** When the login ends unless refreshed before. */
  @ApiProperty({ type: String }) refreshExpiresAt: string;
  @ApiProperty({ type: String }) sessionId: string;
  @ApiProperty({ type: Boolean }) mustChangePassword: boolean;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Logins: each has an id that its access tokens carry (`sid`) and a chain of opaque refresh tokens,
 * of which only the newest is valid. Ending a login (logout, reuse of a retired refresh token, an
 * admin, or a change to the account) is written to PostgreSQL and announced to every API process.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly revocations: SessionRevocations,
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  private get ttlDays(): number {
    return this.auth.refreshTokenTtlDays;
  }

  /** Starts a login for the user inside `tx` (refused when the user is disabled by then). */
  async start(tx: EntityManager, userId: string, client: ClientInfo): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const started = await this.sessions.start(tx, userId, hashRefreshToken(refreshToken), this.ttlDays, client);
    if (!started) throw accountDisabled();
    return this.pair(started.user, started.sessionId, refreshToken, started.expiresAt);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const next = randomBytes(32).toString('base64url');
    const outcome = await this.sessions.rotate(hashRefreshToken(refreshToken), hashRefreshToken(next), this.ttlDays);
    switch (outcome.kind) {
      case 'rotated':
        return this.pair(outcome.user, outcome.sessionId, next, outcome.expiresAt as Date);
      case 'reused':
        await this.revocations.announce([outcome.sessionId]);
        throw invalidRefreshToken('This refresh token was already used; the login has been ended for safety. Sign in again');
      default:
        throw invalidRefreshToken();
    }
  }

  /** Ends the login a refresh token belongs to. Unknown tokens end nothing and say nothing. */
  async logout(refreshToken: string): Promise<void> {
    const session = await this.sessions.sessionOfRefreshToken(hashRefreshToken(refreshToken));
    if (session && (await this.sessions.revoke(null, session.sessionId, 'logout'))) await this.revocations.announce([session.sessionId]);
  }

  list(userId: string): Promise<AuthSession[]> {
    return this.sessions.listOfUser(userId);
  }

  /**
   * Ends one login of the user; `alongside` runs in the same transaction when the login was still
   * going (the caller's audit line), so the end and its record commit together.
   */
  async end(userId: string, sessionId: string, alongside?: (tx: EntityManager) => Promise<void>): Promise<void> {
    if (!(await this.sessions.sessionExists(userId, sessionId))) throw sessionNotFound();
    const ended = await inTransaction(this.ds, async (tx) => {
      const revoked = await this.sessions.revoke(tx, sessionId, 'admin', userId);
      if (revoked && alongside) await alongside(tx);
      return revoked;
    });
    if (ended) await this.revocations.announce([sessionId]);
  }

  /**
   * Ends every login of the user; answers how many were still going. `alongside` runs in the same
   * transaction with the ids of the ended logins.
   */
  async endAll(userId: string, reason: SessionEndReason, alongside?: (tx: EntityManager, ended: string[]) => Promise<void>): Promise<number> {
    const ended = await inTransaction(this.ds, async (tx) => {
      const ids = await this.sessions.revokeAllOfUser(tx, userId, reason);
      if (alongside) await alongside(tx, ids);
      return ids;
    });
    await this.revocations.announce(ended);
    return ended.length;
  }

  /**
   * Runs `change` (a write to the user) and ends all the user's logins in one transaction, then
   * announces them.
   */
  async changeAndEndAll<T>(userId: string, reason: SessionEndReason, change: (tx: EntityManager) => Promise<T>): Promise<T> {
    const { result, ended } = await inTransaction(this.ds, async (tx) => {
      const result = await change(tx);
      return { result, ended: await this.sessions.revokeAllOfUser(tx, userId, reason) };
    });
    await this.revocations.announce(ended);
    return result;
  }

  private async pair(user: SessionUser, sessionId: string, refreshToken: string, refreshExpiresAt: Date): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync(tokenPayload(user, sessionId));
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.auth.jwtTtlSeconds,
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      sessionId,
      mustChangePassword: user.mustChangePassword,
    };
  }
}
