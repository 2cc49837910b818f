import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CERTIFICATE_STATUSES = ['valid', 'revoked', 'expired'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/**
 * An issued certificate. Revocation keeps the record; a partial unique index allows one valid
 * certificate per student and tier. `checks` and `facts` are what met the rules at issue time.
 */
@Entity('certificate')
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** CXO1-2022-000094 */
  @Column({ type: 'varchar', length: 32, unique: true })
  serial: string;

  @Column({ name: 'tier_code', type: 'varchar', length: 16 })
  tierCode: string;

  @Column({ name: 'serial_year', type: 'int' })
  serialYear: number;

  @Column({ name: 'serial_no', type: 'int' })
  serialNo: number;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  /** As stored; `expired` is also derived on read from `expiresAt`. */
  @Column({ type: 'varchar', length: 16, default: 'valid' })
  status: CertificateStatus;

  /** Unguessable; printed with the serial so a verifier can tell a real certificate from a made-up serial. */
  @Column({ name: 'verification_code', type: 'varchar', length: 40, unique: true })
  verificationCode: string;

  /** The certificate's bit in the published revocation status list. */
  @Column({ name: 'status_index', type: 'int', unique: true, insert: false })
  statusIndex: number;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'rule_version', type: 'int' })
  ruleVersion: number;

  @Column({ type: 'jsonb' })
  checks: unknown[];

  @Column({ type: 'jsonb' })
  facts: Record<string, unknown>;

  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

  @Column({ name: 'issued_by', type: 'uuid', nullable: true })
  issuedBy: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason: string | null;
}
