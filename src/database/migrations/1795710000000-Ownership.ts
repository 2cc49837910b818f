import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ownership on every write: a course belongs to the trainer who created it (seeded courses to
 * no one) and lists its co-trainers; a question bank is private to its owner unless shared
 * (the seeded, ownerless banks are shared).
 */
export class Ownership1795710000000 implements MigrationInterface {
  name = 'Ownership1795710000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "course" ADD "owner_id" uuid`);
    await q.query(`ALTER TABLE "course" ADD CONSTRAINT "fk_course_owner" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL`);
    // Courses a person created (not the seed import's) belong to their creator.
    await q.query(`UPDATE "course" SET "owner_id" = "created_by" WHERE "seed_key" IS NULL AND "created_by" IS NOT NULL
                     AND EXISTS (SELECT 1 FROM "app_user" u WHERE u."id" = "course"."created_by")`);
    await q.query(`CREATE INDEX "ix_course_owner" ON "course" ("owner_id")`);
    await q.query(`CREATE TABLE "course_trainer" (
      "course_id" uuid NOT NULL,
      "trainer_id" uuid NOT NULL,
      "added_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_course_trainer" PRIMARY KEY ("course_id", "trainer_id"),
      CONSTRAINT "fk_course_trainer_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_course_trainer_trainer" FOREIGN KEY ("trainer_id") REFERENCES "app_user"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_course_trainer_added_by" FOREIGN KEY ("added_by") REFERENCES "app_user"("id") ON DELETE SET NULL)`);
    await q.query(`CREATE INDEX "ix_course_trainer_trainer" ON "course_trainer" ("trainer_id")`);

    await q.query(`ALTER TABLE "question_bank" ADD "shared" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE "question_bank" SET "shared" = true WHERE "owner_id" IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "question_bank" DROP COLUMN "shared"`);
    await q.query(`DROP TABLE "course_trainer"`);
    await q.query(`DROP INDEX "ix_course_owner"`);
    await q.query(`ALTER TABLE "course" DROP CONSTRAINT "fk_course_owner"`);
    await q.query(`ALTER TABLE "course" DROP COLUMN "owner_id"`);
  }
}
