import { MigrationInterface, QueryRunner } from 'typeorm';

/** Offline class sessions, attendance records with a revision counter, and their change history. */
export class Attendance1795640000000 implements MigrationInterface {
  name = 'Attendance1795640000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "class_session" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "title" varchar(200),
      "starts_at" timestamptz NOT NULL,
      "duration_minutes" integer NOT NULL,
      "place" varchar(200) NOT NULL,
      "delivery" varchar(16) NOT NULL,
      "credit_minutes" integer NOT NULL,
      "check_in_opened_at" timestamptz,
      "check_in_opened_by" uuid,
      "check_in_closed_at" timestamptz,
      "created_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_class_session" PRIMARY KEY ("id"),
      CONSTRAINT "ck_class_session_duration" CHECK ("duration_minutes" BETWEEN 1 AND 1440),
      CONSTRAINT "ck_class_session_credit" CHECK ("credit_minutes" >= 0),
      CONSTRAINT "ck_class_session_delivery" CHECK ("delivery" IN ('offline', 'blended')),
      CONSTRAINT "fk_class_session_course" FOREIGN KEY ("course_id") REFERENCES "course"("id"),
      CONSTRAINT "fk_class_session_opened_by" FOREIGN KEY ("check_in_opened_by") REFERENCES "app_user"("id"),
      CONSTRAINT "fk_class_session_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"))`);
    await q.query(`CREATE INDEX "ix_class_session_course" ON "class_session" ("course_id", "starts_at")`);

    await q.query(`CREATE TABLE "attendance" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "session_id" uuid NOT NULL,
      "student_id" uuid NOT NULL,
      "status" varchar(16) NOT NULL,
      "source" varchar(16) NOT NULL,
      "checked_in_at" timestamptz,
      "revision" integer NOT NULL DEFAULT 1,
      "credited_minutes" integer NOT NULL DEFAULT 0,
      "note" text,
      "updated_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_attendance" PRIMARY KEY ("id"),
      CONSTRAINT "ck_attendance_status" CHECK ("status" IN ('present', 'late', 'absent', 'excused')),
      CONSTRAINT "ck_attendance_source" CHECK ("source" IN ('check_in', 'trainer')),
      CONSTRAINT "ck_attendance_revision" CHECK ("revision" >= 1),
      CONSTRAINT "ck_attendance_credited" CHECK ("credited_minutes" >= 0),
      CONSTRAINT "fk_attendance_session" FOREIGN KEY ("session_id") REFERENCES "class_session"("id"),
      CONSTRAINT "fk_attendance_student" FOREIGN KEY ("student_id") REFERENCES "app_user"("id"),
      CONSTRAINT "fk_attendance_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_attendance_session_student" ON "attendance" ("session_id", "student_id")`);
    await q.query(`CREATE INDEX "ix_attendance_student" ON "attendance" ("student_id")`);

    await q.query(`CREATE TABLE "attendance_change" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "attendance_id" uuid NOT NULL,
      "revision" integer NOT NULL,
      "from_status" varchar(16),
      "to_status" varchar(16) NOT NULL,
      "note" text,
      "ledger_minutes" integer NOT NULL DEFAULT 0,
      "author_id" uuid NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_attendance_change" PRIMARY KEY ("id"),
      CONSTRAINT "fk_attendance_change_attendance" FOREIGN KEY ("attendance_id") REFERENCES "attendance"("id"),
      CONSTRAINT "fk_attendance_change_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_attendance_change_revision" ON "attendance_change" ("attendance_id", "revision")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['attendance_change', 'attendance', 'class_session']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
