import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '../common/transaction';
import { User } from './entities/user.entity';
import { accountDisabled, invalidCredentials, userNotFound, wrongPassword } from './identity.errors';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher.service';
import { ClientInfo, SessionsService, TokenPair } from './sessions.service';
import { UsersRepository } from './users.repository';

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * An unknown user and a wrong password take the same path (one argon2
   * verification) and get the same answer. A disabled account is only
   * revealed to someone who knows its password.
   */
  async login(username: string, password: string, client: ClientInfo & { ip: string }): Promise<TokenPair & { user: User }> {
    await this.throttle.assertAllowed(username, client.ip);
    const user = await this.users.findForLogin(username);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(username, client.ip);
      throw invalidCredentials();
    }
    if (user.status !== 'active') throw accountDisabled();
    await this.throttle.recordSuccess(username);
    const pair = await inTransaction(this.ds, (tx) => this.sessions.start(tx, user.id, client));
    return { ...pair, user };
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.sessions.refresh(refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.logout(refreshToken);
  }

  async me(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw userNotFound();
    return user;
  }

  /**
   * Throttled as login is (a stolen access token must not become a password oracle). A new
   * password ends every login of the account, this one included, and answers a fresh login.
   */
  async changePassword(actor: { id: string; username: string }, current: string, next: string, client: ClientInfo & { ip: string }): Promise<TokenPair & { user: User }> {
    await this.throttle.assertAllowed(actor.username, client.ip);
    const hash = await this.users.findPasswordHash(actor.id);
    if (!(await this.hasher.verify(hash, current))) {
      await this.throttle.recordFailure(actor.username, client.ip);
      throw wrongPassword();
    }
    await this.throttle.recordSuccess(actor.username);
    const nextHash = await this.hasher.hash(next);
    await this.sessions.changeAndEndAll(actor.id, 'password_changed', (tx) => this.users.setPasswordHash(actor.id, nextHash, tx));
    const pair = await inTransaction(this.ds, (tx) => this.sessions.start(tx, actor.id, client));
    return { ...pair, user: await this.me(actor.id) };
  }
}
