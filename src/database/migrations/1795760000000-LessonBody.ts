import { MigrationInterface, QueryRunner } from 'typeorm';

/** The text a reading or self-study lesson shows (empty for the other modes). */
export class LessonBody1795760000000 implements MigrationInterface {
  name = 'LessonBody1795760000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "lesson" ADD "body" text NOT NULL DEFAULT ''`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "lesson" DROP COLUMN "body"`);
  }
}
