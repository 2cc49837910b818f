import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { Page } from '../common/pagination.dto';
import { CreateUserDto, ListUsersQuery } from './dto/identity.dto';
import { User, UserStatus } from './entities/user.entity';
import { CohortNameTakenError, CohortNotFoundError, IdentityErrorCode, UsernameTakenError, UserNotFoundError } from './identity.errors';
import { PasswordHasher } from './password-hasher.service';
import { parseUserCsv, UserCsvProblem } from './user-csv';
import { UsersRepository } from './users.repository';

export interface ImportRowReport {
  line: number;
  username: string | null;
  status: 'created' | 'failed';
  userId?: string;
  /** Shown once: the generated password of a row that gave none. */
  initialPassword?: string;
  code?: string;
  reason?: string;
}

export interface ImportReport {
  total: number;
  created: number;
  failed: number;
  cohortsCreated: string[];
  rows: ImportRowReport[];
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 12): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async create(dto: CreateUserDto): Promise<{ user: User; initialPassword?: string }> {
    if (dto.cohortId && !(await this.users.findCohortById(dto.cohortId))) throw new CohortNotFoundError();
    const initialPassword = dto.password ? undefined : generatePassword();
    const user = await this.users.insert({
      username: dto.username,
      displayName: dto.displayName,
      role: dto.role,
      cohortId: dto.cohortId ?? null,
      passwordHash: await this.hasher.hash(dto.password ?? (initialPassword as string)),
    });
    if (!user) throw new UsernameTakenError(dto.username);
    return { user, initialPassword };
  }

  list(query: ListUsersQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  async setStatus(actorId: string, id: string, status: UserStatus): Promise<User> {
    if (actorId === id && status === 'disabled') {
      throw new DomainError(IdentityErrorCode.CannotDisableSelf, 409, 'You cannot disable your own account');
    }
    if (!(await this.users.setStatus(id, status))) throw new UserNotFoundError();
    return (await this.users.findById(id)) as User;
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new UserNotFoundError();
    return user;
  }

  async createCohort(name: string, year: number | null) {
    const cohort = await this.users.insertCohort(name, year);
    if (!cohort) throw new CohortNameTakenError(name);
    return cohort;
  }

  listCohorts() {
    return this.users.listCohorts();
  }

  /**
   * Imports users from CSV. Bad rows are reported with their line and reason;
   * every good row is created. Passwords are hashed before the transaction so
   * it stays short; cohorts named in the file are created when missing.
   */
  async importCsv(text: string): Promise<ImportReport> {
    const { rows, problems } = parseUserCsv(text, this.config.get('imports', { infer: true }).maxRows);
    const failures: ImportRowReport[] = problems.map((p: UserCsvProblem) => ({
      line: p.line,
      username: p.username,
      status: 'failed',
      code: p.code,
      reason: p.reason,
    }));
    const taken = await this.users.existingUsernames(rows.map((r) => r.username));
    const candidates = rows.filter((r) => {
      if (!taken.has(r.username)) return true;
      failures.push({ line: r.line, username: r.username, status: 'failed', code: IdentityErrorCode.UsernameTaken, reason: `username "${r.username}" already exists` });
      return false;
    });
    const prepared = await Promise.all(
      candidates.map(async (r) => {
        const initialPassword = r.password ? undefined : generatePassword();
        return { row: r, initialPassword, passwordHash: await this.hasher.hash(r.password ?? (initialPassword as string)) };
      }),
    );
    const created: ImportRowReport[] = [];
    const cohortsCreated: string[] = [];
    await this.dataSource.transaction(async (tx) => {
      const cohortIds = new Map<string, string>();
      for (const name of new Set(prepared.map((p) => p.row.cohort).filter((c): c is string => !!c))) {
        const { cohort, created: isNew } = await this.users.upsertCohort(name, null, tx);
        cohortIds.set(name, cohort.id);
        if (isNew) cohortsCreated.push(name);
      }
      for (const p of prepared) {
        const user = await this.users.insert(
          {
            username: p.row.username,
            displayName: p.row.displayName,
            role: p.row.role,
            cohortId: p.row.cohort ? (cohortIds.get(p.row.cohort) as string) : null,
            passwordHash: p.passwordHash,
          },
          tx,
        );
        if (user) {
          created.push({ line: p.row.line, username: user.username, status: 'created', userId: user.id, initialPassword: p.initialPassword });
        } else {
          failures.push({ line: p.row.line, username: p.row.username, status: 'failed', code: IdentityErrorCode.UsernameTaken, reason: `username "${p.row.username}" already exists` });
        }
      }
    });
    const all = [...created, ...failures].sort((a, b) => a.line - b.line);
    return { total: all.length, created: created.length, failed: failures.length, cohortsCreated, rows: all };
  }
}
