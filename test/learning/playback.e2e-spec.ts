import { randomBytes } from 'node:crypto';
import { as, letTimePass, makeSampleVideo, makeStudent, makeVideoLesson, removeDirs, scratchDir, uploadVideo, VideoLesson } from '../support/media';
import { startTestApp, TestApp } from '../support/test-app';

const DURATION = 900;
const MAX_RATE = 2;
const TOLERANCE = 2;

interface Beat {
  fromSecond: number;
  toSecond: number;
  clientSeq: number;
  visible?: boolean;
  playbackRate?: number;
  segments?: Array<{ fromSecond: number; toSecond: number }>;
}

describe('playback sessions and heartbeats', () => {
  const dataDir = scratchDir('playback-data');
  const samples = scratchDir('playback-samples');
  const env = { DATA_DIR: dataDir, JWT_SECRET: randomBytes(32).toString('hex'), MEDIA_URL_SECRET: randomBytes(32).toString('hex') };
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let mediaId: string;
  let noSkip: VideoLesson;
  let skip: VideoLesson;
  let studentCount = 0;

  beforeAll(async () => {
    t = await startTestApp({ env });
    trainer = await t.login('trainer1');
    admin = await t.login('admin');
    mediaId = (await uploadVideo(t, trainer, await makeSampleVideo(samples, 'mp4', DURATION))).id;
    noSkip = await makeVideoLesson(t, trainer, { mediaId, studentIds: [], title: '不可快进' });
    skip = await makeVideoLesson(t, trainer, { mediaId, studentIds: [], allowSkipAhead: true, title: '可快进' });
  });
  afterAll(async () => {
    await t.close();
    removeDirs(dataDir, samples);
  });

  /** A fresh student enrolled in both lessons' courses, so that tests never share sessions. */
  async function newStudent(): Promise<{ id: string; token: string }> {
    const student = await makeStudent(t, admin, `viewer${++studentCount}`);
    for (const lesson of [noSkip, skip]) {
      await as(t, trainer).post(`/api/courses/${lesson.courseId}/enrollments`).send({ studentIds: [student.id] }).expect(200);
    }
    return student;
  }

  const open = async (token: string, lesson: VideoLesson = noSkip, app: TestApp = t) =>
    (await as(app, token).post(`/api/lessons/${lesson.lessonId}/playback`).expect(201)).body as { sessionId: string; resumeAt: number; durationSeconds: number };

  const beat = (token: string, sessionId: string, b: Beat, app: TestApp = t) =>
    as(app, token)
      .post(`/api/playback/${sessionId}/heartbeat`)
      .send({ playbackRate: 1, visible: true, ...b });

  it('opens a session with a signed stream URL, the duration and where to resume', async () => {
    const student = await newStudent();
    const res = await as(t, student.token).post(`/api/lessons/${noSkip.lessonId}/playback`).expect(201);
    expect(res.body).toMatchObject({
      sessionId: expect.any(String),
      streamUrl: expect.stringMatching(new RegExp(`^/media/${mediaId}/stream\\?`)),
      durationSeconds: DURATION,
      resumeAt: 0,
      watchedSeconds: 0,
      completed: false,
    });
  });

  it('credits a claim of 600 s after 10 s of server time at most 10 × max rate + tolerance', async () => {
    const student = await newStudent();
    const { sessionId } = await open(student.token);
    await letTimePass(t, sessionId, 10);
    const res = await beat(student.token, sessionId, { fromSecond: 0, toSecond: 600, clientSeq: 1 }).expect(200);
    expect(res.body.creditedSeconds).toBeGreaterThanOrEqual(10 * MAX_RATE);
    expect(res.body.creditedSeconds).toBeLessThanOrEqual(10 * MAX_RATE + TOLERANCE + 0.5); // + the test's own few ms
    expect(res.body.refused).toEqual([{ reason: 'budget', seconds: expect.any(Number) }]);
    expect(res.body.retry).toEqual([{ fromSecond: res.body.creditedSeconds, toSecond: 600 }]);
  });

  it('credits nothing while the page is hidden', async () => {
    const student = await newStudent();
    const { sessionId } = await open(student.token);
    await letTimePass(t, sessionId, 30);
    const res = await beat(student.token, sessionId, { fromSecond: 0, toSecond: 10, clientSeq: 1, visible: false }).expect(200);
    expect(res.body).toMatchObject({ accepted: true, creditedSeconds: 0, watchedSeconds: 0, refused: [{ reason: 'hidden', seconds: 10 }], retry: [] });
  });

  it('credits nothing beyond the furthest point on a first viewing where skipping is forbidden, and credits it where allowed', async () => {
    const student = await newStudent();
    const first = await open(student.token, noSkip);
    await letTimePass(t, first.sessionId, 20);
    await beat(student.token, first.sessionId, { fromSecond: 0, toSecond: 10, clientSeq: 1 }).expect(200);
    await letTimePass(t, first.sessionId, 20);
    const skipped = await beat(student.token, first.sessionId, { fromSecond: 300, toSecond: 310, clientSeq: 2 }).expect(200);
    expect(skipped.body).toMatchObject({ creditedSeconds: 0, watchedSeconds: 10, refused: [{ reason: 'skip_ahead', seconds: 10 }] });

    const second = await open(student.token, skip);
    await letTimePass(t, second.sessionId, 20);
    const allowed = await beat(student.token, second.sessionId, { fromSecond: 300, toSecond: 310, clientSeq: 1 }).expect(200);
    expect(allowed.body).toMatchObject({ creditedSeconds: 10, watchedSeconds: 10 });
  });

  it('credits nothing for a repeated or older sequence number', async () => {
    const student = await newStudent();
    const { sessionId } = await open(student.token);
    await letTimePass(t, sessionId, 10);
    expect((await beat(student.token, sessionId, { fromSecond: 0, toSecond: 10, clientSeq: 5 }).expect(200)).body).toMatchObject({ accepted: true, creditedSeconds: 10 });
    await letTimePass(t, sessionId, 10);
    const replayed = await beat(student.token, sessionId, { fromSecond: 10, toSecond: 20, clientSeq: 5 }).expect(200);
    expect(replayed.body).toMatchObject({ accepted: false, creditedSeconds: 0, watchedSeconds: 10 });
    const older = await beat(student.token, sessionId, { fromSecond: 10, toSecond: 20, clientSeq: 4 }).expect(200);
    expect(older.body).toMatchObject({ accepted: false, creditedSeconds: 0 });
    expect((await beat(student.token, sessionId, { fromSecond: 10, toSecond: 20, clientSeq: 6 }).expect(200)).body).toMatchObject({ accepted: true, creditedSeconds: 10 });
  });

  it('ends the older session when a new one opens: its heartbeats get 409', async () => {
    const student = await newStudent();
    const older = await open(student.token, noSkip);
    const newer = await open(student.token, skip);
    const res = await beat(student.token, older.sessionId, { fromSecond: 0, toSecond: 10, clientSeq: 1 }).expect(409);
    expect(res.body.code).toBe('PLAYBACK_SESSION_ENDED');
    await beat(student.token, newer.sessionId, { fromSecond: 0, toSecond: 0, clientSeq: 1 }).expect(200);
    // Someone else's session does not exist for this student.
    const other = await newStudent();
    expect((await beat(other.token, newer.sessionId, { fromSecond: 0, toSecond: 0, clientSeq: 1 }).expect(404)).body.code).toBe('PLAYBACK_SESSION_NOT_FOUND');
  });

  it('recovers a lost heartbeat from the segments resent with the next one', async () => {
    const student = await newStudent();
    const { sessionId } = await open(student.token);
    await letTimePass(t, sessionId, 20); // the heartbeat for [0, 10) at 10 s never arrived
    const res = await beat(student.token, sessionId, { fromSecond: 10, toSecond: 20, clientSeq: 2, segments: [{ fromSecond: 0, toSecond: 10 }] }).expect(200);
    expect(res.body).toMatchObject({ creditedSeconds: 20, watchedSeconds: 20 });
  });

  it('counts a minute watched twice once, and resumes where the student left off', async () => {
    const student = await newStudent();
    let { sessionId } = await open(student.token);
    await letTimePass(t, sessionId, 60);
    await beat(student.token, sessionId, { fromSecond: 0, toSecond: 60, clientSeq: 1 }).expect(200);
    await letTimePass(t, sessionId, 60);
    const again = await beat(student.token, sessionId, { fromSecond: 0, toSecond: 60, clientSeq: 2 }).expect(200);
    expect(again.body).toMatchObject({ creditedSeconds: 0, watchedSeconds: 60, refused: [{ reason: 'already_watched', seconds: 60 }] });
    const reopened = await open(student.token);
    sessionId = reopened.sessionId;
    expect(reopened.resumeAt).toBe(60);
    const progress = await as(t, student.token).get(`/api/me/progress?courseId=${noSkip.courseId}`).expect(200);
    expect(progress.body.lessons).toEqual([
      expect.objectContaining({ lessonId: noSkip.lessonId, state: 'in_progress', watchedSeconds: 60, durationSeconds: DURATION, resumeAt: 60, completion: 0.0667 }),
    ]);
  });

  it('completes the lesson at 90 % and writes its credit to the hour ledger', async () => {
    const student = await newStudent();
    const { sessionId } = await open(student.token);
    await letTimePass(t, sessionId, 1000);
    const below = await beat(student.token, sessionId, { fromSecond: 0, toSecond: 809, clientSeq: 1 }).expect(200);
    expect(below.body).toMatchObject({ completed: false, justCompleted: false });
    await letTimePass(t, sessionId, 100);
    const done = await beat(student.token, sessionId, { fromSecond: 809, toSecond: 820, clientSeq: 2 }).expect(200);
    expect(done.body).toMatchObject({ completed: true, justCompleted: true, watchedSeconds: 820 });
    await letTimePass(t, sessionId, 100);
    expect((await beat(student.token, sessionId, { fromSecond: 820, toSecond: 900, clientSeq: 3 }).expect(200)).body).toMatchObject({ completed: true, justCompleted: false, completion: 1 });

    const transcript = await as(t, student.token).get('/api/me/transcript').expect(200);
    expect(transcript.body.entries).toEqual([
      expect.objectContaining({ systemCode: 'practical', minutes: 30, source: 'lesson_completion', referenceType: 'lesson', referenceId: noSkip.lessonId }),
    ]);
    const courses = await as(t, student.token).get('/api/me/courses').expect(200);
    expect(courses.body.items.find((c: { id: string }) => c.id === noSkip.courseId)).toMatchObject({ completedLessons: 1, lessonCount: 1, completion: 1, creditedMinutes: 30 });
  });

  it('completes once when 20 heartbeats cross the threshold together on two API instances: one ledger entry', async () => {
    const second = await startTestApp({ database: t.config.database.database, env });
    try {
      const student = await newStudent();
      const { sessionId } = await open(student.token);
      await letTimePass(t, sessionId, 1000);
      await beat(student.token, sessionId, { fromSecond: 0, toSecond: 800, clientSeq: 1 }).expect(200);
      await letTimePass(t, sessionId, 100);
      const racing = await Promise.all(
        Array.from({ length: 20 }, (_, i) => beat(student.token, sessionId, { fromSecond: 800, toSecond: 900, clientSeq: i + 2 }, i % 2 ? second : t)),
      );
      expect(racing.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(racing.filter((r) => r.body.justCompleted)).toHaveLength(1);
      expect(racing.every((r) => r.body.completed)).toBe(true);
      const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM hour_entry WHERE student_id = $1 AND reference_id = $2`, [student.id, noSkip.lessonId]);
      expect(n).toBe(1);
      const [progress] = await t.ds.query(`SELECT state, watched FROM lesson_progress WHERE student_id = $1 AND lesson_id = $2`, [student.id, noSkip.lessonId]);
      expect(progress).toEqual({ state: 'completed', watched: [[0, 900]] });
    } finally {
      await second.close();
    }
  });

  describe('bad heartbeat bodies get 400, never 500', () => {
    let student: { id: string; token: string };
    let sessionId: string;
    beforeAll(async () => {
      student = await newStudent();
      sessionId = (await open(student.token)).sessionId;
    });

    const valid = { fromSecond: 0, toSecond: 10, playbackRate: 1, visible: true, clientSeq: 1 };
    const cases: Array<[string, unknown]> = [
      ['negative fromSecond', { ...valid, fromSecond: -5 }],
      ['negative toSecond', { ...valid, fromSecond: 0, toSecond: -1 }],
      ['NaN as a string', { ...valid, toSecond: 'NaN' }],
      ['null for a number', { ...valid, fromSecond: null }],
      ['fromSecond after toSecond', { ...valid, fromSecond: 20, toSecond: 10 }],
      ['a huge number', { ...valid, toSecond: 1e308 }],
      ['beyond a day', { ...valid, toSecond: 86_401 }],
      ['numbers as strings', { ...valid, fromSecond: '0', toSecond: '10' }],
      ['visible as a string', { ...valid, visible: 'yes' }],
      ['negative clientSeq', { ...valid, clientSeq: -1 }],
      ['fractional clientSeq', { ...valid, clientSeq: 1.5 }],
      ['clientSeq beyond 32 bits', { ...valid, clientSeq: 2 ** 40 }],
      ['zero playback rate', { ...valid, playbackRate: 0 }],
      ['absurd playback rate', { ...valid, playbackRate: 1000 }],
      ['missing fields', { fromSecond: 0 }],
      ['an unknown field', { ...valid, credit: 900 }],
      ['segments not a list', { ...valid, segments: 'all of it' }],
      ['segments as tuples', { ...valid, segments: [[0, 10]] }],
      ['a segment running backwards', { ...valid, segments: [{ fromSecond: 10, toSecond: 0 }] }],
      ['a segment with an extra key', { ...valid, segments: [{ fromSecond: 0, toSecond: 1, credited: true }] }],
      ['a segment with a string', { ...valid, segments: [{ fromSecond: '0', toSecond: 1 }] }],
      ['too many segments', { ...valid, segments: Array.from({ length: 51 }, (_, i) => ({ fromSecond: i, toSecond: i + 1 })) }],
      ['a list instead of an object', [valid]],
    ];

    it.each(cases)('%s', async (_name, body) => {
      const res = await as(t, student.token).post(`/api/playback/${sessionId}/heartbeat`).send(body as object);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });

    it('malformed JSON and a malformed session id', async () => {
      const json = await as(t, student.token).post(`/api/playback/${sessionId}/heartbeat`).set('Content-Type', 'application/json').send('{"fromSecond": 1,');
      expect({ status: json.status, code: json.body.code }).toEqual({ status: 400, code: 'MALFORMED_BODY' });
      const id = await as(t, student.token).post('/api/playback/not-a-session/heartbeat').send(valid);
      expect({ status: id.status, code: id.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });
  });

  it('refuses playback of a lesson without video, and of one the student cannot see', async () => {
    const student = await newStudent();
    const api = as(t, trainer);
    const course = await api.post('/api/courses').send({ systemCode: 'general', title: '无视频' }).expect(201);
    const module = await api.post(`/api/courses/${course.body.id}/modules`).send({ title: '模块' }).expect(201);
    const lesson = await api.post(`/api/modules/${module.body.id}/lessons`).send({ title: '阅读', mode: 'reading', creditMinutes: 10 }).expect(201);
    await api.post(`/api/courses/${course.body.id}/publish`).expect(200);
    await api.post(`/api/courses/${course.body.id}/enrollments`).send({ studentIds: [student.id] }).expect(200);
    expect((await as(t, student.token).post(`/api/lessons/${lesson.body.id}/playback`).expect(409)).body.code).toBe('LESSON_NOT_PLAYABLE');
    const unknown = await as(t, student.token).post('/api/lessons/00000000-0000-4000-8000-000000000000/playback').expect(404);
    expect(unknown.body.code).toBe('LESSON_NOT_FOUND');
  });
});
