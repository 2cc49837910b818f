import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { CommonErrorCode } from '../common/error-codes';
import { LruCache } from '../common/lru-cache';
import { AuthUser, IS_PUBLIC, ROLES } from './auth.decorators';
import { USER_ROLES, UserRole } from './entities/user.entity';

interface TokenPayload {
  sub: string;
  usr: string;
  role: UserRole;
}

/** How long a verified token is remembered (never beyond its own expiry). */
const VERIFIED_TTL_MS = 60_000;

/**
 * Global guard: closed unless @Public(); then @Roles() decides. Tokens are checked without a database
 * hit, and a token verified once is remembered (until its expiry, at most a minute) so that the hot
 * routes a client calls over and over (heartbeats, autosave) skip the signature check and parsing.
 * A token's validity depends only on the secret and its expiry, so remembering it changes nothing.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new LruCache<string, { user: AuthUser; expiresAtMs: number }>(20_000, VERIFIED_TTL_MS);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const user = this.verify(req.headers.authorization);
    req.user = user;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new DomainError(CommonErrorCode.Forbidden, 403, 'Your role may not do this');
    }
    return true;
  }

  private verify(header: string | undefined): AuthUser {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new DomainError(CommonErrorCode.Unauthenticated, 401, 'Sign in first (missing bearer token)');
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.user;
    let payload: TokenPayload & { exp?: number };
    try {
      payload = this.jwt.verify<TokenPayload & { exp?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError(CommonErrorCode.Unauthenticated, 401, 'The token is invalid or has expired');
    }
    if (typeof payload.sub !== 'string' || !USER_ROLES.includes(payload.role)) {
      throw new DomainError(CommonErrorCode.Unauthenticated, 401, 'The token is invalid or has expired');
    }
    const user = { id: payload.sub, username: payload.usr, role: payload.role };
    if (typeof payload.exp === 'number') this.verified.set(token, { user, expiresAtMs: payload.exp * 1000 });
    return user;
  }
}

export function tokenPayload(user: { id: string; username: string; role: UserRole }): TokenPayload {
  return { sub: user.id, usr: user.username, role: user.role };
}
