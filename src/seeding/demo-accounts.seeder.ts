import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { appConfig } from '../config/app.config';
import { UserRole } from '../identity/entities/user.entity';
import { PasswordHasher } from '../identity/password-hasher.service';
import { UsersRepository } from '../identity/users.repository';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_COHORT = '2022 上半年';

const DEMO_ACCOUNTS: Array<{ username: string; displayName: string; role: UserRole }> = [
  { username: 'admin', displayName: '基地管理员', role: 'admin' },
  { username: 'trainer1', displayName: '运营经理 王老师', role: 'trainer' },
  { username: 'student1', displayName: '学员 陈晓', role: 'student' },
  { username: 'student2', displayName: '学员 刘洋', role: 'student' },
  { username: 'student3', displayName: '学员 张敏', role: 'student' },
  { username: 'student4', displayName: '学员 李娜', role: 'student' },
  { username: 'student5', displayName: '学员 赵磊', role: 'student' },
];

/** Demo mode only: the accounts named in the README, all with the password demo1234. */
@Injectable()
export class DemoAccountsSeeder {
  private readonly logger = new Logger(DemoAccountsSeeder.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** Returns how many accounts it created and the ids of the demo students (to enrol). */
  async seed(tx: EntityManager): Promise<{ created: number; studentIds: string[] }> {
    if (!this.app.demoMode) return { created: 0, studentIds: [] };
    const existing = await this.users.existingUsernames(DEMO_ACCOUNTS.map((a) => a.username));
    const { cohort } = await this.users.upsertCohort(DEMO_COHORT, 2022, tx);
    let created = 0;
    for (const account of DEMO_ACCOUNTS) {
      if (existing.has(account.username)) continue;
      const user = await this.users.insert(
        {
          ...account,
          cohortId: account.role === 'student' ? cohort.id : null,
          passwordHash: await this.hasher.hash(DEMO_PASSWORD),
        },
        tx,
      );
      if (user) created++;
    }
    const studentIds = await this.users.studentIds(DEMO_ACCOUNTS.filter((a) => a.role === 'student').map((a) => a.username), tx);
    if (created > 0) this.logger.warn(`demo mode: created ${created} demo accounts with the password "${DEMO_PASSWORD}"`);
    return { created, studentIds };
  }
}
