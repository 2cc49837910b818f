import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A certification tier (cxo-1/2/3); its rules live in versions, `ruleVersion` is the one in force. */
@Entity('certification_tier')
export class CertificationTier {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  /** 阿里巴巴一段客户体验官 … */
  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** 1, 2, 3: the order of the tiers. */
  @Column({ type: 'int', unique: true })
  level: number;

  @Column({ name: 'rule_version', type: 'int' })
  ruleVersion: number;

  /** Certificates of this tier expire this many months after issue; null: they do not. */
  @Column({ name: 'validity_months', type: 'int', nullable: true })
  validityMonths: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
