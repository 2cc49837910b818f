import { MigrationInterface, QueryRunner } from 'typeorm';

/** The text a reading or self-study lesson shows (empty for the other modes). */
export class LessonBody1795770000000 implements MigrationInterface {
  name = 'LessonBody1795770000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "lesson" ADD "body" text NOT NULL DEFAULT ''`);
    // Versions published before carry no text: give their lessons the empty one, as the API declares it.
    await q.query(`UPDATE "course_version" v SET "snapshot" = jsonb_set(v."snapshot", '{modules}', COALESCE((
        SELECT jsonb_agg(jsonb_set(m, '{lessons}', COALESCE((
                 SELECT jsonb_agg(jsonb_build_object('body', '') || l ORDER BY li)
                   FROM jsonb_array_elements(m->'lessons') WITH ORDINALITY AS ls(l, li)), '[]'::jsonb)) ORDER BY mi)
          FROM jsonb_array_elements(v."snapshot"->'modules') WITH ORDINALITY AS ms(m, mi)), '[]'::jsonb))
      WHERE jsonb_typeof(v."snapshot"->'modules') = 'array'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "lesson" DROP COLUMN "body"`);
  }
}
