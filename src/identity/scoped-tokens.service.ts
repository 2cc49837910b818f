import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from './auth.decorators';
import { USER_ROLES, type UserRole } from './entities/user.entity';
import { SessionRevocations } from './session-revocations.service';

interface ScopedPayload {
  sub: string;
  usr: string;
  role: UserRole;
  sid: string;
}

/**
 * Short-lived tokens for one purpose, carried where a bearer header cannot be (a cookie of a page
 * the browser navigates to, such as the queue dashboard). Signed by the same JwtService as access
 * tokens but with an audience: the auth guard refuses any token that has one, and `verify` refuses
 * one for another audience, so neither kind is accepted as the other. A token dies with its login.
 */
@Injectable()
export class ScopedTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly revocations: SessionRevocations,
  ) {}

  issue(user: AuthUser, audience: string, ttlSeconds: number): Promise<string> {
    const payload: ScopedPayload = { sub: user.id, usr: user.username, role: user.role, sid: user.sessionId };
    return this.jwt.signAsync(payload, { audience, expiresIn: ttlSeconds });
  }

  /** The user the token was issued to; null when it is missing, forged, expired, for another audience, or its login has ended. */
  verify(token: string | undefined, audience: string): AuthUser | null {
    if (!token) return null;
    let payload: ScopedPayload;
    try {
      payload = this.jwt.verify<ScopedPayload>(token, { algorithms: ['HS256'], audience });
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || !USER_ROLES.includes(payload.role)) return null;
    if (this.revocations.isEnded(payload.sid)) return null;
    return { id: payload.sub, username: payload.usr, role: payload.role, sessionId: payload.sid };
  }
}
