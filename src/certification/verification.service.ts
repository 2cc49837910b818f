import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { maskName, parseSerial } from '@lms/certificate';
import type Redis from 'ioredis';
import { certificationConfig } from './certification.config';
import { UserDirectory } from '../identity/user-directory.service';
import { REDIS } from '../redis/redis.module';
import { serialNotFound, verifyThrottled } from './certification.errors';
import { CertificationRepository, type VerificationRecord } from './certification.repository';
import { LruCache } from '../common/lru-cache';
import { effectiveStatus, PublicVerificationView } from './certification.views';
import { ISSUER_NAME } from './credentials.service';

/**
 * Public verification by serial: what an employer may know (tier, status, dates, a masked name) and
 * nothing about serials that do not exist. Rate-limited per client address in Redis, shared by every
 * replica; while Redis is down the limit is open (logged) rather than refusing every verifier.
 */
/**
 * How long a replica answers a serial from memory. Verification is the hot public path (every QR
 * code scan); a revocation in this process forgets the serial at once, other replicas show it
 * within this time. The status (expired or not) is still derived at each request.
 */
const VERIFY_CACHE_TTL_MS = 5_000;

@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);
  private readonly records = new LruCache<string, { cert: VerificationRecord; holderName: string }>(10_000, VERIFY_CACHE_TTL_MS);

  constructor(
    private readonly repo: CertificationRepository,
    private readonly users: UserDirectory,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(certificationConfig.KEY) private readonly certification: ConfigType<typeof certificationConfig>,
  ) {}

  async verify(serial: string, address: string): Promise<PublicVerificationView> {
    await this.throttle(address);
    const found = await this.lookup(serial);
    if (!found) throw serialNotFound();
    const { cert, holderName } = found;
    return {
      serial: cert.serial,
      tierCode: cert.tierCode,
      tierName: cert.tierName,
      status: effectiveStatus(cert),
      holderName,
      issuedAt: cert.issuedAt.toISOString(),
      expiresAt: cert.expiresAt?.toISOString() ?? null,
      revokedAt: cert.revokedAt?.toISOString() ?? null,
      issuer: ISSUER_NAME,
    };
  }

  /** Forgets a serial whose record changed (revoked), so this replica shows the change at once. */
  forget(serial: string): void {
    this.records.delete(serial);
  }

  private async lookup(serial: string): Promise<{ cert: VerificationRecord; holderName: string } | null> {
    const cached = this.records.get(serial);
    if (cached) return cached;
    const cert = parseSerial(serial) ? await this.repo.verificationRecord(serial) : null;
    if (!cert) return null;
    const holders = await this.users.byIds([cert.studentId]);
    const found = { cert, holderName: maskName(holders.get(cert.studentId)?.displayName ?? '') };
    this.records.set(serial, found);
    return found;
  }

  /** A fixed one-minute window per address. */
  private async throttle(address: string): Promise<void> {
    const limit = this.certification.verifyPerMinute;
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
