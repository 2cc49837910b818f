import type { User } from './entities/user.entity';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: User['role'];
  status: User['status'];
  cohortId: string | null;
  cohortName: string | null;
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
    createdAt: user.createdAt.toISOString(),
  };
}
