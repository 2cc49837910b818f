import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Rule } from '@lms/eligibility';

/** One version of a tier's rules; never edited (an edit writes the next version). */
@Entity('tier_rule_version')
export class TierRuleVersion {
  @PrimaryColumn({ name: 'tier_code', type: 'varchar', length: 16 })
  tierCode: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  rules: Rule[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
