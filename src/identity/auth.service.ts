import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { tokenPayload } from './auth.guard';
import { User } from './entities/user.entity';
import { AccountDisabledError, IdentityErrorCode, InvalidCredentialsError, UserNotFoundError } from './identity.errors';
import { DomainError } from '../common/domain-error';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher.service';
import { UsersRepository } from './users.repository';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
  ) {}

  /**
   * An unknown user and a wrong password take the same path (one argon2
   * verification) and get the same answer. A disabled account is only
   * revealed to someone who knows its password.
   */
  async login(username: string, password: string, address: string): Promise<{ accessToken: string; expiresIn: number; user: User }> {
    await this.throttle.assertAllowed(username, address);
    const user = await this.users.findForLogin(username);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(username, address);
      throw new InvalidCredentialsError();
    }
    if (user.status !== 'active') throw new AccountDisabledError();
    await this.throttle.recordSuccess(username);
    const accessToken = await this.jwt.signAsync(tokenPayload(user));
    const decoded = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, expiresIn: decoded.exp - decoded.iat, user };
  }

  async me(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw new UserNotFoundError();
    return user;
  }

  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const hash = await this.users.findPasswordHash(userId);
    if (!(await this.hasher.verify(hash, current))) {
      throw new DomainError(IdentityErrorCode.WrongPassword, 400, 'The current password is wrong');
    }
    await this.users.setPasswordHash(userId, await this.hasher.hash(next));
  }
}
