import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `id, session_id, client_seq, received_at, accepted, visible, playback_rate, claimed, credited, credited_seconds, refused`;

/**
 * heartbeat_log becomes a table partitioned by month of received_at (UTC), so that old months can be
 * dropped whole (HEARTBEAT_LOG_RETENTION_DAYS). The existing rows are copied into their months'
 * partitions with their ids. `heartbeat_log_ensure_partition(at)` creates the month holding `at`
 * when it is missing; the app calls it to keep months ahead of the clock.
 */
export class PartitionHeartbeatLog1795735000000 implements MigrationInterface {
  name = 'PartitionHeartbeatLog1795735000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "heartbeat_log" RENAME TO "heartbeat_log_unpartitioned"`);
    await q.query(`ALTER TABLE "heartbeat_log_unpartitioned" RENAME CONSTRAINT "pk_heartbeat_log" TO "pk_heartbeat_log_unpartitioned"`);
    await q.query(`ALTER TABLE "heartbeat_log_unpartitioned" RENAME CONSTRAINT "fk_heartbeat_log_session" TO "fk_heartbeat_log_unpartitioned_session"`);
    await q.query(`ALTER INDEX "ix_heartbeat_log_session" RENAME TO "ix_heartbeat_log_unpartitioned_session"`);

    await q.query(`CREATE TABLE "heartbeat_log" (
      "id" bigint GENERATED ALWAYS AS IDENTITY,
      "session_id" uuid NOT NULL,
      "client_seq" integer NOT NULL,
      "received_at" timestamptz NOT NULL,
      "accepted" boolean NOT NULL,
      "visible" boolean NOT NULL,
      "playback_rate" real NOT NULL,
      "claimed" jsonb NOT NULL,
      "credited" jsonb NOT NULL,
      "credited_seconds" double precision NOT NULL,
      "refused" jsonb NOT NULL,
      CONSTRAINT "pk_heartbeat_log" PRIMARY KEY ("id", "received_at"),
      CONSTRAINT "fk_heartbeat_log_session" FOREIGN KEY ("session_id") REFERENCES "playback_session"("id") ON DELETE CASCADE
    ) PARTITION BY RANGE ("received_at")`);
    await q.query(`CREATE INDEX "ix_heartbeat_log_session" ON "heartbeat_log" ("session_id", "id")`);

    // Partitions are named heartbeat_log_yYYYYmMM after their UTC month; the name is what retention reads.
    await q.query(`CREATE FUNCTION heartbeat_log_ensure_partition(at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
      DECLARE
        month_start timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
        part text := 'heartbeat_log_y' || to_char(month_start, 'YYYY') || 'm' || to_char(month_start, 'MM');
      BEGIN
        IF to_regclass(quote_ident(part)) IS NULL THEN
          BEGIN
            EXECUTE format('CREATE TABLE %I PARTITION OF heartbeat_log FOR VALUES FROM (%L) TO (%L)',
                           part, month_start AT TIME ZONE 'UTC', (month_start + interval '1 month') AT TIME ZONE 'UTC');
          EXCEPTION WHEN duplicate_table OR unique_violation THEN
            NULL; -- another process created it at the same moment
          END;
        END IF;
        RETURN part;
      END $$`);

    await q.query(`SELECT heartbeat_log_ensure_partition(m) FROM (SELECT DISTINCT date_trunc('month', received_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM heartbeat_log_unpartitioned) months`);
    await q.query(`SELECT heartbeat_log_ensure_partition(now() + make_interval(months => g)) FROM generate_series(0, 3) AS g`);
    await q.query(`INSERT INTO heartbeat_log (${COLUMNS}) OVERRIDING SYSTEM VALUE SELECT ${COLUMNS} FROM heartbeat_log_unpartitioned`);
    await q.query(`SELECT setval(pg_get_serial_sequence('heartbeat_log', 'id'), COALESCE((SELECT max(id) FROM heartbeat_log), 0) + 1, false)`);
    await q.query(`DROP TABLE "heartbeat_log_unpartitioned"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "heartbeat_log" RENAME TO "heartbeat_log_partitioned"`);
    await q.query(`ALTER TABLE "heartbeat_log_partitioned" RENAME CONSTRAINT "pk_heartbeat_log" TO "pk_heartbeat_log_partitioned"`);
    await q.query(`ALTER TABLE "heartbeat_log_partitioned" RENAME CONSTRAINT "fk_heartbeat_log_session" TO "fk_heartbeat_log_partitioned_session"`);
    await q.query(`ALTER INDEX "ix_heartbeat_log_session" RENAME TO "ix_heartbeat_log_partitioned_session"`);
    await q.query(`CREATE TABLE "heartbeat_log" (
      "id" bigint GENERATED ALWAYS AS IDENTITY,
      "session_id" uuid NOT NULL,
      "client_seq" integer NOT NULL,
      "received_at" timestamptz NOT NULL,
      "accepted" boolean NOT NULL,
      "visible" boolean NOT NULL,
      "playback_rate" real NOT NULL,
      "claimed" jsonb NOT NULL,
      "credited" jsonb NOT NULL,
      "credited_seconds" double precision NOT NULL,
      "refused" jsonb NOT NULL,
      CONSTRAINT "pk_heartbeat_log" PRIMARY KEY ("id"),
      CONSTRAINT "fk_heartbeat_log_session" FOREIGN KEY ("session_id") REFERENCES "playback_session"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_heartbeat_log_session" ON "heartbeat_log" ("session_id", "id")`);
    await q.query(`INSERT INTO heartbeat_log (${COLUMNS}) OVERRIDING SYSTEM VALUE SELECT ${COLUMNS} FROM heartbeat_log_partitioned`);
    await q.query(`SELECT setval(pg_get_serial_sequence('heartbeat_log', 'id'), COALESCE((SELECT max(id) FROM heartbeat_log), 0) + 1, false)`);
    await q.query(`DROP TABLE "heartbeat_log_partitioned"`);
    await q.query(`DROP FUNCTION heartbeat_log_ensure_partition(timestamptz)`);
  }
}
