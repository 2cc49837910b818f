import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One hour ledger that progress can follow:
 * - every credit names the course (and lesson) it counts towards, so a course never credits more
 *   than it is worth and a lesson is complete when its source credited it;
 * - a completed lesson keeps the minutes its completion credited (`lesson_progress.credited_minutes`);
 * - a class session may deliver one lesson of its course, and sessions of one course never overlap.
 */
export class OneHourLedger1795720000000 implements MigrationInterface {
  name = 'OneHourLedger1795720000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`ALTER TABLE "hour_entry" ADD "course_id" uuid, ADD "lesson_id" uuid,
      ADD CONSTRAINT "fk_hour_entry_course" FOREIGN KEY ("course_id") REFERENCES "course"("id"),
      ADD CONSTRAINT "fk_hour_entry_lesson" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id")`);
    // Existing entries learn their course and lesson; the append-only trigger is lifted for this backfill only.
    await q.query(`ALTER TABLE "hour_entry" DISABLE TRIGGER "tr_hour_entry_append_only"`);
    await q.query(`UPDATE "hour_entry" h SET lesson_id = l.id, course_id = l.course_id
                     FROM "lesson" l WHERE h.reference_type = 'lesson' AND l.id = h.reference_id`);
    await q.query(`UPDATE "hour_entry" h SET course_id = s.course_id
                     FROM "class_session" s WHERE h.reference_type = 'class_session' AND s.id = h.reference_id`);
    await q.query(`UPDATE "hour_entry" h SET lesson_id = d.id, course_id = d.course_id
                     FROM (SELECT DISTINCT ON (l.scenario_id) l.id, l.course_id, l.scenario_id
                             FROM "lesson" l JOIN "course" c ON c.id = l.course_id
                            WHERE l.mode = 'drill' AND l.archived_at IS NULL AND l.scenario_id IS NOT NULL
                            ORDER BY l.scenario_id, c.created_at, c.id) d
                    WHERE h.reference_type = 'scenario' AND d.scenario_id = h.reference_id`);
    await q.query(`ALTER TABLE "hour_entry" ENABLE TRIGGER "tr_hour_entry_append_only"`);
    await q.query(`CREATE INDEX "ix_hour_entry_reference" ON "hour_entry" ("student_id", "reference_type", "reference_id")`);
    await q.query(`CREATE INDEX "ix_hour_entry_course" ON "hour_entry" ("student_id", "course_id")`);
    await q.query(`CREATE INDEX "ix_hour_entry_lesson" ON "hour_entry" ("student_id", "lesson_id")`);

    await q.query(`ALTER TABLE "lesson_progress" ADD "credited_minutes" integer NOT NULL DEFAULT 0,
      ADD CONSTRAINT "ck_lesson_progress_credited" CHECK ("credited_minutes" >= 0)`);
    await q.query(`UPDATE "lesson_progress" p SET credited_minutes = GREATEST(0, c.minutes)
                     FROM (SELECT student_id, reference_id, SUM(minutes)::int AS minutes FROM "hour_entry"
                            WHERE source = 'lesson_completion' AND reference_type = 'lesson' GROUP BY student_id, reference_id) c
                    WHERE p.state = 'completed' AND c.student_id = p.student_id AND c.reference_id = p.lesson_id`);

    await q.query(`ALTER TABLE "class_session" ADD "lesson_id" uuid,
      ADD CONSTRAINT "fk_class_session_lesson" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id"),
      ADD "ends_at" timestamptz`);
    await q.query(`UPDATE "class_session" SET ends_at = starts_at + make_interval(mins => duration_minutes)`);
    const overlapping: Array<{ a: string; b: string }> = await q.query(
      `SELECT x.id AS a, y.id AS b FROM "class_session" x JOIN "class_session" y
          ON y.course_id = x.course_id AND y.id > x.id AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)
       LIMIT 20`,
    );
    if (overlapping.length > 0) {
      // Sessions of one course that overlap are what this migration forbids; which one was real is a person's decision.
      throw new Error(
        `class sessions of one course overlap (pairs: ${overlapping.map((o) => `${o.a}/${o.b}`).join(', ')}); ` +
          'move or remove one of each pair (correcting its attendance first) and run the migration again',
      );
    }
    await q.query(`ALTER TABLE "class_session" ALTER "ends_at" SET NOT NULL,
      ADD CONSTRAINT "ck_class_session_ends" CHECK ("ends_at" > "starts_at"),
      ADD CONSTRAINT "ex_class_session_overlap" EXCLUDE USING gist ("course_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "class_session" DROP CONSTRAINT "ex_class_session_overlap", DROP CONSTRAINT "ck_class_session_ends",
      DROP COLUMN "ends_at", DROP COLUMN "lesson_id"`);
    await q.query(`ALTER TABLE "lesson_progress" DROP COLUMN "credited_minutes"`);
    await q.query(`DROP INDEX "ix_hour_entry_lesson"`);
    await q.query(`DROP INDEX "ix_hour_entry_course"`);
    await q.query(`DROP INDEX "ix_hour_entry_reference"`);
    await q.query(`ALTER TABLE "hour_entry" DROP COLUMN "lesson_id", DROP COLUMN "course_id"`);
  }
}
