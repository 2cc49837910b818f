import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

/** A created user: the generated initial password is answered once, when none was given. */
export class CreatedUserView extends UserView {
  @ApiPropertyOptional({ type: String, description: 'Only when the password was generated' }) initialPassword?: string;
}

export class CohortView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiPropertyOptional({ type: Number, description: 'In the list only' }) memberCount?: number;
}

/** Tokens of a login or a refresh. */
export class TokenPairView {
  @ApiProperty({ type: String }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: Number, description: 'Seconds the access token lives' }) expiresIn: number;
  @ApiProperty({ type: String }) refreshToken: string;
  @ApiProperty({ type: String, description: 'When the login ends unless refreshed before' }) refreshExpiresAt: string;
}

export class LoginAnswerView extends TokenPairView {
  @ApiProperty({ type: () => UserView }) user: UserView;
}
