import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Question banks with versioned questions, exams, attempts with their frozen items, and the
 * grading records: trainer reviews, the grading audit, answer-key corrections and regrades.
 */
export class Assessment1795630000000 implements MigrationInterface {
  name = 'Assessment1795630000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "question_bank" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "code" varchar(64),
      "title" varchar(200) NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "system_code" varchar(32),
      "owner_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_question_bank" PRIMARY KEY ("id"),
      CONSTRAINT "uq_question_bank_code" UNIQUE ("code"),
      CONSTRAINT "fk_question_bank_system" FOREIGN KEY ("system_code") REFERENCES "course_system"("code"),
      CONSTRAINT "fk_question_bank_owner" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id"))`);

    await q.query(`CREATE TABLE "question" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "bank_id" uuid NOT NULL,
      "ref" varchar(100),
      "current_version" integer NOT NULL,
      "current_version_id" uuid NOT NULL,
      "type" varchar(16) NOT NULL,
      "tags" text[] NOT NULL DEFAULT '{}',
      "difficulty" varchar(8),
      "created_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_question" PRIMARY KEY ("id"),
      CONSTRAINT "fk_question_bank" FOREIGN KEY ("bank_id") REFERENCES "question_bank"("id"),
      CONSTRAINT "fk_question_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_question_bank_ref" ON "question" ("bank_id", "ref")`);
    await q.query(`CREATE INDEX "ix_question_bank" ON "question" ("bank_id")`);

    await q.query(`CREATE TABLE "question_version" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "question_id" uuid NOT NULL,
      "version" integer NOT NULL,
      "type" varchar(16) NOT NULL,
      "stem" text NOT NULL,
      "options" jsonb,
      "answer" jsonb NOT NULL,
      "key_revision" integer NOT NULL DEFAULT 1,
      "points" integer NOT NULL,
      "scoring" varchar(16),
      "tags" text[] NOT NULL DEFAULT '{}',
      "difficulty" varchar(8),
      "explanation" text,
      "created_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_question_version" PRIMARY KEY ("id"),
      CONSTRAINT "fk_question_version_question" FOREIGN KEY ("question_id") REFERENCES "question"("id"),
      CONSTRAINT "ck_question_version_type" CHECK ("type" IN ('single', 'multiple', 'true_false', 'fill_blank', 'short_answer', 'scenario')),
      CONSTRAINT "ck_question_version_difficulty" CHECK ("difficulty" IN ('easy', 'medium', 'hard')),
      CONSTRAINT "ck_question_version_scoring" CHECK ("scoring" IN ('all_or_nothing', 'proportional')),
      CONSTRAINT "ck_question_version_points" CHECK ("points" > 0))`);
    await q.query(`CREATE UNIQUE INDEX "ux_question_version" ON "question_version" ("question_id", "version")`);
    // A question and its first version point at each other: checked at commit.
    await q.query(`ALTER TABLE "question" ADD CONSTRAINT "fk_question_current_version" FOREIGN KEY ("current_version_id")
      REFERENCES "question_version"("id") DEFERRABLE INITIALLY DEFERRED`);

    await q.query(`CREATE TABLE "exam" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "title" varchar(200) NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "time_limit_seconds" integer NOT NULL,
      "pass_score" integer NOT NULL,
      "max_attempts" integer NOT NULL,
      "draw" jsonb NOT NULL,
      "shuffle_questions" boolean NOT NULL DEFAULT false,
      "shuffle_options" boolean NOT NULL DEFAULT false,
      "review_policy" varchar(16) NOT NULL,
      "review_rubrics" boolean NOT NULL DEFAULT false,
      "opens_at" timestamptz,
      "closes_at" timestamptz,
      "lesson_id" uuid,
      "tier_code" varchar(32),
      "cohort_ids" uuid[] NOT NULL DEFAULT '{}',
      "seed_key" varchar(120),
      "created_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_exam" PRIMARY KEY ("id"),
      CONSTRAINT "uq_exam_seed_key" UNIQUE ("seed_key"),
      CONSTRAINT "fk_exam_lesson" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id"),
      CONSTRAINT "fk_exam_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
      CONSTRAINT "ck_exam_time_limit" CHECK ("time_limit_seconds" > 0),
      CONSTRAINT "ck_exam_pass_score" CHECK ("pass_score" BETWEEN 0 AND 100),
      CONSTRAINT "ck_exam_max_attempts" CHECK ("max_attempts" >= 1),
      CONSTRAINT "ck_exam_review_policy" CHECK ("review_policy" IN ('never', 'after_submit', 'after_graded', 'after_close')),
      CONSTRAINT "ck_exam_window" CHECK ("opens_at" IS NULL OR "closes_at" IS NULL OR "opens_at" < "closes_at"))`);
    await q.query(`CREATE INDEX "ix_exam_lesson" ON "exam" ("lesson_id") WHERE "lesson_id" IS NOT NULL`);

