import { ApiProperty } from '@nestjs/swagger';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent, AuditLog } from '../audit/audit-log.service';
import { toCsv } from '@lms/csv';
import { importsConfig } from '../common/imports.config';
import { Page } from '../common/pagination.dto';
import { inTransaction } from '../common/transaction';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/identity.dto';
import { AuthSession } from './entities/auth-session.entity';
import { User, UserStatus } from './entities/user.entity';
import { cannotDisableSelf, cohortNameTaken, cohortNotFound, IdentityErrorCode, usernameTaken, userNotFound } from './identity.errors';
import { PasswordHasher } from './password-hasher.service';
import { parseUserCsv, UserCsvProblem } from './user-csv';
import { SessionsService } from './sessions.service';
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

/** Named apart from the question import's report so the two get separate schemas. */
export type ImportReport = UserImportReport;
export class UserImportReport {
  @ApiProperty({ type: Number }) total: number;
  @ApiProperty({ type: Number }) created: number;
  @ApiProperty({ type: Number }) failed: number;
  @ApiProperty({ type: [String] }) cohortsCreated: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) rows: ImportRowReport[];
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 12): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

function unknownCohortReason(name: string): string {
  return `cohort "${name}" does not exist; create it first or import with ?createCohorts=true`;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly dataSource: DataSource,
    @Inject(importsConfig.KEY) private readonly imports: ConfigType<typeof importsConfig>,
    private readonly sessions: SessionsService,
    private readonly audit: AuditLog,
  ) {}

  async create(actorId: string | null, dto: CreateUserDto): Promise<{ user: User; initialPassword?: string }> {
    if (dto.cohortId && !(await this.users.findCohortById(dto.cohortId))) throw cohortNotFound();
    const initialPassword = dto.password ? undefined : generatePassword();
    const passwordHash = await this.hasher.hash(dto.password ?? (initialPassword as string));
    const user = await inTransaction(this.dataSource, async (tx) => {
      const created = await this.users.insert(
        { username: dto.username, displayName: dto.displayName, role: dto.role, cohortId: dto.cohortId ?? null, passwordHash, mustChangePassword: initialPassword !== undefined },
        tx,
      );
      if (!created) throw usernameTaken(dto.username);
      await this.audit.record(tx, {
        actorId,
        action: 'user.create',
        targetType: 'user',
        targetId: created.id,
        // Never the password: only whether one was generated.
        changes: { after: { username: created.username, displayName: created.displayName, role: created.role, cohortId: created.cohortId }, passwordGenerated: initialPassword !== undefined },
      });
      return created;
    });
    return { user, initialPassword };
  }

  list(query: ListUsersQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  async setStatus(actorId: string, id: string, status: UserStatus): Promise<User> {
    if (actorId === id && status === 'disabled') {
      throw cannotDisableSelf();
    }
    // The row is locked so that the audit line's "before" is the status this request replaced.
    const change = async (tx: EntityManager): Promise<void> => {
      const before = await this.users.lockById(id, tx);
      if (!before) throw userNotFound();
      if (before.status === status) return;
      await this.users.setStatus(id, status, tx);
      await this.audit.record(tx, {
        actorId,
        action: status === 'disabled' ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: id,
        changes: { before: { status: before.status }, after: { status } },
      });
    };
    if (status === 'disabled') await this.sessions.changeAndEndAll(id, 'disabled', change);
    else await inTransaction(this.dataSource, change);
    return (await this.users.findById(id)) as User;
  }

  /** A new display name keeps the user's logins; a new role ends them (their tokens carry the old role). */
  async update(actorId: string, id: string, dto: UpdateUserDto): Promise<User> {
    const current = await this.get(id);
    const changes = { ...(dto.displayName !== undefined ? { displayName: dto.displayName } : {}), ...(dto.role !== undefined ? { role: dto.role } : {}) };
    const change = async (tx: EntityManager): Promise<void> => {
      const locked = await this.users.lockById(id, tx);
      if (!locked) throw userNotFound();
      await this.users.update(id, changes, tx);
      // Only the fields whose value this request changed; an edit that changes nothing is not a change.
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of Object.keys(changes) as Array<keyof typeof changes>) {
        if (locked[key] !== changes[key]) {
          before[key] = locked[key];
          after[key] = changes[key];
        }
      }
      if (Object.keys(after).length > 0) {
        await this.audit.record(tx, { actorId, action: 'user.update', targetType: 'user', targetId: id, changes: { before, after } });
      }
    };
    if (dto.role !== undefined && dto.role !== current.role) {
      await this.sessions.changeAndEndAll(id, 'role_changed', change);
    } else {
      await inTransaction(this.dataSource, change);
    }
    return this.get(id);
  }

  async signOutEverywhere(actorId: string, id: string): Promise<{ ended: number }> {
    await this.get(id);
    const ended = await this.sessions.endAll(id, 'sign_out_everywhere', async (tx, sessionIds) => {
      if (sessionIds.length === 0) return;
      await this.audit.record(tx, { actorId, action: 'user.sign_out_everywhere', targetType: 'user', targetId: id, changes: { sessionsEnded: sessionIds } });
    });
    return { ended };
  }

  async listSessions(id: string): Promise<AuthSession[]> {
    await this.get(id);
    return this.sessions.list(id);
  }

  async endSession(actorId: string, id: string, sessionId: string): Promise<void> {
    await this.get(id);
    await this.sessions.end(id, sessionId, (tx) =>
      this.audit.record(tx, { actorId, action: 'user.session_end', targetType: 'user', targetId: id, changes: { sessionId } }),
    );
  }

  /** Every user matching the filter (no paging) as CSV; cells that a spreadsheet would run as formulas are neutralised. */
  async exportCsv(query: ListUsersQuery): Promise<string> {
    const rows: User[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.users.list({ ...query, limit: 1000, offset });
      rows.push(...page.items);
      if (page.items.length < 1000) break;
    }
    return toCsv(
      ['username', 'display_name', 'role', 'status', 'cohort', 'created_at'],
      rows.map((u) => [u.username, u.displayName, u.role, u.status, u.cohort?.name ?? null, u.createdAt.toISOString()]),
      { bom: true },
    );
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw userNotFound();
    return user;
  }

  async createCohort(name: string, year: number | null) {
    const cohort = await this.users.insertCohort(name, year);
    if (!cohort) throw cohortNameTaken(name);
    return cohort;
  }

  listCohorts() {
    return this.users.listCohorts();
  }

  /**
   * Imports users from CSV. Bad rows are reported with their line and reason;
   * every good row is created. Passwords are hashed before the transaction so
   * it stays short. A cohort the file names must exist (the row fails with
   * UNKNOWN_COHORT) unless `createCohorts` asks for missing ones to be created.
   */
  async importCsv(actorId: string, text: string, opts: { createCohorts?: boolean } = {}): Promise<ImportReport> {
    const { rows, problems } = parseUserCsv(text, this.imports.maxRows);
    const failures: ImportRowReport[] = problems.map((p: UserCsvProblem) => ({
      line: p.line,
      username: p.username,
      status: 'failed',
      code: p.code,
      reason: p.reason,
    }));
    const taken = await this.users.existingUsernames(rows.map((r) => r.username));
    // A cohort the file names that does not exist is most often a typo: the row fails unless the import asked to create cohorts.
    const known = opts.createCohorts ? new Map<string, string>() : await this.users.cohortIdsByName([...new Set(rows.map((r) => r.cohort).filter((c): c is string => !!c))]);
    const candidates = rows.filter((r) => {
      if (taken.has(r.username)) {
        failures.push({ line: r.line, username: r.username, status: 'failed', code: IdentityErrorCode.UsernameTaken, reason: `username "${r.username}" already exists` });
        return false;
      }
      if (!opts.createCohorts && r.cohort && !known.has(r.cohort)) {
        failures.push({ line: r.line, username: r.username, status: 'failed', code: IdentityErrorCode.UnknownCohort, reason: unknownCohortReason(r.cohort) });
        return false;
      }
      return true;
    });
    const prepared = await Promise.all(
      candidates.map(async (r) => {
        const initialPassword = r.password ? undefined : generatePassword();
        return { row: r, initialPassword, passwordHash: await this.hasher.hash(r.password ?? (initialPassword as string)) };
      }),
    );
    const created: ImportRowReport[] = [];
    const cohortsCreated: string[] = [];
    const audited: AuditEvent[] = [];
    await inTransaction(this.dataSource, async (tx) => {
      const names = [...new Set(prepared.map((p) => p.row.cohort).filter((c): c is string => !!c))];
      let cohortIds = new Map<string, string>();
      if (opts.createCohorts) {
        for (const name of names) {
          const { cohort, created: isNew } = await this.users.upsertCohort(name, null, tx);
          cohortIds.set(name, cohort.id);
          if (isNew) cohortsCreated.push(name);
        }
      } else {
        cohortIds = await this.users.cohortIdsByName(names, tx);
      }
      for (const p of prepared) {
        if (p.row.cohort && !cohortIds.has(p.row.cohort)) {
          failures.push({ line: p.row.line, username: p.row.username, status: 'failed', code: IdentityErrorCode.UnknownCohort, reason: unknownCohortReason(p.row.cohort) });
          continue;
        }
        const user = await this.users.insert(
          {
            username: p.row.username,
            displayName: p.row.displayName,
            role: p.row.role,
            cohortId: p.row.cohort ? (cohortIds.get(p.row.cohort) as string) : null,
            passwordHash: p.passwordHash,
            mustChangePassword: p.initialPassword !== undefined,
          },
          tx,
        );
        if (user) {
          created.push({ line: p.row.line, username: user.username, status: 'created', userId: user.id, initialPassword: p.initialPassword });
          audited.push({
            actorId,
            action: 'user.import',
            targetType: 'user',
            targetId: user.id,
            changes: {
              after: { username: p.row.username, displayName: p.row.displayName, role: p.row.role, cohort: p.row.cohort || null },
              line: p.row.line,
              passwordGenerated: p.initialPassword !== undefined,
              ...(p.row.cohort && cohortsCreated.includes(p.row.cohort) ? { cohortCreated: true } : {}),
            },
          });
        } else {
          failures.push({ line: p.row.line, username: p.row.username, status: 'failed', code: IdentityErrorCode.UsernameTaken, reason: `username "${p.row.username}" already exists` });
        }
      }
      // One entry per created user (not one per file), so that a user's history (?targetId=) starts
      // with how the account came to be; the entries of one import share its request id.
      await this.audit.recordMany(tx, audited);
    });
    const all = [...created, ...failures].sort((a, b) => a.line - b.line);
    return { total: all.length, created: created.length, failed: failures.length, cohortsCreated, rows: all };
  }
}
