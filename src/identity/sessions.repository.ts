import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../common/transaction';
import { AuthSession, SessionEndReason } from './entities/auth-session.entity';
import type { UserRole, UserStatus } from './entities/user.entity';

/** The user as a session sees it when it issues tokens. */
export interface SessionUser {
  id: string;
  username: string;
  role: UserRole;
  status: UserStatus;
  mustChangePassword: boolean;
}

export type RotateOutcome =
  | { kind: 'unknown' }
  | { kind: 'ended' }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'rotated'; sessionId: string; user: SessionUser };

interface UserRow {
  id: string;
  username: string;
  role: UserRole;
  status: UserStatus;
  must_change_password: boolean;
}

const toSessionUser = (r: UserRow): SessionUser => ({
  id: r.id,
  username: r.username,
  role: r.role,
  status: r.status,
  mustChangePassword: r.must_change_password,
});

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Starts a login for an active user, holding a share lock on the user row so that a concurrent
   * disable, role or password change either sees this session (and ends it) or is seen by it.
   * Answers null when the user is missing or disabled.
   */
  async start(
    tx: EntityManager,
    userId: string,
    refreshHash: string,
    ttlDays: number,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<{ sessionId: string; expiresAt: Date; user: SessionUser } | null> {
    const users: UserRow[] = await tx.query(
      `SELECT id, username, role, status, must_change_password FROM app_user WHERE id = $1 FOR SHARE`,
      [userId],
    );
    if (users.length === 0 || users[0].status !== 'active') return null;
    const [session]: Array<{ id: string; expires_at: Date }> = await tx.query(
      `INSERT INTO auth_session (user_id, expires_at, ip, user_agent)
       VALUES ($1, now() + make_interval(days => $2), $3, $4) RETURNING id, expires_at`,
      [userId, ttlDays, client.ip?.slice(0, 64) ?? null, client.userAgent?.slice(0, 200) ?? null],
    );
    await tx.query(`INSERT INTO auth_refresh_token (token_hash, session_id) VALUES ($1, $2)`, [refreshHash, session.id]);
    return { sessionId: session.id, expiresAt: session.expires_at, user: toSessionUser(users[0]) };
  }

  /**
   * Exchanges a refresh token for the next one. A token already exchanged ends its whole login
   * (someone else holds a copy); an expired or ended login, or a disabled user, gets nothing.
   */
  async rotate(oldHash: string, newHash: string, ttlDays: number): Promise<RotateOutcome & { expiresAt?: Date }> {
    return inTransaction(this.ds, async (tx) => {
      // Locks in the order every account change takes them (the user row, then its sessions), so a
      // refresh racing a disable or role change waits for it instead of deadlocking with it.
      const owner: Array<{ user_id: string }> = await tx.query(
        `SELECT s.user_id FROM auth_refresh_token t JOIN auth_session s ON s.id = t.session_id WHERE t.token_hash = $1`,
        [oldHash],
      );
      if (owner.length === 0) return { kind: 'unknown' } as const;
      const users: UserRow[] = await tx.query(
        `SELECT id, username, role, status, must_change_password FROM app_user WHERE id = $1 FOR SHARE`,
        [owner[0].user_id],
      );
      const rows: Array<{ session_id: string; retired_at: Date | null; revoked_at: Date | null; live: boolean }> = await tx.query(
        `SELECT t.session_id, t.retired_at, s.revoked_at, s.expires_at > now() AS live
           FROM auth_refresh_token t JOIN auth_session s ON s.id = t.session_id
          WHERE t.token_hash = $1
            FOR UPDATE OF t, s`,
        [oldHash],
      );
      if (rows.length === 0) return { kind: 'unknown' } as const;
      const row = rows[0];
      if (row.revoked_at || !row.live) return { kind: 'ended' } as const;
      if (row.retired_at) {
        await this.revoke(tx, row.session_id, 'refresh_reuse');
        return { kind: 'reused', sessionId: row.session_id } as const;
      }
      if (users.length === 0 || users[0].status !== 'active') return { kind: 'ended' } as const;
      await tx.query(`UPDATE auth_refresh_token SET retired_at = now() WHERE token_hash = $1`, [oldHash]);
      await tx.query(`INSERT INTO auth_refresh_token (token_hash, session_id) VALUES ($1, $2)`, [newHash, row.session_id]);
      const [[session]]: [Array<{ expires_at: Date }>, number] = await tx.query(
        `UPDATE auth_session SET last_used_at = now(), expires_at = now() + make_interval(days => $2) WHERE id = $1 RETURNING expires_at`,
        [row.session_id, ttlDays],
      );
      return { kind: 'rotated', sessionId: row.session_id, user: toSessionUser(users[0]), expiresAt: session.expires_at } as const;
    });
  }

  /** The login a refresh token (current or retired) belongs to. */
  async sessionOfRefreshToken(hash: string): Promise<{ sessionId: string; userId: string } | null> {
    const rows: Array<{ session_id: string; user_id: string }> = await this.ds.query(
      `SELECT t.session_id, s.user_id FROM auth_refresh_token t JOIN auth_session s ON s.id = t.session_id WHERE t.token_hash = $1`,
      [hash],
    );
    return rows.length ? { sessionId: rows[0].session_id, userId: rows[0].user_id } : null;
  }

  /** Ends one login; answers whether it was still going. */
  async revoke(tx: EntityManager | null, sessionId: string, reason: SessionEndReason, userId?: string): Promise<boolean> {
    // An UPDATE answers [rows, affected] through TypeORM's query().
    const [, affected]: [unknown[], number] = await (tx ?? this.ds.manager).query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
        WHERE id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR user_id = $3::uuid)`,
      [sessionId, reason, userId ?? null],
    );
    return affected > 0;
  }

  /** Ends every login of a user; answers the ids of those that were still going. */
  async revokeAllOfUser(tx: EntityManager | null, userId: string, reason: SessionEndReason): Promise<string[]> {
    const res: [Array<{ id: string }>, number] = await (tx ?? this.ds.manager).query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
      [userId, reason],
    );
    return res[0].map((r) => r.id);
  }

  async sessionExists(userId: string, sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM auth_session WHERE id = $1 AND user_id = $2`, [sessionId, userId]);
    return rows.length > 0;
  }

  /** A user's logins, newest first. */
  listOfUser(userId: string, limit = 100): Promise<AuthSession[]> {
    return this.ds.getRepository(AuthSession).find({ where: { userId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Logins ended within the last `seconds`: their access tokens may still be unexpired. */
  async revokedWithin(seconds: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM auth_session WHERE revoked_at > now() - make_interval(secs => $1)`,
      [seconds],
    );
    return rows.map((r) => r.id);
  }
}
