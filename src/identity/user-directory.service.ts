import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UserRole } from './entities/user.entity';
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

  /** Of the given ids, those of users with the role, any status (one query; in the caller's transaction when given one). */
  idsWithRole(ids: readonly string[], role: UserRole, tx?: EntityManager): Promise<string[]> {
    return this.repo.idsWithRole([...new Set(ids)], role, tx);
  }

  /** The active students of a cohort, or null when there is no such cohort. */
  activeStudentIdsOfCohort(cohortId: string, tx?: EntityManager): Promise<string[] | null> {
    return this.repo.activeStudentIdsOfCohort(cohortId, tx);
  }

  /** Those of the ids that name a cohort, as a set (one query). */
  async existingCohortIds(ids: readonly string[], tx?: EntityManager): Promise<Set<string>> {
    return new Set(await this.repo.existingCohortIds([...new Set(ids)], tx));
  }

  /** Display names by user id (one query); unknown ids are left out. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map([...(await this.byIds(ids))].map(([id, entry]) => [id, entry.displayName]));
  }

  cohort(id: string): Promise<{ id: string; name: string; year: number | null } | null> {
    return this.repo.cohort(id);
  }

  cohortsOfYear(year: number): Promise<Array<{ id: string; name: string; year: number | null }>> {
    return this.repo.cohortsOfYear(year);
  }

  /** Active students of any of the cohorts (one query), by username. */
  studentsOfCohorts(cohortIds: readonly string[]): Promise<DirectoryEntry[]> {
    return this.repo.studentsOfCohorts([...new Set(cohortIds)]);
  }

  /** Active accounts per role (student, trainer, admin). */
  activeCountsByRole(): Promise<Record<string, number>> {
    return this.repo.activeCountsByRole();
  }
}
