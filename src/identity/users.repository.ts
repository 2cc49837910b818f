import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Cohort } from './entities/cohort.entity';
import { User, UserRole, UserStatus } from './entities/user.entity';

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  cohortId: string | null;
  /** Set for a generated password: the account must change it at first sign-in. */
  mustChangePassword?: boolean;
}

export interface UserFilter {
  role?: UserRole;
  cohortId?: string;
  status?: UserStatus;
  q?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Cohort) private readonly cohorts: Repository<Cohort>,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id }, relations: { cohort: true } });
  }

  /** Includes the password hash (and the cohort, for the login answer), for login only. */
  findForLogin(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.cohort', 'c')
      .where('u.username = :username', { username })
      .getOne();
  }

  findPasswordHash(id: string): Promise<string | undefined> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne()
      .then((u) => u?.passwordHash);
  }

  async existingUsernames(usernames: string[]): Promise<Set<string>> {
    if (usernames.length === 0) return new Set();
    const rows = await this.users.find({ select: { username: true }, where: { username: In(usernames) } });
    return new Set(rows.map((r) => r.username));
  }

  /** The ids of the students among these usernames. */
  async studentIds(usernames: string[], tx: EntityManager): Promise<string[]> {
    const rows = await tx.getRepository(User).find({ select: { id: true }, where: { username: In(usernames), role: 'student' } });
    return rows.map((r) => r.id);
  }

  /** Inserts and returns the user, or null when the username is taken (also under a race). */
  async insert(user: NewUser, tx?: EntityManager): Promise<User | null> {
    const repo = tx ? tx.getRepository(User) : this.users;
    const result = await repo
      .createQueryBuilder()
      .insert()
      .values(user)
      .orIgnore()
      .returning('id')
      .execute();
    const id = result.raw[0]?.id as string | undefined;
    return id ? ((await repo.findOne({ where: { id }, relations: { cohort: true } })) as User) : null;
  }

  async list(filter: UserFilter): Promise<{ items: User[]; total: number }> {
    const qb = this.users.createQueryBuilder('u').leftJoinAndSelect('u.cohort', 'c');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.cohortId) qb.andWhere('u.cohortId = :cohortId', { cohortId: filter.cohortId });
    if (filter.status) qb.andWhere('u.status = :status', { status: filter.status });
    if (filter.q) {
      qb.andWhere('(u.username ILIKE :q OR u.displayName ILIKE :q)', { q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    const [items, total] = await qb.orderBy('u.username', 'ASC').skip(filter.offset).take(filter.limit).getManyAndCount();
    return { items, total };
  }

  async setStatus(id: string, status: UserStatus, tx?: EntityManager): Promise<boolean> {
    const res = await (tx ? tx.getRepository(User) : this.users).update({ id }, { status });
    return (res.affected ?? 0) > 0;
  }

  /** The user row, locked for an update within `tx`. */
  lockById(id: string, tx: EntityManager): Promise<User | null> {
    return tx.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async update(id: string, changes: { displayName?: string; role?: UserRole }, tx: EntityManager): Promise<void> {
    if (Object.keys(changes).length > 0) await tx.getRepository(User).update({ id }, changes);
  }

  /** A new password also lifts the must-change flag. */
  async setPasswordHash(id: string, passwordHash: string, tx?: EntityManager): Promise<void> {
    await (tx ? tx.getRepository(User) : this.users).update({ id }, { passwordHash, mustChangePassword: false });
  }

  /** The cohorts of these names that exist, by name. */
  async cohortIdsByName(names: string[], tx?: EntityManager): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows = await (tx ? tx.getRepository(Cohort) : this.cohorts).find({ select: { id: true, name: true }, where: { name: In(names) } });
    return new Map(rows.map((c) => [c.name, c.id]));
  }

  findCohortById(id: string): Promise<Cohort | null> {
    return this.cohorts.findOneBy({ id });
  }

  /** Returns the cohort of that name, creating it if needed (safe under concurrent imports). */
  async upsertCohort(name: string, year: number | null, tx?: EntityManager): Promise<{ cohort: Cohort; created: boolean }> {
    const repo = tx ? tx.getRepository(Cohort) : this.cohorts;
    const inserted = await repo.createQueryBuilder().insert().values({ name, year }).orIgnore().returning('id').execute();
    const cohort = (await repo.findOneBy({ name })) as Cohort;
    return { cohort, created: inserted.raw.length > 0 };
  }

  async insertCohort(name: string, year: number | null): Promise<Cohort | null> {
    const res = await this.cohorts.createQueryBuilder().insert().values({ name, year }).orIgnore().returning('id').execute();
    const id = res.raw[0]?.id as string | undefined;
    return id ? this.cohorts.findOneBy({ id }) : null;
  }

  async listCohorts(): Promise<Array<{ id: string; name: string; year: number | null; createdAt: Date; memberCount: number }>> {
    const rows: Array<{ id: string; name: string; year: number | null; created_at: Date; member_count: string }> =
      await this.cohorts.query(
        `SELECT c.id, c.name, c.year, c.created_at, COUNT(u.id) AS member_count
           FROM cohort c LEFT JOIN app_user u ON u.cohort_id = c.id
          GROUP BY c.id ORDER BY c.created_at DESC, c.name`,
      );
    return rows.map((r) => ({ id: r.id, name: r.name, year: r.year, createdAt: r.created_at, memberCount: Number(r.member_count) }));
  }
}
