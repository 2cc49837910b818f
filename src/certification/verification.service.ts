import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { maskName, parseSerial } from '@lms/certificate';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { UserDirectory } from '../identity/user-directory.service';
import { REDIS } from '../redis/redis.module';
import { serialNotFound, verifyThrottled } from './certification.errors';
import { CertificationRepository } from './certification.repository';
import { effectiveStatus, PublicVerificationView } from './certification.views';
import { ISSUER_NAME } from './credentials.service';

/**
 * Public verification by serial: what an employer may know (tier, status, dates, a masked name) and
 * nothing about serials that do not exist. Rate-limited per client address in Redis, shared by every
 * replica; while Redis is down the limit is open (logged) rather than refusing every verifier.
 */
@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);

  constructor(
    private readonly repo: CertificationRepository,
    private readonly users: UserDirectory,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async verify(serial: string, address: string): Promise<PublicVerificationView> {
    await this.throttle(address);
    const cert = parseSerial(serial) ? await this.repo.findBySerial(serial) : null;
    if (!cert) throw serialNotFound();
    const [tiers, holders] = await Promise.all([this.repo.tiers(), this.users.byIds([cert.studentId])]);
    return {
      serial: cert.serial,
      tierCode: cert.tierCode,
      tierName: tiers.find((t) => t.code === cert.tierCode)?.name ?? cert.tierCode,
      status: effectiveStatus(cert),
      holderName: maskName(holders.get(cert.studentId)?.displayName ?? ''),
      issuedAt: cert.issuedAt.toISOString(),
      expiresAt: cert.expiresAt?.toISOString() ?? null,
      revokedAt: cert.revokedAt?.toISOString() ?? null,
      issuer: ISSUER_NAME,
    };
  }

  /** A fixed one-minute window per address. */
  private async throttle(address: string): Promise<void> {
    const limit = this.config.get('certification', { infer: true }).verifyPerMinute;
    const window = Math.floor(Date.now() / 60_000);
    const key = `verify:${address}:${window}`;
    let count: number;
    try {
      const res = await this.redis.multi().incr(key).expire(key, 61).exec();
      count = Number(res?.[0]?.[1] ?? 0);
    } catch (err) {
      this.logger.warn(`verification throttle unavailable: ${(err as Error).message}`);
      return;
    }
    if (count > limit) throw verifyThrottled(60 - Math.floor((Date.now() / 1000) % 60));
  }
}
