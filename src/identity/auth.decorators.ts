import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { UserRole } from './entities/user.entity';

export const IS_PUBLIC = 'lms:isPublic';
export const ROLES = 'lms:roles';
export const PASSWORD_CHANGE_EXEMPT = 'lms:passwordChangeExempt';

/** Opens a route to anonymous callers. Every other route needs a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Who may call the route. Every non-public route declares it (a test checks this). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

/** Open to an account that must still change its generated password (reading /api/me, changing it). */
export const PasswordChangeExempt = () => SetMetadata(PASSWORD_CHANGE_EXEMPT, true);

/** The caller as the auth guard verified it from the bearer token. */
export interface AuthUser {
  id: string;
  username: string;
  role: UserRole;
  /** The login the access token belongs to. */
  sessionId: string;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
