import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded media (attached to lessons by a foreign key), playback sessions with at most one active
 * per student, per-lesson progress (the union of credited intervals), and the heartbeat audit log.
 */
export class MediaAndLearning1795620000000 implements MigrationInterface {
  name = 'MediaAndLearning1795620000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "media" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "storage_key" varchar(300) NOT NULL,
      "container" varchar(8) NOT NULL,
      "content_type" varchar(64) NOT NULL,
      "size_bytes" bigint NOT NULL,
      "duration_seconds" double precision NOT NULL,
      "sha256" char(64) NOT NULL,
      "original_name" varchar(255) NOT NULL DEFAULT '',
      "uploaded_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_media" PRIMARY KEY ("id"),
      CONSTRAINT "uq_media_storage_key" UNIQUE ("storage_key"),
      CONSTRAINT "ck_media_container" CHECK ("container" IN ('mp4', 'webm')),
      CONSTRAINT "ck_media_size" CHECK ("size_bytes" > 0),
      CONSTRAINT "ck_media_duration" CHECK ("duration_seconds" > 0),
      CONSTRAINT "fk_media_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id") ON DELETE SET NULL)`);
    await q.query(`ALTER TABLE "lesson" ADD CONSTRAINT "fk_lesson_media" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX "ix_lesson_media" ON "lesson" ("media_id") WHERE "media_id" IS NOT NULL`);

    await q.query(`CREATE TABLE "lesson_progress" (
      "student_id" uuid NOT NULL,
      "lesson_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "state" varchar(16) NOT NULL DEFAULT 'in_progress',
      "watched" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "watched_seconds" double precision NOT NULL DEFAULT 0,
      "furthest_second" double precision NOT NULL DEFAULT 0,
      "duration_seconds" integer,
      "opened_at" timestamptz NOT NULL DEFAULT now(),
      "completed_at" timestamptz,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_lesson_progress" PRIMARY KEY ("student_id", "lesson_id"),
      CONSTRAINT "ck_lesson_progress_state" CHECK ("state" IN ('in_progress', 'completed')),
      CONSTRAINT "ck_lesson_progress_completed_at" CHECK (("state" = 'completed') = ("completed_at" IS NOT NULL)),
      CONSTRAINT "fk_lesson_progress_student" FOREIGN KEY ("student_id") REFERENCES "app_user"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_lesson_progress_lesson" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_lesson_progress_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_lesson_progress_course" ON "lesson_progress" ("student_id", "course_id")`);

    await q.query(`CREATE TABLE "playback_session" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "student_id" uuid NOT NULL,
      "lesson_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "media_id" uuid NOT NULL,
      "system_code" varchar(32) NOT NULL,
      "duration_seconds" integer NOT NULL,
      "allow_skip_ahead" boolean NOT NULL,
      "credit_minutes" integer NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'active',
      "last_client_seq" integer NOT NULL DEFAULT -1,
      "last_heartbeat_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "heartbeat_count" integer NOT NULL DEFAULT 0,
      "credited_seconds" double precision NOT NULL DEFAULT 0,
      "opened_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "ended_at" timestamptz,
      CONSTRAINT "pk_playback_session" PRIMARY KEY ("id"),
      CONSTRAINT "ck_playback_session_status" CHECK ("status" IN ('active', 'ended')),
      CONSTRAINT "ck_playback_session_duration" CHECK ("duration_seconds" > 0),
      CONSTRAINT "fk_playback_session_progress" FOREIGN KEY ("student_id", "lesson_id") REFERENCES "lesson_progress"("student_id", "lesson_id") ON DELETE CASCADE,
      CONSTRAINT "fk_playback_session_media" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_playback_session_system" FOREIGN KEY ("system_code") REFERENCES "course_system"("code"))`);
    // One active session per student: opening another ends the older one.
    await q.query(`CREATE UNIQUE INDEX "ux_playback_session_active" ON "playback_session" ("student_id") WHERE "status" = 'active'`);
    await q.query(`CREATE INDEX "ix_playback_session_progress" ON "playback_session" ("student_id", "lesson_id")`);

    await q.query(`CREATE TABLE "heartbeat_log" (
      "id" bigint GENERATED ALWAYS AS IDENTITY,
      "session_id" uuid NOT NULL,
      "client_seq" integer NOT NULL,
      "received_at" timestamptz NOT NULL,
      "accepted" boolean NOT NULL,
      "visible" boolean NOT NULL,
      "playback_rate" real NOT NULL,
      "claimed" jsonb NOT NULL,
      "credited" jsonb NOT NULL,
      "credited_seconds" double precision NOT NULL,
      "refused" jsonb NOT NULL,
      CONSTRAINT "pk_heartbeat_log" PRIMARY KEY ("id"),
      CONSTRAINT "fk_heartbeat_log_session" FOREIGN KEY ("session_id") REFERENCES "playback_session"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_heartbeat_log_session" ON "heartbeat_log" ("session_id", "id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "heartbeat_log"`);
    await q.query(`DROP TABLE "playback_session"`);
    await q.query(`DROP TABLE "lesson_progress"`);
    await q.query(`DROP INDEX "ix_lesson_media"`);
    await q.query(`ALTER TABLE "lesson" DROP CONSTRAINT "fk_lesson_media"`);
    await q.query(`DROP TABLE "media"`);
  }
}
