import type { PublicSigningJwk } from '@lms/certificate';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An Ed25519 key the issuer signs credentials with. The private half is sealed (AES-256-GCM under
 * the configured key-encryption secret); public halves stay published after retirement.
 */
@Entity('signing_key')
export class SigningKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk: PublicSigningJwk;

  @Column({ name: 'sealed_private_key', type: 'text', select: false })
  sealedPrivateKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
