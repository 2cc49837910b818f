import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { LruCache } from '../common/lru-cache';
import { AuthUser, IS_PUBLIC, PASSWORD_CHANGE_EXEMPT, ROLES } from './auth.decorators';
import { USER_ROLES, UserRole } from './entities/user.entity';
import { passwordChangeRequired, roleForbidden, unauthenticated } from './identity.errors';
import { SessionRevocations } from './session-revocations.service';

interface TokenPayload {
  sub: string;
  usr: string;
  role: UserRole;
  /** The login (auth_session) the token belongs to. */
  sid: string;
  /** Present (true) while the account must change its generated password. */
  mcp?: true;
  /** Only scoped tokens (ScopedTokens) have one; they are never access tokens. */
  aud?: unknown;
}

interface VerifiedToken {
  user: AuthUser;
  mustChangePassword: boolean;
  expiresAtMs: number;
}

/** How long a verified token is remembered (never beyond its own expiry). */
const VERIFIED_TTL_MS = 60_000;

/**
 * Global guard: closed unless @Public(); then @Roles() decides. Tokens are checked without a database
 * hit, and a token verified once is remembered (until its expiry, at most a minute) so that the hot
 * routes a client calls over and over (heartbeats, autosave) skip the signature check and parsing.
 * Whether the token's login has ended is asked of the in-memory SessionRevocations on every request,
 * cached token or not, so an ended login stops working on every process within a poll interval.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new LruCache<string, VerifiedToken>(20_000, VERIFIED_TTL_MS);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly revocations: SessionRevocations,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = this.verify(req.headers.authorization);
    if (this.revocations.isEnded(token.user.sessionId)) {
      throw unauthenticated('This login has ended; sign in again');
    }
    req.user = token.user;
    if (token.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_EXEMPT, targets)) {
      throw passwordChangeRequired();
    }
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(token.user.role)) {
      throw roleForbidden();
    }
    return true;
  }

  private verify(header: string | undefined): VerifiedToken {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw unauthenticated('Sign in first (missing bearer token)');
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known;
    let payload: TokenPayload & { exp?: number };
    try {
      payload = this.jwt.verify<TokenPayload & { exp?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated('The token is invalid or has expired');
    }
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || !USER_ROLES.includes(payload.role) || payload.aud !== undefined) {
      throw unauthenticated('The token is invalid or has expired');
    }
    const verified: VerifiedToken = {
      user: { id: payload.sub, username: payload.usr, role: payload.role, sessionId: payload.sid },
      mustChangePassword: payload.mcp === true,
      expiresAtMs: typeof payload.exp === 'number' ? payload.exp * 1000 : 0,
    };
    if (typeof payload.exp === 'number') this.verified.set(token, verified);
    return verified;
  }
}

export function tokenPayload(user: { id: string; username: string; role: UserRole; mustChangePassword: boolean }, sessionId: string): TokenPayload {
  return { sub: user.id, usr: user.username, role: user.role, sid: sessionId, ...(user.mustChangePassword ? { mcp: true as const } : {}) };
}
