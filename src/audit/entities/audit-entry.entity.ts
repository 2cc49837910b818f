import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the append-only audit log: who changed whose record, when, in which request, and what
 * changed. A database trigger refuses UPDATE, DELETE and TRUNCATE, as for the hour ledger.
 */
@Entity('audit_entry')
@Index('ix_audit_entry_created', ['createdAt'])
@Index('ix_audit_entry_target', ['targetId', 'createdAt'])
@Index('ix_audit_entry_actor', ['actorId', 'createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The admin or trainer who acted; null when the system did (a CLI, a scheduled task). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** Dotted verb, e.g. `certificate.issue`, `user.disable`, `tier.update`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  /** What kind of record was changed: `user`, `certificate`, `tier`, `question`, … */
  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 100, nullable: true })
  targetId: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** What changed (before/after, reasons, counts), as the action defines it. */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  changes: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
