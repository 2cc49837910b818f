import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drill integrity: the integrity flags the scorer raised on a reply (keyword stuffing, a copy of
 * the customer's message), which send a passing reply to review instead of passing it, and the
 * mark of an automatically passed reply sampled into the quality-review (质检) queue.
 */
export class DrillIntegrity1795740000000 implements MigrationInterface {
  name = 'DrillIntegrity1795740000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "drill_submission" ADD "integrity_flags" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "drill_submission" ADD "qa_sampled" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "drill_submission" ADD CONSTRAINT "ck_drill_submission_integrity_flags" CHECK (jsonb_typeof("integrity_flags") = 'array')`);
    // The sampled replies still waiting for a reviewer, oldest first (the pending queue).
    await q.query(`CREATE INDEX "ix_drill_submission_qa_pending" ON "drill_submission" ("created_at") WHERE "qa_sampled" AND "reviewed_at" IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_drill_submission_qa_pending"`);
    await q.query(`ALTER TABLE "drill_submission" DROP CONSTRAINT "ck_drill_submission_integrity_flags"`);
    await q.query(`ALTER TABLE "drill_submission" DROP COLUMN "qa_sampled"`);
    await q.query(`ALTER TABLE "drill_submission" DROP COLUMN "integrity_flags"`);
  }
}
