import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { generateSigningKey, type PublicSigningJwk, type SigningKey, toJwks, unwrapPrivateKey, wrapPrivateKey } from '@lms/certificate';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { certificationConfig } from './certification.config';
import { inTransaction } from '../common/transaction';
import { CertificationRepository } from './certification.repository';

/**
 * The issuer's Ed25519 signing keys. The first is made when first needed; the private half is stored
 * only sealed under CREDENTIAL_KEY_SECRET. Rotation adds a key that signs from then on and keeps
 * every earlier public key published, so credentials signed before still verify.
 */
@Injectable()
export class IssuerKeys {
  private readonly logger = new Logger(IssuerKeys.name);
  private active: SigningKey | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly repo: CertificationRepository,
    private readonly audit: AuditLog,
    @Inject(certificationConfig.KEY) private readonly certification: ConfigType<typeof certificationConfig>,
  ) {}

  private get secret(): string {
    return this.certification.keySecret;
  }

  /** The key that signs now, unsealed once per process (another replica's rotation is seen on the next miss). */
  async signingKey(): Promise<SigningKey> {
    const stored = await this.repo.activeKey();
    if (stored && this.active?.kid === stored.kid) return this.active;
    if (stored) {
      try {
        this.active = await unwrapPrivateKey(stored.sealedPrivateKey, stored.kid, this.secret);
        return this.active;
      } catch (err) {
        // Only a changed CREDENTIAL_KEY_SECRET gets here (e.g. demo mode's generated one after a restart).
        this.logger.warn(`signing key ${stored.kid} cannot be unsealed (${(err as Error).message}); starting a new one`);
        return this.rotate(null);
      }
    }
    const key = await generateSigningKey();
    if (await this.repo.insertFirstKey({ kid: key.kid, publicJwk: key.publicJwk, sealedPrivateKey: await wrapPrivateKey(key, this.secret) })) {
      this.active = key;
      return key;
    }
    return this.signingKey(); // another replica made the first key at the same moment
  }

  /** A new signing key; the earlier ones stay published. Audited, with the admin who asked or the system. */
  async rotate(actorId: string | null): Promise<SigningKey> {
    const key = await generateSigningKey();
    const sealedPrivateKey = await wrapPrivateKey(key, this.secret);
    await inTransaction(this.ds, async (tx) => {
      const retired = await this.repo.rotateKey(tx, { kid: key.kid, publicJwk: key.publicJwk, sealedPrivateKey });
      await this.audit.record(tx, { actorId, action: 'signing_key.rotate', targetType: 'signing_key', targetId: key.kid, changes: { retired } });
    });
    this.active = key;
    return key;
  }

  async jwks(): Promise<{ keys: PublicSigningJwk[] }> {
    return toJwks((await this.repo.publishedKeys()).map((k) => k.publicJwk));
  }
}
