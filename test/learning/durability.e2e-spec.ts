import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { buildAppConfig } from '../../src/config/app-config';
import { makeSampleVideo, removeDirs, scratchDir } from '../support/media';
import { freePort, ServerProcess, serverEnv } from '../support/server-process';
import { clearRedisPrefix, createTestDatabase, dropTestDatabase } from '../support/test-app';
import { serverConnection } from '../support/test-env';

/** SIGKILL: no shutdown hook, no flush, nothing but what was committed survives. */
describe('acknowledged credit survives kill -9', () => {
  const dataDir = scratchDir('durability-data');
  const samples = scratchDir('durability-samples');
  let database: string;
  let env: Record<string, string>;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = serverEnv(database, await freePort(), { DATA_DIR: dataDir });
    server = new ServerProcess(env);
  });

  afterAll(async () => {
    await server.stop('SIGKILL');
    await clearRedisPrefix(buildAppConfig(env));
    await dropTestDatabase(database);
    removeDirs(dataDir, samples);
  });

  it('keeps the watched time and the completion it acknowledged just before the process was killed', async () => {
    await server.start();
    const trainer = await server.login('trainer1');
    const student = await server.login('student1');
    const studentId = (await server.ok('GET', '/api/me', student)).id as string;

    const form = new FormData();
    form.append('file', new Blob([readFileSync(await makeSampleVideo(samples, 'webm', 30))]), 'short.webm');
    const media = await server.ok('POST', '/api/media', trainer, form);
    const course = await server.ok('POST', '/api/courses', trainer, { systemCode: 'practical', title: '断电测试' });
    const module = await server.ok('POST', `/api/courses/${course.id}/modules`, trainer, { title: '模块' });
    const lesson = await server.ok('POST', `/api/modules/${module.id}/lessons`, trainer, { title: '短视频', mode: 'video', creditMinutes: 15 });
    await server.ok('PATCH', `/api/lessons/${lesson.id}`, trainer, { mediaId: media.id });
    await server.ok('POST', `/api/courses/${course.id}/publish`, trainer);
    await server.ok('POST', `/api/courses/${course.id}/enrollments`, trainer, { studentIds: [studentId] });
    const session = await server.ok('POST', `/api/lessons/${lesson.id}/playback`, student);
    const heartbeat = (fromSecond: number, toSecond: number, clientSeq: number) =>
      server.ok('POST', `/api/playback/${session.sessionId}/heartbeat`, student, { fromSecond, toSecond, playbackRate: 1, visible: true, clientSeq });

    const db = new Client({ ...serverConnection(), database });
    await db.connect();
    // Lets server time pass for the session without waiting (the server still decides the credit).
    const letTimePass = (seconds: number) =>
      db.query(`UPDATE playback_session SET last_heartbeat_at = last_heartbeat_at - make_interval(secs => $2) WHERE id = $1`, [session.sessionId, seconds]);
    try {
      await letTimePass(20);
      expect(await heartbeat(0, 20, 1)).toMatchObject({ creditedSeconds: 20, completed: false });
      await letTimePass(10);
      expect(await heartbeat(20, 28, 2)).toMatchObject({ watchedSeconds: 28, justCompleted: true });
      await server.stop('SIGKILL'); // at once: the acknowledgements above are all the server had time to give

      await server.start();
      const progress = await server.ok('GET', `/api/me/progress?courseId=${course.id}`, student);
      expect(progress.lessons).toEqual([expect.objectContaining({ lessonId: lesson.id, state: 'completed', watchedSeconds: 28 })]);
      const transcript = await server.ok('GET', '/api/me/transcript', student);
      expect(transcript.entries).toEqual([expect.objectContaining({ referenceId: lesson.id, minutes: 15, source: 'lesson_completion' })]);

      // The session's clock and sequence survived too: a replay still credits nothing.
      expect(await heartbeat(28, 30, 2)).toMatchObject({ accepted: false, creditedSeconds: 0 });
      const [{ n }] = (await db.query(`SELECT COUNT(*)::int AS n FROM heartbeat_log WHERE session_id = $1`, [session.sessionId])).rows;
      expect(n).toBe(3);
    } finally {
      await db.end();
    }
  });
});
