import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { UserRole, UserStatus } from './entities/user.entity';

export interface DirectoryEntry {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  status: UserStatus;
  cohortId: string | null;
  cohortName: string | null;
}

const ENTRY_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.role, u.status, u.cohort_id AS "cohortId", c.name AS "cohortName"`;

@Injectable()
export class UserDirectoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  byIds(ids: string[]): Promise<DirectoryEntry[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.query(`SELECT ${ENTRY_COLUMNS} FROM app_user u LEFT JOIN cohort c ON c.id = u.cohort_id WHERE u.id = ANY($1::uuid[])`, [ids]);
  }

  studentsOfCohort(cohortId: string): Promise<DirectoryEntry[]> {
    return this.ds.query(
      `SELECT ${ENTRY_COLUMNS} FROM app_user u JOIN cohort c ON c.id = u.cohort_id
        WHERE u.cohort_id = $1 AND u.role = 'student' AND u.status = 'active' ORDER BY u.username`,
      [cohortId],
    );
  }

  /** Cohorts of a calendar year, by name. */
  cohortsOfYear(year: number): Promise<Array<{ id: string; name: string; year: number | null }>> {
    return this.ds.query(`SELECT id, name, year FROM cohort WHERE year = $1 ORDER BY name`, [year]);
  }

  /** Active students of any of the cohorts, by username. */
  studentsOfCohorts(cohortIds: string[]): Promise<DirectoryEntry[]> {
    if (cohortIds.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `SELECT ${ENTRY_COLUMNS} FROM app_user u JOIN cohort c ON c.id = u.cohort_id
        WHERE u.cohort_id = ANY($1::uuid[]) AND u.role = 'student' AND u.status = 'active' ORDER BY u.username`,
      [cohortIds],
    );
  }

  /** Active accounts per role. */
  async activeCountsByRole(): Promise<Record<string, number>> {
    const rows: Array<{ role: string; n: number }> = await this.ds.query(`SELECT role, COUNT(*)::int AS n FROM app_user WHERE status = 'active' GROUP BY role`);
    return Object.fromEntries(rows.map((r) => [r.role, r.n]));
  }

  /** Of the given ids, those of users with the role (any status). */
  async idsWithRole(ids: string[], role: UserRole, tx: EntityManager = this.ds.manager): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND role = $2`, [ids, role]);
    return rows.map((r) => r.id);
  }

  /** The active students of a cohort, or null when there is no such cohort. */
  async activeStudentIdsOfCohort(cohortId: string, tx: EntityManager = this.ds.manager): Promise<string[] | null> {
    const exists: unknown[] = await tx.query(`SELECT 1 FROM cohort WHERE id = $1`, [cohortId]);
    if (exists.length === 0) return null;
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM app_user WHERE cohort_id = $1 AND role = 'student' AND status = 'active'`,
      [cohortId],
    );
    return rows.map((r) => r.id);
  }

  /** Those of the ids that name a cohort (read in the caller's transaction when given one). */
  async existingCohortIds(ids: string[], tx: EntityManager = this.ds.manager): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM cohort WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => r.id);
  }

  async cohort(id: string): Promise<{ id: string; name: string; year: number | null } | null> {
    const rows = await this.ds.query(`SELECT id, name, year FROM cohort WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}
