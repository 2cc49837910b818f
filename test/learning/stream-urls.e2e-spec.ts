import { MediaUrlSigner } from '../../src/media/media-url-signer';
import { as, letTimePass, makeSampleVideo, makeStudent, makeVideoLesson, removeDirs, scratchDir, uploadVideo, VideoLesson } from '../support/media';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Stream links live as long as a playback session needs (MEDIA_URL_TTL_SECONDS, default 300 s),
 * heartbeats bring fresh ones, and unenrolment ends the student's playback at once: today a link
 * kept streaming for 4 hours after its student was unenrolled.
 */
describe('stream URLs: short-lived, renewed by heartbeats, revoked by unenrolment', () => {
  const dataDir = scratchDir('streamurl-data');
  const samples = scratchDir('streamurl-samples');
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let mediaId: string;
  let courseA: VideoLesson;
  let courseB: VideoLesson;
  let count = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: { DATA_DIR: dataDir } }); // MEDIA_URL_TTL_SECONDS left at its default
    trainer = await t.login('trainer1');
    admin = await t.login('admin');
    mediaId = (await uploadVideo(t, trainer, await makeSampleVideo(samples, 'mp4', 120))).id;
    courseA = await makeVideoLesson(t, trainer, { mediaId, studentIds: [], title: '课程甲' });
    courseB = await makeVideoLesson(t, trainer, { mediaId, studentIds: [], title: '课程乙' });
  });
  afterAll(async () => {
    await t.close();
    removeDirs(dataDir, samples);
  });

  async function newStudent(): Promise<{ id: string; token: string }> {
    const s = await makeStudent(t, admin, `streamer${++count}`);
    for (const c of [courseA, courseB]) await as(t, trainer).post(`/api/courses/${c.courseId}/enrollments`).send({ studentIds: [s.id] }).expect(200);
    return s;
  }

  const open = async (token: string, lesson: VideoLesson) =>
    (await as(t, token).post(`/api/lessons/${lesson.lessonId}/playback`).expect(201)).body as { sessionId: string; streamUrl: string; streamUrlExpiresAt: string };
  const beat = (token: string, sessionId: string, clientSeq: number) =>
    as(t, token).post(`/api/playback/${sessionId}/heartbeat`).send({ fromSecond: (clientSeq - 1) * 10, toSecond: clientSeq * 10, clientSeq, playbackRate: 1, visible: true });
  const stream = (url: string) => t.http().get(url).set('Range', 'bytes=0-99');

  it('hands out links that live 300 s by default, and a fresh one with every heartbeat', async () => {
    const student = await newStudent();
    const before = Date.now();
    const session = await open(student.token, courseA);
    const ttl = (new Date(session.streamUrlExpiresAt).getTime() - before) / 1000;
    expect(ttl).toBeGreaterThan(290);
    expect(ttl).toBeLessThanOrEqual(301);
    expect(Number(new URL(session.streamUrl, 'http://x').searchParams.get('exp')) * 1000).toBe(new Date(session.streamUrlExpiresAt).getTime());
    await stream(session.streamUrl).expect(206);

    await new Promise((r) => setTimeout(r, 1100)); // the next link expires at least a second later
    await letTimePass(t, session.sessionId, 10);
    const res = await beat(student.token, session.sessionId, 1).expect(200);
    expect(res.body).toMatchObject({ accepted: true, streamUrl: expect.stringMatching(new RegExp(`^/media/${mediaId}/stream\\?`)) });
    expect(new Date(res.body.streamUrlExpiresAt).getTime()).toBeGreaterThan(new Date(session.streamUrlExpiresAt).getTime());
    expect(new Date(res.body.streamUrlExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    await stream(res.body.streamUrl).expect(206);

    // A link of this very session, signed a little over 300 s ago, no longer streams: renewal is what keeps playback going.
    const stale = t.app.get(MediaUrlSigner).sign(mediaId, student.id, Date.now() - 301_000, session.sessionId).url;
    expect((await stream(stale).expect(403)).body.code).toBe('MEDIA_URL_EXPIRED');
  });

  it('ends playback at once when the student is unenrolled: links and heartbeats get 403 PLAYBACK_ACCESS_REVOKED', async () => {
    const student = await newStudent();
    const other = await newStudent();
    // An earlier session of course A (ended when course B's opened) and the active one of course A.
    const earlier = await open(student.token, courseA);
    await open(student.token, courseB);
    const session = await open(student.token, courseA);
    const theirs = await open(other.token, courseA);
    await letTimePass(t, session.sessionId, 10);
    const renewed = (await beat(student.token, session.sessionId, 1).expect(200)).body.streamUrl as string;
    for (const url of [earlier.streamUrl, session.streamUrl, renewed]) await stream(url).expect(206);

    // Only staff unenrol.
    await as(t, student.token).delete(`/api/courses/${courseA.courseId}/enrollments/${student.id}`).expect(403);
    await as(t, trainer).delete(`/api/courses/${courseA.courseId}/enrollments/${student.id}`).expect(204);

    for (const url of [earlier.streamUrl, session.streamUrl, renewed]) {
      const res = await stream(url).expect(403);
      expect(res.body.code).toBe('PLAYBACK_ACCESS_REVOKED');
    }
    await letTimePass(t, session.sessionId, 10);
    const refused = await beat(student.token, session.sessionId, 2).expect(403);
    expect(refused.body.code).toBe('PLAYBACK_ACCESS_REVOKED');
    expect((await as(t, student.token).post(`/api/lessons/${courseA.lessonId}/playback`).expect(403)).body.code).toBe('NOT_ENROLLED');

    // Nobody else's playback, and not their other course's: a new session of course B streams.
    await stream(theirs.streamUrl).expect(206);
    await stream((await open(student.token, courseB)).streamUrl).expect(206);

    const again = await as(t, trainer).delete(`/api/courses/${courseA.courseId}/enrollments/${student.id}`).expect(404);
    expect(again.body.code).toBe('ENROLLMENT_NOT_FOUND');
    await as(t, trainer).delete(`/api/courses/00000000-0000-4000-8000-000000000000/enrollments/${student.id}`).expect(404);
    await as(t, trainer).delete(`/api/courses/${courseA.courseId}/enrollments/not-a-uuid`).expect(400);

    // Enrolled again: a new session streams; the revoked links stay dead.
    await as(t, trainer).post(`/api/courses/${courseA.courseId}/enrollments`).send({ studentIds: [student.id] }).expect(200);
    const back = await open(student.token, courseA);
    await stream(back.streamUrl).expect(206);
    expect((await stream(renewed).expect(403)).body.code).toBe('PLAYBACK_ACCESS_REVOKED');
  });
});
