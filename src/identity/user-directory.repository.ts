import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

  async cohort(id: string): Promise<{ id: string; name: string; year: number | null } | null> {
    const rows = await this.ds.query(`SELECT id, name, year FROM cohort WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}
