/**
 * Response shapes the pages read, copied from the server's views (src/<context>/<context>.views.ts)
 * for the operations whose OpenAPI entry does not declare its response yet. Once an operation
 * declares one, schema.d.ts carries the type and `unwrap()` infers it: drop the type here.
 */
export type UserRole = 'student' | 'trainer' | 'admin';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  status: string;
  cohortId: string | null;
  cohortName: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface TokenPairView {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  mustChangePassword: boolean;
}

export type LoginAnswer = TokenPairView & { user: UserView };

export interface TranscriptView {
  studentId: string;
  systems: Array<{ code: string; name: string; requiredHours: number; creditedMinutes: number; creditedHours: number; met: boolean }>;
  totalEntries: number;
}
