import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import * as argon2 from 'argon2';
import { authConfig } from './auth.config';

/** argon2id hashing; unknown users are checked against a dummy hash so timing does not reveal them. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash: string;

  constructor(@Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash('not-a-real-password-' + Date.now());
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.auth.argon2MemoryKiB,
      timeCost: this.auth.argon2TimeCost,
      parallelism: 1,
    });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      const ok = await argon2.verify(hash ?? this.dummyHash, password);
      return ok && hash !== undefined;
    } catch {
      return false;
    }
  }
}
