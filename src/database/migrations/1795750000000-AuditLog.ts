import { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only audit log of admin and trainer actions. */
export class AuditLog1795750000000 implements MigrationInterface {
  name = 'AuditLog1795750000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_entry" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "actor_id" uuid,
      "action" varchar(64) NOT NULL,
      "target_type" varchar(32) NOT NULL,
      "target_id" varchar(100),
      "request_id" varchar(64),
      "changes" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_audit_entry" PRIMARY KEY ("id"),
      CONSTRAINT "fk_audit_entry_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id"))`);
    await q.query(`CREATE INDEX "ix_audit_entry_created" ON "audit_entry" ("created_at")`);
    await q.query(`CREATE INDEX "ix_audit_entry_target" ON "audit_entry" ("target_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_audit_entry_actor" ON "audit_entry" ("actor_id", "created_at")`);
    await q.query(`CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`CREATE TRIGGER "tr_audit_entry_append_only" BEFORE UPDATE OR DELETE ON "audit_entry"
      FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
    await q.query(`CREATE TRIGGER "tr_audit_entry_no_truncate" BEFORE TRUNCATE ON "audit_entry"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_entry"`);
    await q.query(`DROP FUNCTION audit_entry_append_only()`);
  }
}
