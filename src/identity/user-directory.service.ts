import { Injectable } from '@nestjs/common';
import { DirectoryEntry, UserDirectoryRepository } from './user-directory.repository';

export type { DirectoryEntry } from './user-directory.repository';

/** Identity's narrow read service for other modules: who users are, and who is in a cohort. */
@Injectable()
export class UserDirectory {
  constructor(private readonly repo: UserDirectoryRepository) {}

  async byIds(ids: readonly string[]): Promise<Map<string, DirectoryEntry>> {
    const rows = await this.repo.byIds([...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async student(id: string): Promise<DirectoryEntry | null> {
    const entry = (await this.repo.byIds([id]))[0];
    return entry?.role === 'student' ? entry : null;
  }

  /** Active students of a cohort, by username. */
  studentsOfCohort(cohortId: string): Promise<DirectoryEntry[]> {
    return this.repo.studentsOfCohort(cohortId);
  }

  cohort(id: string): Promise<{ id: string; name: string; year: number | null } | null> {
    return this.repo.cohort(id);
  }
}
