import { randomBytes } from 'node:crypto';
import { PartitionHeartbeatLog1795735000000 } from '../../src/database/migrations/1795735000000-PartitionHeartbeatLog';
import { waitFor } from '../support/exam-fixtures';
import { as, letTimePass, makeSampleVideo, makeStudent, makeVideoLesson, removeDirs, scratchDir, uploadVideo, VideoLesson } from '../support/media';
import { startTestApp, TestApp } from '../support/test-app';

const DURATION = 120;

/** Name of the monthly partition holding `monthsFromNow` months from today (UTC). */
function partitionName(monthsFromNow: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsFromNow, 1));
  return `heartbeat_log_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('heartbeat_log: partitioned by month, old months dropped', () => {
  const dataDir = scratchDir('hblog-data');
  const samples = scratchDir('hblog-samples');
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let lesson: VideoLesson;
  let studentCount = 0;

  const exists = async (name: string) => (await t.ds.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [name]))[0].e as boolean;
  const partitions = async () =>
    (await t.ds.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'heartbeat_log'::regclass`)).map(
      (r: { relname: string }) => r.relname,
    ) as string[];

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        DATA_DIR: dataDir,
        MEDIA_URL_SECRET: randomBytes(32).toString('hex'),
        HEARTBEAT_LOG_RETENTION_DAYS: '180',
        HEARTBEAT_LOG_MAINTENANCE_INTERVAL_MS: '1000',
      },
    });
    trainer = await t.login('trainer1');
    admin = await t.login('admin');
    const media = await uploadVideo(t, trainer, await makeSampleVideo(samples, 'mp4', DURATION));
    lesson = await makeVideoLesson(t, trainer, { mediaId: media.id, studentIds: [], title: '日志分区' });
  });
  afterAll(async () => {
    await t.close();
    removeDirs(dataDir, samples);
  });

  async function newStudent(): Promise<{ id: string; token: string }> {
    const student = await makeStudent(t, admin, `hblog${++studentCount}`);
    await as(t, trainer).post(`/api/courses/${lesson.courseId}/enrollments`).send({ studentIds: [student.id] }).expect(200);
    return student;
  }

  /** Watches the whole video in three heartbeats: the lesson completes and its 30 minutes are credited. */
  async function watchAll(token: string): Promise<string> {
    const { sessionId } = (await as(t, token).post(`/api/lessons/${lesson.lessonId}/playback`).expect(201)).body;
    for (let i = 0; i < 3; i++) {
      await letTimePass(t, sessionId, 60);
      await as(t, token)
        .post(`/api/playback/${sessionId}/heartbeat`)
        .send({ fromSecond: i * 40, toSecond: (i + 1) * 40, clientSeq: i + 1, playbackRate: 1, visible: true })
        .expect(200);
    }
    return sessionId;
  }

  it('is a partitioned table with this month and the coming ones ready, recreated when missing', async () => {
    const [row] = await t.ds.query(`SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'heartbeat_log'::regclass`);
    expect(row.partstrat).toBe('r');
    const names = await partitions();
    for (let m = 0; m <= 3; m++) expect(names).toContain(partitionName(m));
    // A month ahead that went missing is made again by the periodic task.
    await t.ds.query(`DROP TABLE "${partitionName(3)}"`);
    await waitFor('the month ahead to be recreated', () => exists(partitionName(3)), 10_000);
  });

  it('drops months past the retention and keeps the rest, without changing anyone’s credit or progress', async () => {
    const student = await newStudent();
    const sessionId = await watchAll(student.token);
    const transcriptBefore = (await as(t, student.token).get('/api/me/transcript').expect(200)).body;
    expect(transcriptBefore.entries).toEqual([expect.objectContaining({ minutes: 30, source: 'lesson_completion', referenceId: lesson.lessonId })]);
    const progressBefore = (await as(t, student.token).get(`/api/me/progress?courseId=${lesson.courseId}`).expect(200)).body;
    expect(progressBefore.lessons[0]).toMatchObject({ state: 'completed' });

    // The student's heartbeats age: two land in a month eight months back (past 180 days), one five months back (kept).
    await t.ds.query(`SELECT heartbeat_log_ensure_partition(now() - interval '8 months'), heartbeat_log_ensure_partition(now() - interval '5 months')`);
    const ids: Array<{ id: string }> = await t.ds.query(`SELECT id FROM heartbeat_log WHERE session_id = $1 ORDER BY id`, [sessionId]);
    expect(ids).toHaveLength(3);
    await t.ds.query(`UPDATE heartbeat_log SET received_at = received_at - interval '8 months' WHERE id = ANY($1::bigint[])`, [[ids[0].id, ids[1].id]]);
    await t.ds.query(`UPDATE heartbeat_log SET received_at = received_at - interval '5 months' WHERE id = $1`, [ids[2].id]);
    const where = await t.ds.query(`SELECT tableoid::regclass::text AS part FROM heartbeat_log WHERE session_id = $1 ORDER BY id`, [sessionId]);
    expect(where.map((r: { part: string }) => r.part)).toEqual([partitionName(-8), partitionName(-8), partitionName(-5)]);

    await waitFor('the expired month to be dropped', async () => !(await exists(partitionName(-8))), 10_000);
    expect(await exists(partitionName(-5))).toBe(true);
    expect(await exists(partitionName(0))).toBe(true);
    const left = await t.ds.query(`SELECT id FROM heartbeat_log WHERE session_id = $1`, [sessionId]);
    expect(left).toEqual([{ id: ids[2].id }]);

    // Hours and progress are what they were; watching on is still credited against the same progress.
    expect((await as(t, student.token).get('/api/me/transcript').expect(200)).body).toEqual(transcriptBefore);
    expect((await as(t, student.token).get(`/api/me/progress?courseId=${lesson.courseId}`).expect(200)).body).toEqual(progressBefore);
    const again = (await as(t, student.token).post(`/api/lessons/${lesson.lessonId}/playback`).expect(201)).body;
    expect(again).toMatchObject({ completed: true, watchedSeconds: DURATION });
    await letTimePass(t, again.sessionId, 20);
    const beat = await as(t, student.token)
      .post(`/api/playback/${again.sessionId}/heartbeat`)
      .send({ fromSecond: 0, toSecond: 10, clientSeq: 1, playbackRate: 1, visible: true })
      .expect(200);
    expect(beat.body).toMatchObject({ accepted: true, completed: true, justCompleted: false, watchedSeconds: DURATION });
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM hour_entry WHERE student_id = $1`, [student.id]);
    expect(n).toBe(1);
  });

  it('migrates an unpartitioned table with its rows, ids and months kept', async () => {
    const student = await newStudent();
    const sessionId = await watchAll(student.token);
    const migration = new PartitionHeartbeatLog1795735000000();
    const runner = t.ds.createQueryRunner();
    try {
      // Back to the table as it was before the migration, with rows from several months.
      await runner.startTransaction();
      await migration.down(runner);
      await runner.commitTransaction();
      expect(await t.ds.query(`SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'heartbeat_log'::regclass`)).toEqual([]);
      await t.ds.query(`UPDATE heartbeat_log SET received_at = received_at - interval '13 months' WHERE session_id = $1 AND client_seq = 1`, [sessionId]);
      await t.ds.query(`UPDATE heartbeat_log SET received_at = received_at - interval '2 months' WHERE session_id = $1 AND client_seq = 2`, [sessionId]);
      const before = await t.ds.query(`SELECT id, client_seq, received_at, credited FROM heartbeat_log ORDER BY id`);
      expect(before.length).toBeGreaterThanOrEqual(3);

      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
      const after = await t.ds.query(`SELECT id, client_seq, received_at, credited FROM heartbeat_log ORDER BY id`);
      expect(after).toEqual(before);
      const parts = await t.ds.query(
        `SELECT client_seq, tableoid::regclass::text AS part FROM heartbeat_log WHERE session_id = $1 ORDER BY client_seq`,
        [sessionId],
      );
      expect(parts.map((r: { part: string }) => r.part)).toEqual([partitionName(-13), partitionName(-2), partitionName(0)]);
      for (let m = 0; m <= 3; m++) expect(await exists(partitionName(m))).toBe(true);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }

    // New heartbeats go on after the copied ids.
    const maxBefore = (await t.ds.query(`SELECT max(id)::bigint AS m FROM heartbeat_log`))[0].m;
    const session = (await as(t, student.token).post(`/api/lessons/${lesson.lessonId}/playback`).expect(201)).body;
    await letTimePass(t, session.sessionId, 20);
    await as(t, student.token)
      .post(`/api/playback/${session.sessionId}/heartbeat`)
      .send({ fromSecond: 0, toSecond: 10, clientSeq: 1, playbackRate: 1, visible: true })
      .expect(200);
    const [latest] = await t.ds.query(`SELECT id FROM heartbeat_log WHERE session_id = $1`, [session.sessionId]);
    expect(BigInt(latest.id)).toBeGreaterThan(BigInt(maxBefore));
  });
});