    await q.query(`CREATE TABLE "attempt" (
      "id" uuid NOT NULL,
      "exam_id" uuid NOT NULL,
      "student_id" uuid NOT NULL,
      "attempt_no" integer NOT NULL,
      "status" varchar(16) NOT NULL,
      "started_at" timestamptz NOT NULL,
      "deadline" timestamptz NOT NULL,
      "submitted_at" timestamptz,
      "submitted_by" varchar(16),
      "graded_at" timestamptz,
      "score" integer,
      "max_score" integer NOT NULL,
      "passed" boolean,
      CONSTRAINT "pk_attempt" PRIMARY KEY ("id"),
      CONSTRAINT "fk_attempt_exam" FOREIGN KEY ("exam_id") REFERENCES "exam"("id"),
      CONSTRAINT "fk_attempt_student" FOREIGN KEY ("student_id") REFERENCES "app_user"("id"),
      CONSTRAINT "ck_attempt_status" CHECK ("status" IN ('in_progress', 'submitted', 'graded', 'needs_review')),
      CONSTRAINT "ck_attempt_submitted_by" CHECK ("submitted_by" IN ('student', 'deadline', 'sweep')),
      CONSTRAINT "ck_attempt_no" CHECK ("attempt_no" >= 1))
      WITH (fillfactor = 80)`);
    await q.query(`CREATE UNIQUE INDEX "ux_attempt_number" ON "attempt" ("exam_id", "student_id", "attempt_no")`);
    await q.query(`CREATE UNIQUE INDEX "ux_attempt_open" ON "attempt" ("exam_id", "student_id") WHERE "status" = 'in_progress'`);
    await q.query(`CREATE INDEX "ix_attempt_overdue" ON "attempt" ("deadline") WHERE "status" = 'in_progress'`);
    await q.query(`CREATE INDEX "ix_attempt_waiting" ON "attempt" ("submitted_at") WHERE "status" = 'submitted'`);

    // Room on each page for autosaves and grading to update items in place (HOT updates, no index writes).
    await q.query(`CREATE TABLE "attempt_item" (
      "attempt_id" uuid NOT NULL,
      "question_id" uuid NOT NULL,
      "position" integer NOT NULL,
      "question_version_id" uuid NOT NULL,
      "type" varchar(16) NOT NULL,
      "points" integer NOT NULL,
      "option_order" text[],
      "answer" jsonb,
      "client_seq" bigint NOT NULL DEFAULT 0,
      "saved_at" timestamptz,
      "score" integer,
      "correct" boolean,
      "detail" jsonb,
      CONSTRAINT "pk_attempt_item" PRIMARY KEY ("attempt_id", "question_id"),
      CONSTRAINT "fk_attempt_item_attempt" FOREIGN KEY ("attempt_id") REFERENCES "attempt"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_attempt_item_version" FOREIGN KEY ("question_version_id") REFERENCES "question_version"("id"))
      WITH (fillfactor = 70)`);
    await q.query(`CREATE INDEX "ix_attempt_item_version" ON "attempt_item" ("question_version_id")`);

