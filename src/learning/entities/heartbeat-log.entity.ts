import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Interval, Refusal } from '@lms/watch-time';

/**
 * Every heartbeat a session received, with what it claimed, what was credited and why the rest was
 * not: the audit trail behind a lesson's watched time (and so behind its ledger entry). Partitioned
 * by month of `receivedAt` (hence the two-column key); months older than HEARTBEAT_LOG_RETENTION_DAYS
 * are dropped. Nothing credited is read from here: progress and the ledger hold the credit.
 */
@Entity('heartbeat_log')
@Index('ix_heartbeat_log_session', ['sessionId', 'id'])
export class HeartbeatLog {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'client_seq', type: 'int' })
  clientSeq: number;

  @PrimaryColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** False for a repeated or out-of-order sequence number (nothing was credited). */
  @Column({ type: 'boolean' })
  accepted: boolean;

  @Column({ type: 'boolean' })
  visible: boolean;

  @Column({ name: 'playback_rate', type: 'real' })
  playbackRate: number;

  @Column({ type: 'jsonb' })
  claimed: Interval[];

  @Column({ type: 'jsonb' })
  credited: Interval[];

  @Column({ name: 'credited_seconds', type: 'double precision' })
  creditedSeconds: number;

  @Column({ type: 'jsonb' })
  refused: Refusal[];
}
