import { Injectable } from '@nestjs/common';
import { type CertificateRenderer, createCertificateRenderer } from '@lms/certificate';
import { UserDirectory } from '../identity/user-directory.service';
import { CertificationRepository } from './certification.repository';
import { ISSUER_NAME } from './credentials.service';
import type { Certificate } from './entities/certificate.entity';

/**
 * A4 certificates in Chinese. Parsing the Noto CJK collection costs most of a second, so the renderer
 * (fonts parsed once) is made on the first request and kept for the life of the process.
 */
@Injectable()
export class CertificatePdf {
  private renderer: CertificateRenderer | null = null;

  constructor(
    private readonly repo: CertificationRepository,
    private readonly users: UserDirectory,
  ) {}

  async render(cert: Certificate, verificationUrl: string): Promise<Buffer> {
    this.renderer ??= createCertificateRenderer();
    const [tier] = (await this.repo.tiers()).filter((t) => t.code === cert.tierCode);
    const holder = (await this.users.byIds([cert.studentId])).get(cert.studentId);
    return this.renderer.render({
      holderName: holder?.displayName ?? '',
      tierName: tier?.name ?? cert.tierCode,
      serial: cert.serial,
      issuedAt: cert.issuedAt,
      expiresAt: cert.expiresAt,
      verificationUrl,
      issuerName: ISSUER_NAME,
    });
  }
}
