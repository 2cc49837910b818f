import { ApiProperty } from '@nestjs/swagger';
import type { AuthSession } from './entities/auth-session.entity';
import type { User } from './entities/user.entity';

export class UserView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ type: String }) displayName: string;
  @ApiProperty({ enum: ['student', 'trainer', 'admin'] }) role: User['role'];
  @ApiProperty({ enum: ['active', 'disabled'] }) status: User['status'];
  @ApiProperty({ type: String, nullable: true }) cohortId: string | null;
  @ApiProperty({ type: String, nullable: true }) cohortName: string | null;
  @ApiProperty({ type: Boolean }) mustChangePassword: boolean;
  @ApiProperty({ type: String }) createdAt: string;
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

export class SessionView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) createdAt: string;
  @ApiProperty({ type: String }) lastUsedAt: string;
  @ApiProperty({ type: String }) expiresAt: string;
  /** True while the login can still be refreshed. */
  @ApiProperty({ type: Boolean }) active: boolean;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty({ enum: ['admin', 'disabled', 'logout', 'refresh_reuse', 'sign_out_everywhere', 'role_changed', 'password_changed'], nullable: true }) endReason: AuthSession['revokedReason'];
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
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
