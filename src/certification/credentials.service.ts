import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { buildOpenBadgeCredential, buildStatusListCredential, issuerProfile, signCredentialJwt, statusListEntry } from '@lms/certificate';
import { certificationConfig } from './certification.config';
import { UserDirectory } from '../identity/user-directory.service';
import { CertificationRepository } from './certification.repository';
import type { CredentialView } from './certification.views';
import type { Certificate } from './entities/certificate.entity';
import { IssuerKeys } from './issuer-keys.service';

/** The issuing organisation, as printed on certificates and named in credentials. */
export const ISSUER_NAME = '阿里巴巴新零售人才孵化基地';

/** How long a verifier may cache the revocation list before fetching it again. */
const STATUS_LIST_TTL_MS = 10 * 60_000;

/**
 * Certificates as Open Badges 3.0 credentials secured as VC-JWTs (EdDSA), and the Bitstring Status
 * List that publishes revocations, so a verifier needs only public URLs and the issuer's JWKS.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly repo: CertificationRepository,
    private readonly keys: IssuerKeys,
    private readonly users: UserDirectory,
    @Inject(certificationConfig.KEY) private readonly certification: ConfigType<typeof certificationConfig>,
  ) {}

  private get base(): string {
    return this.certification.publicBaseUrl;
  }

  private issuer() {
    return issuerProfile(`${this.base}/issuer`, ISSUER_NAME, this.base);
  }

  get statusListUrl(): string {
    return `${this.base}/api/credentials/status/revocation`;
  }

  async credential(cert: Certificate): Promise<CredentialView> {
    const [tier] = (await this.repo.tiers()).filter((t) => t.code === cert.tierCode);
    const holder = (await this.users.byIds([cert.studentId])).get(cert.studentId);
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${cert.id}`,
      issuer: this.issuer(),
      achievement: {
        id: `${this.base}/api/certification/tiers/${cert.tierCode}`,
        tierCode: cert.tierCode,
        name: tier?.name ?? cert.tierCode,
        description: `${tier?.name ?? cert.tierCode}认证`,
        criteria: (cert.checks as Array<{ message?: string }>).map((c) => c.message).filter(Boolean).join('；'),
      },
      holder: { name: holder?.displayName ?? '' },
      serial: cert.serial,
      validFrom: cert.issuedAt,
      validUntil: cert.expiresAt,
      evidence: { ruleVersion: cert.ruleVersion, facts: cert.facts, narrative: `按第 ${cert.ruleVersion} 版认证规则核验` },
      credentialStatus: statusListEntry(this.statusListUrl, cert.statusIndex),
    });
    const jwt = await signCredentialJwt(credential, await this.keys.signingKey());
    return { format: 'vc+jwt', jwt, credential };
  }

  /** The revocation list as a signed BitstringStatusListCredential (VC-JWT). */
  async statusList(): Promise<string> {
    const now = new Date();
    const credential = buildStatusListCredential({
      url: this.statusListUrl,
      issuer: this.issuer(),
      setIndices: await this.repo.revokedIndices(),
      validFrom: now,
      validUntil: new Date(now.getTime() + STATUS_LIST_TTL_MS),
    });
    return signCredentialJwt(credential, await this.keys.signingKey());
  }
}
