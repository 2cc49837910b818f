import { MigrationInterface, QueryRunner } from 'typeorm';

/** A playback session can be revoked (its student was unenrolled): its stream links and heartbeats are refused. */
export class PlaybackSessionRevoked1795735100000 implements MigrationInterface {
  name = 'PlaybackSessionRevoked1795735100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "playback_session" DROP CONSTRAINT "ck_playback_session_status"`);
    await q.query(`ALTER TABLE "playback_session" ADD CONSTRAINT "ck_playback_session_status" CHECK ("status" IN ('active', 'ended', 'revoked'))`);
    await q.query(`CREATE INDEX "ix_playback_session_course_student" ON "playback_session" ("course_id", "student_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_playback_session_course_student"`);
    await q.query(`UPDATE "playback_session" SET "status" = 'ended' WHERE "status" = 'revoked'`);
    await q.query(`ALTER TABLE "playback_session" DROP CONSTRAINT "ck_playback_session_status"`);
    await q.query(`ALTER TABLE "playback_session" ADD CONSTRAINT "ck_playback_session_status" CHECK ("status" IN ('active', 'ended'))`);
  }
}
