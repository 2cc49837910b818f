import { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox of queue jobs. */
export class JobOutbox1795617000000 implements MigrationInterface {
  name = 'JobOutbox1795617000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "outbox_job" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "job_name" varchar(64) NOT NULL,
      "job_id" varchar(200) NOT NULL,
      "payload" jsonb NOT NULL,
      "run_at" timestamptz,
      "enqueued_at" timestamptz,
      "enqueue_attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_outbox_job" PRIMARY KEY ("id"),
      CONSTRAINT "uq_outbox_job_job_id" UNIQUE ("job_id"))`);
    await q.query(`CREATE INDEX "ix_outbox_job_pending" ON "outbox_job" ("created_at") WHERE "enqueued_at" IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "outbox_job"`);
  }
}
