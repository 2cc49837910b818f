import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Logins as rows: one auth_session per sign-in, its refresh tokens (only their SHA-256 hashes) as a
 * rotation chain, and the flag that makes an account with a generated password change it first.
 */
export class AuthSessions1795700000000 implements MigrationInterface {
  name = 'AuthSessions1795700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE "auth_session" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "revoked_at" timestamptz,
      "revoked_reason" varchar(32),
      "ip" varchar(64),
      "user_agent" varchar(200),
      CONSTRAINT "pk_auth_session" PRIMARY KEY ("id"),
      CONSTRAINT "ck_auth_session_revoked" CHECK (("revoked_at" IS NULL) = ("revoked_reason" IS NULL)),
      CONSTRAINT "fk_auth_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_auth_session_user" ON "auth_session" ("user_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_auth_session_revoked" ON "auth_session" ("revoked_at") WHERE "revoked_at" IS NOT NULL`);
    await q.query(`CREATE TABLE "auth_refresh_token" (
      "token_hash" char(64) NOT NULL,
      "session_id" uuid NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "retired_at" timestamptz,
      CONSTRAINT "pk_auth_refresh_token" PRIMARY KEY ("token_hash"),
      CONSTRAINT "fk_auth_refresh_token_session" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_auth_refresh_token_session" ON "auth_refresh_token" ("session_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "auth_refresh_token"`);
    await q.query(`DROP TABLE "auth_session"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "must_change_password"`);
  }
}
