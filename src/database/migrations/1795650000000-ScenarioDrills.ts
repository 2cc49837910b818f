import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scenario drills: submissions graded through the queue, an audit of every grading run,
 * the trainers' review (质检) history, and each student's best result per scenario.
 */
export class ScenarioDrills1795650000000 implements MigrationInterface {
  name = 'ScenarioDrills1795650000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "drill_submission" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "scenario_id" uuid NOT NULL,
      "student_id" uuid NOT NULL,
      "client_key" varchar(100),
      "reply" text NOT NULL,
      "prompt" text NOT NULL,
      "rubric" jsonb NOT NULL,
      "requires_review" boolean NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'submitted',
      "auto_score" integer,
      "auto_passed" boolean,
      "max_score" integer,
      "result" jsonb,
      "score" integer,
      "passed" boolean,
      "graded_at" timestamptz,
      "reviewed_at" timestamptz,
      "reviewed_by" uuid,
      "review_comment" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_drill_submission" PRIMARY KEY ("id"),
      CONSTRAINT "ck_drill_submission_status" CHECK ("status" IN ('submitted', 'graded', 'needs_review')),
      CONSTRAINT "ck_drill_submission_graded" CHECK ("status" = 'submitted' OR ("auto_score" IS NOT NULL AND "max_score" IS NOT NULL AND "result" IS NOT NULL)),
      CONSTRAINT "ck_drill_submission_final" CHECK ("status" <> 'graded' OR ("score" IS NOT NULL AND "passed" IS NOT NULL)),
      CONSTRAINT "ck_drill_submission_score" CHECK ("score" IS NULL OR ("score" >= 0 AND "score" <= "max_score")),
      CONSTRAINT "fk_drill_submission_scenario" FOREIGN KEY ("scenario_id") REFERENCES "training_scenario"("id"),
      CONSTRAINT "fk_drill_submission_student" FOREIGN KEY ("student_id") REFERENCES "app_user"("id"),
      CONSTRAINT "fk_drill_submission_reviewer" FOREIGN KEY ("reviewed_by") REFERENCES "app_user"("id"))`);
    // A client's retry of the same request (same key) finds the submission it already made.
    await q.query(`CREATE UNIQUE INDEX "uq_drill_submission_client_key" ON "drill_submission" ("student_id", "client_key") WHERE "client_key" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_drill_submission_student" ON "drill_submission" ("student_id", "scenario_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_drill_submission_status" ON "drill_submission" ("status", "created_at")`);

    await q.query(`CREATE TABLE "drill_grading_event" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "submission_id" uuid NOT NULL,
      "outcome" varchar(16) NOT NULL,
      "job_id" varchar(200),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_drill_grading_event" PRIMARY KEY ("id"),
      CONSTRAINT "ck_drill_grading_event_outcome" CHECK ("outcome" IN ('graded', 'skipped')),
      CONSTRAINT "fk_drill_grading_event_submission" FOREIGN KEY ("submission_id") REFERENCES "drill_submission"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_drill_grading_event_submission" ON "drill_grading_event" ("submission_id")`);

    await q.query(`CREATE TABLE "drill_review" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "submission_id" uuid NOT NULL,
      "reviewer_id" uuid NOT NULL,
      "previous_score" integer,
      "previous_passed" boolean,
      "score" integer NOT NULL,
      "max_score" integer NOT NULL,
      "passed" boolean NOT NULL,
      "comment" text NOT NULL,
      -- The time of the insert, taken under the submission's row lock: the order reviews took effect.
      "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT "pk_drill_review" PRIMARY KEY ("id"),
      CONSTRAINT "ck_drill_review_score" CHECK ("score" >= 0 AND "score" <= "max_score"),
      CONSTRAINT "fk_drill_review_submission" FOREIGN KEY ("submission_id") REFERENCES "drill_submission"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_drill_review_reviewer" FOREIGN KEY ("reviewer_id") REFERENCES "app_user"("id"))`);
    await q.query(`CREATE INDEX "ix_drill_review_submission" ON "drill_review" ("submission_id", "created_at")`);

    await q.query(`CREATE TABLE "drill_result" (
      "student_id" uuid NOT NULL,
      "scenario_id" uuid NOT NULL,
      "best_submission_id" uuid,
      "best_score" integer,
      "best_max_score" integer,
      "passed" boolean NOT NULL DEFAULT false,
      "graded_count" integer NOT NULL DEFAULT 0,
      "credited" boolean NOT NULL DEFAULT false,
      "credited_minutes" integer NOT NULL DEFAULT 0,
      "credit_generation" integer NOT NULL DEFAULT 0,
      "first_passed_at" timestamptz,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_drill_result" PRIMARY KEY ("student_id", "scenario_id"),
      CONSTRAINT "fk_drill_result_student" FOREIGN KEY ("student_id") REFERENCES "app_user"("id"),
      CONSTRAINT "fk_drill_result_scenario" FOREIGN KEY ("scenario_id") REFERENCES "training_scenario"("id"),
      CONSTRAINT "fk_drill_result_best" FOREIGN KEY ("best_submission_id") REFERENCES "drill_submission"("id"))`);
    await q.query(`CREATE INDEX "ix_drill_result_passed" ON "drill_result" ("student_id") WHERE "passed"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "drill_result"`);
    await q.query(`DROP TABLE "drill_review"`);
    await q.query(`DROP TABLE "drill_grading_event"`);
    await q.query(`DROP TABLE "drill_submission"`);
  }
}
