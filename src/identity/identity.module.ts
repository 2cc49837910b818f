import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { authConfig } from './auth.config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthRefreshToken } from './entities/auth-refresh-token.entity';
import { AuthSession } from './entities/auth-session.entity';
import { Cohort } from './entities/cohort.entity';
import { User } from './entities/user.entity';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher.service';
import { UserDirectoryRepository } from './user-directory.repository';
import { UserDirectory } from './user-directory.service';
import { SessionRevocations } from './session-revocations.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    AuditModule,
    TypeOrmModule.forFeature([User, Cohort, AuthSession, AuthRefreshToken]),
    JwtModule.registerAsync({
      global: true,
      inject: [authConfig.KEY],
      useFactory: (auth: ConfigType<typeof authConfig>) => {
        // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it
        // as a public key on every verification, which dominated the cost of an authenticated read.
        const key = createSecretKey(Buffer.from(auth.jwtSecret, 'utf8'));
        return { secret: key, signOptions: { algorithm: 'HS256', expiresIn: auth.jwtTtlSeconds } };
      },
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    UsersRepository,
    UsersService,
    AuthService,
    PasswordHasher,
    LoginThrottle,
    UserDirectoryRepository,
    UserDirectory,
    SessionsRepository,
    SessionRevocations,
    SessionsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersRepository, PasswordHasher, UserDirectory],
})
export class IdentityModule {}
