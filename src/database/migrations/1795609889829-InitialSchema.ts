import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, the catalogue (drafts, published versions, enrolments) and training scenarios. */
export class InitialSchema1795609889829 implements MigrationInterface {
  name = 'InitialSchema1795609889829';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "cohort" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" varchar(100) NOT NULL,
      "year" integer,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_cohort" PRIMARY KEY ("id"),
      CONSTRAINT "uq_cohort_name" UNIQUE ("name"))`);
    await q.query(`CREATE TABLE "app_user" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "username" varchar(64) NOT NULL,
      "display_name" varchar(100) NOT NULL,
      "password_hash" varchar(255) NOT NULL,
      "role" varchar(16) NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'active',
      "cohort_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_app_user" PRIMARY KEY ("id"),
      CONSTRAINT "uq_app_user_username" UNIQUE ("username"),
      CONSTRAINT "ck_app_user_username_lower" CHECK ("username" = lower("username")),
      CONSTRAINT "ck_app_user_role" CHECK ("role" IN ('student', 'trainer', 'admin')),
      CONSTRAINT "ck_app_user_status" CHECK ("status" IN ('active', 'disabled')),
      CONSTRAINT "fk_app_user_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "ix_app_user_role_cohort" ON "app_user" ("role", "cohort_id")`);

    await q.query(`CREATE TABLE "course_system" (
      "code" varchar(32) NOT NULL,
      "name" varchar(50) NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "required_hours" integer NOT NULL,
      "required_hours_is_default" boolean NOT NULL DEFAULT false,
      "position" integer NOT NULL,
      CONSTRAINT "pk_course_system" PRIMARY KEY ("code"))`);
    await q.query(`CREATE TABLE "course" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "system_code" varchar(32) NOT NULL,
      "title" varchar(200) NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "direction" varchar(32),
      "direction_name" varchar(50),
      "objectives" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "content" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "delivery" varchar(16) NOT NULL DEFAULT 'online',
      "status" varchar(16) NOT NULL DEFAULT 'draft',
      "published_version" integer,
      "draft_revision" integer NOT NULL DEFAULT 1,
      "published_revision" integer,
      "position" integer NOT NULL DEFAULT 0,
      "hours_is_default" boolean NOT NULL DEFAULT false,
      "seed_key" varchar(120),
      "created_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_course" PRIMARY KEY ("id"),
      CONSTRAINT "uq_course_seed_key" UNIQUE ("seed_key"),
      CONSTRAINT "ck_course_status" CHECK ("status" IN ('draft', 'published', 'archived')),
      CONSTRAINT "fk_course_system" FOREIGN KEY ("system_code") REFERENCES "course_system"("code"))`);
    await q.query(`CREATE INDEX "ix_course_system_position" ON "course" ("system_code", "position")`);
    await q.query(`CREATE TABLE "course_module" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "title" varchar(200) NOT NULL,
      "position" integer NOT NULL,
      "archived_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_course_module" PRIMARY KEY ("id"),
      CONSTRAINT "fk_course_module_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_course_module_course" ON "course_module" ("course_id", "position")`);

    await q.query(`CREATE TABLE "training_scenario" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "title" varchar(100) NOT NULL,
      "summary" text NOT NULL DEFAULT '',
      "conversation" jsonb NOT NULL,
      "rubric" jsonb,
      "credit_minutes" integer NOT NULL,
      "credit_is_default" boolean NOT NULL DEFAULT false,
      "position" integer NOT NULL DEFAULT 0,
      "seed_key" varchar(120),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_training_scenario" PRIMARY KEY ("id"),
      CONSTRAINT "uq_training_scenario_title" UNIQUE ("title"),
      CONSTRAINT "uq_training_scenario_seed_key" UNIQUE ("seed_key"),
      CONSTRAINT "ck_training_scenario_credit" CHECK ("credit_minutes" >= 0))`);

    await q.query(`CREATE TABLE "lesson" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "module_id" uuid NOT NULL,
      "title" varchar(200) NOT NULL,
      "position" integer NOT NULL,
      "mode" varchar(16) NOT NULL,
      "credit_minutes" integer NOT NULL,
      "credit_is_default" boolean NOT NULL DEFAULT false,
      "media_id" uuid,
      "duration_seconds" integer,
      "allow_skip_ahead" boolean NOT NULL DEFAULT false,
      "scenario_id" uuid,
      "archived_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_lesson" PRIMARY KEY ("id"),
      CONSTRAINT "ck_lesson_mode" CHECK ("mode" IN ('video', 'reading', 'exam', 'self_study', 'offline', 'blended', 'drill')),
      CONSTRAINT "ck_lesson_credit" CHECK ("credit_minutes" >= 0),
      CONSTRAINT "fk_lesson_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_lesson_module" FOREIGN KEY ("module_id") REFERENCES "course_module"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_lesson_scenario" FOREIGN KEY ("scenario_id") REFERENCES "training_scenario"("id") ON DELETE SET NULL)`);
    await q.query(`CREATE INDEX "ix_lesson_module" ON "lesson" ("module_id", "position")`);
    await q.query(`CREATE INDEX "ix_lesson_course" ON "lesson" ("course_id")`);

    await q.query(`CREATE TABLE "course_version" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "version" integer NOT NULL,
      "snapshot" jsonb NOT NULL,
      "published_by" uuid,
      "published_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_course_version" PRIMARY KEY ("id"),
      CONSTRAINT "fk_course_version_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE UNIQUE INDEX "ux_course_version" ON "course_version" ("course_id", "version")`);

    await q.query(`CREATE TABLE "enrollment" (
      "course_id" uuid NOT NULL,
      "student_id" uuid NOT NULL,
      "cohort_id" uuid,
      "enrolled_by" uuid,
      "enrolled_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_enrollment" PRIMARY KEY ("course_id", "student_id"),
      CONSTRAINT "fk_enrollment_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_enrollment_student" FOREIGN KEY ("student_id") REFERENCES "app_user"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_enrollment_student" ON "enrollment" ("student_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['enrollment', 'course_version', 'lesson', 'training_scenario', 'course_module', 'course', 'course_system', 'app_user', 'cohort']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
