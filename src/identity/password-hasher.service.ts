import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import type { AppConfig } from '../config/app-config';

/** argon2id hashing; unknown users are checked against a dummy hash so timing does not reveal them. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash: string;

  constructor(private readonly config: ConfigService<AppConfig, true>) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash('not-a-real-password-' + Date.now());
  }

  hash(password: string): Promise<string> {
    const auth = this.config.get('auth', { infer: true });
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: auth.argon2MemoryKiB,
      timeCost: auth.argon2TimeCost,
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
