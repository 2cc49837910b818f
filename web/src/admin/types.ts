import type { components } from '../api/schema';

/** The views the admin pages read, as the app's OpenAPI document declares them. */
export type Schemas = components['schemas'];
export type UserView = Schemas['UserView'];
export type CohortView = Schemas['CohortView'];

/** One row of a user CSV import's report (src/identity/users.service.ts ImportRowReport; the document leaves rows open). */
export interface UserImportRow {
  line: number;
  username: string | null;
  status: 'created' | 'failed';
  userId?: string;
  initialPassword?: string;
  code?: string;
  reason?: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
}