    await q.query(`CREATE TABLE "review_task" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "attempt_id" uuid NOT NULL,
      "question_id" uuid NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'pending',
      "auto_score" integer NOT NULL,
      "max_score" integer NOT NULL,
      "score" integer,
      "comment" text,
      "reviewer_id" uuid,
      "reviewed_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_review_task" PRIMARY KEY ("id"),
      CONSTRAINT "fk_review_task_item" FOREIGN KEY ("attempt_id", "question_id") REFERENCES "attempt_item"("attempt_id", "question_id") ON DELETE CASCADE,
      CONSTRAINT "fk_review_task_reviewer" FOREIGN KEY ("reviewer_id") REFERENCES "app_user"("id"),
      CONSTRAINT "ck_review_task_status" CHECK ("status" IN ('pending', 'done')),
      CONSTRAINT "ck_review_task_score" CHECK ("score" IS NULL OR "score" BETWEEN 0 AND "max_score"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_review_task_item" ON "review_task" ("attempt_id", "question_id")`);
    await q.query(`CREATE INDEX "ix_review_task_status" ON "review_task" ("status", "created_at")`);

    await q.query(`CREATE TABLE "grading_run" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "attempt_id" uuid NOT NULL,
      "kind" varchar(16) NOT NULL,
      "correction_id" uuid,
      "status" varchar(16) NOT NULL,
      "score" integer NOT NULL,
      "max_score" integer NOT NULL,
      "passed" boolean,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_grading_run" PRIMARY KEY ("id"),
      CONSTRAINT "fk_grading_run_attempt" FOREIGN KEY ("attempt_id") REFERENCES "attempt"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_grading_run_kind" CHECK ("kind" IN ('auto', 'review', 'regrade')))`);
    await q.query(`CREATE INDEX "ix_grading_run_attempt" ON "grading_run" ("attempt_id")`);

    await q.query(`CREATE TABLE "answer_key_correction" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "question_id" uuid NOT NULL,
      "question_version_id" uuid NOT NULL,
      "key_revision" integer NOT NULL,
      "previous_answer" jsonb NOT NULL,
      "answer" jsonb NOT NULL,
      "reason" text NOT NULL,
      "corrected_by" uuid NOT NULL,
      "affected_attempt_ids" uuid[] NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_answer_key_correction" PRIMARY KEY ("id"),
      CONSTRAINT "fk_answer_key_correction_question" FOREIGN KEY ("question_id") REFERENCES "question"("id"),
      CONSTRAINT "fk_answer_key_correction_version" FOREIGN KEY ("question_version_id") REFERENCES "question_version"("id"),
      CONSTRAINT "fk_answer_key_correction_author" FOREIGN KEY ("corrected_by") REFERENCES "app_user"("id"))`);
    await q.query(`CREATE INDEX "ix_answer_key_correction_question" ON "answer_key_correction" ("question_id", "created_at")`);

    // One row, moved on by every answer-key correction in its transaction: a first grading whose
    // keys were read before a correction committed is not written (GradingRepository.writeFirstGrading).
    await q.query(`CREATE TABLE "answer_key_epoch" (
      "id" boolean NOT NULL DEFAULT true,
      "epoch" bigint NOT NULL DEFAULT 0,
      CONSTRAINT "pk_answer_key_epoch" PRIMARY KEY ("id"),
      CONSTRAINT "ck_answer_key_epoch_one_row" CHECK ("id"))`);
    await q.query(`INSERT INTO "answer_key_epoch" DEFAULT VALUES`);

    await q.query(`CREATE TABLE "attempt_regrade" (
      "attempt_id" uuid NOT NULL,
      "correction_id" uuid NOT NULL,
      "previous_status" varchar(16) NOT NULL,
      "status" varchar(16) NOT NULL,
      "previous_score" integer,
      "score" integer,
      "previous_passed" boolean,
      "passed" boolean,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_attempt_regrade" PRIMARY KEY ("attempt_id", "correction_id"),
      CONSTRAINT "fk_attempt_regrade_attempt" FOREIGN KEY ("attempt_id") REFERENCES "attempt"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_attempt_regrade_correction" FOREIGN KEY ("correction_id") REFERENCES "answer_key_correction"("id"))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['attempt_regrade', 'answer_key_correction', 'grading_run', 'review_task', 'attempt_item', 'attempt', 'exam']) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`DROP TABLE "answer_key_epoch"`);
    await q.query(`ALTER TABLE "question" DROP CONSTRAINT "fk_question_current_version"`);
    await q.query(`DROP TABLE "question_version"`);
    await q.query(`DROP TABLE "question"`);
    await q.query(`DROP TABLE "question_bank"`);
  }
}
