import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-only views that a module publishes for other modules to join in their hot and reporting
 * queries, named after the owner (`<module>_…`): the owner's tables stay its own, and the view is
 * the narrow part it agrees to share. Writes through them are refused.
 */
export class PublishedViews1795760000000 implements MigrationInterface {
  name = 'PublishedViews1795760000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION published_view_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is a read-only view', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    // identity: who a user is, to show a name or filter by cohort next to another module's rows.
    await q.query(`CREATE VIEW "identity_directory" AS
      SELECT id, username, display_name, role, status, cohort_id FROM app_user`);
    // catalog: who is enrolled in which course, and so may take which lesson (its exams, its sessions).
    await q.query(`CREATE VIEW "catalog_enrolment" AS SELECT course_id, student_id FROM enrollment`);
    await q.query(`CREATE VIEW "catalog_enrolled_lesson" AS
      SELECT e.student_id, l.id AS lesson_id FROM enrollment e JOIN lesson l ON l.course_id = e.course_id`);
    for (const view of ['identity_directory', 'catalog_enrolment', 'catalog_enrolled_lesson']) {
      await q.query(`CREATE TRIGGER "tr_${view}_read_only" INSTEAD OF INSERT OR UPDATE OR DELETE ON "${view}"
        FOR EACH ROW EXECUTE FUNCTION published_view_read_only()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "catalog_enrolled_lesson"`);
    await q.query(`DROP VIEW "catalog_enrolment"`);
    await q.query(`DROP VIEW "identity_directory"`);
    await q.query(`DROP FUNCTION published_view_read_only()`);
  }
}
