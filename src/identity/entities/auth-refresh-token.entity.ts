import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A refresh token, known only by its SHA-256 hash; retired when it is exchanged for the next one. */
@Entity('auth_refresh_token')
@Index('ix_auth_refresh_token_session', ['sessionId'])
export class AuthRefreshToken {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
