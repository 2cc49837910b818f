import { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only hour ledger: unique idempotency keys, and a trigger that refuses edits. */
export class HourLedger1795616000000 implements MigrationInterface {
  name = 'HourLedger1795616000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "hour_entry" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "student_id" uuid NOT NULL,
      "system_code" varchar(32) NOT NULL,
      "minutes" integer NOT NULL,
      "source" varchar(32) NOT NULL,
      "reference_type" varchar(32),
      "reference_id" uuid,
      "idempotency_key" varchar(200) NOT NULL,
      "reason" text,
      "author_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_hour_entry" PRIMARY KEY ("id"),
      CONSTRAINT "uq_hour_entry_idempotency_key" UNIQUE ("idempotency_key"),
      CONSTRAINT "ck_hour_entry_source" CHECK ("source" IN ('lesson_completion', 'exam_pass', 'drill_pass', 'attendance', 'adjustment')),
      CONSTRAINT "ck_hour_entry_minutes" CHECK ("minutes" <> 0),
      CONSTRAINT "fk_hour_entry_student" FOREIGN KEY ("student_id") REFERENCES "app_user"("id"),
      CONSTRAINT "fk_hour_entry_system" FOREIGN KEY ("system_code") REFERENCES "course_system"("code"),
      CONSTRAINT "fk_hour_entry_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id"))`);
    await q.query(`CREATE INDEX "ix_hour_entry_student" ON "hour_entry" ("student_id", "created_at")`);
    await q.query(`CREATE FUNCTION hour_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'hour_entry is append-only: write a correcting entry instead' USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`CREATE TRIGGER "tr_hour_entry_append_only" BEFORE UPDATE OR DELETE ON "hour_entry"
      FOR EACH ROW EXECUTE FUNCTION hour_entry_append_only()`);
    await q.query(`CREATE TRIGGER "tr_hour_entry_no_truncate" BEFORE TRUNCATE ON "hour_entry"
      FOR EACH STATEMENT EXECUTE FUNCTION hour_entry_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "hour_entry"`);
    await q.query(`DROP FUNCTION hour_entry_append_only()`);
  }
}
