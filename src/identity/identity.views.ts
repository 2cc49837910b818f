import type { AuthSession } from './entities/auth-session.entity';
import type { User } from './entities/user.entity';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: User['role'];
  status: User['status'];
  cohortId: string | null;
  cohortName: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    cohortId: user.cohortId,
    cohortName: user.cohort?.name ?? null,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
  };
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  /** True while the login can still be refreshed. */
  active: boolean;
  endedAt: string | null;
  endReason: AuthSession['revokedReason'];
  ip: string | null;
  userAgent: string | null;
}

export function toSessionView(session: AuthSession, now = new Date()): SessionView {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    active: session.revokedAt === null && session.expiresAt > now,
    endedAt: session.revokedAt?.toISOString() ?? null,
    endReason: session.revokedReason,
    ip: session.ip,
    userAgent: session.userAgent,
  };
}
