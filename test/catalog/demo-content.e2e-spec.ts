import { CurriculumSeeder } from '../../src/seeding/curriculum-seeder.service';
import { DEMO_SAMPLE_NAME, DEMO_SAMPLE_SECONDS } from '../../src/seeding/demo-lesson-content';
import { as } from '../support/media';
import { startTestApp, TestApp } from '../support/test-app';

interface SeededLesson {
  id: string;
  mode: string;
  mediaId: string | null;
  durationSeconds: number | null;
  body: string;
}

const seededLessons = async (t: TestApp): Promise<SeededLesson[]> =>
  t.ds.query(
    `SELECT l.id, l.mode, l.media_id AS "mediaId", l.duration_seconds AS "durationSeconds", l.body
       FROM lesson l JOIN course c ON c.id = l.course_id WHERE c.seed_key IS NOT NULL AND l.archived_at IS NULL`,
  );

describe('demo mode: every seeded lesson can be gone through', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives every seeded video lesson the one sample video, playable from its signed stream link', async () => {
    const lessons = await seededLessons(t);
    const videos = lessons.filter((l) => l.mode === 'video');
    expect(videos.length).toBeGreaterThan(80);
    expect(new Set(videos.map((l) => l.mediaId)).size).toBe(1);
    expect(videos.every((l) => l.durationSeconds === DEMO_SAMPLE_SECONDS)).toBe(true);

    const student = await t.login('student1');
    const playback = await as(t, student).post(`/api/lessons/${videos[0].id}/playback`).expect(201);
    expect(playback.body).toMatchObject({ durationSeconds: DEMO_SAMPLE_SECONDS, resumeAt: 0 });
    const head = await t.http().get(playback.body.streamUrl).set('Range', 'bytes=0-1023').buffer(true).expect(206);
    expect(head.headers['content-type']).toBe('video/mp4');
    expect(head.body.subarray(4, 8).toString('latin1')).toBe('ftyp');

    const trainer = await t.login('trainer1');
    const media = await as(t, trainer).get(`/api/media/${videos[0].mediaId}`).expect(200);
    expect(media.body).toMatchObject({ container: 'mp4', originalName: DEMO_SAMPLE_NAME, uploadedBy: null });
  });

  it('gives every reading and self-study lesson a Chinese text, shown in the published course', async () => {
    const selfPaced = (await seededLessons(t)).filter((l) => l.mode === 'reading' || l.mode === 'self_study');
    expect(selfPaced.length).toBeGreaterThan(0);
    for (const l of selfPaced) expect(l.body).toMatch(/[\u4e00-\u9fff]{20}/);
    const student = await t.login('student1');
    const list = await as(t, student).get('/api/courses?system=practical').expect(200);
    const course = await as(t, student).get(`/api/courses/${list.body.items[0].id}`).expect(200);
    const reading = course.body.modules.flatMap((m: { lessons: SeededLesson[] }) => m.lessons).find((l: SeededLesson) => l.mode === 'reading');
    expect(reading.body).toContain('学习要点');
  });

  it('fills a database seeded before the demo content as a new version, with the same sample, once', async () => {
    const videoCourses = await t.ds.query(`SELECT DISTINCT course_id FROM lesson WHERE mode IN ('video', 'reading', 'self_study')`);
    await t.ds.query(`UPDATE lesson SET media_id = NULL, duration_seconds = NULL, body = '' WHERE course_id IN (SELECT id FROM course WHERE seed_key IS NOT NULL)`);
    const versionsBefore = Number((await t.ds.query(`SELECT COUNT(*) AS n FROM course_version`))[0].n);
    const report = await t.app.get(CurriculumSeeder).run();
    expect(report.created.versions).toBe(videoCourses.length);
    const lessons = await seededLessons(t);
    expect(lessons.filter((l) => l.mode === 'video').every((l) => l.mediaId !== null)).toBe(true);
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM media WHERE original_name = $1`, [DEMO_SAMPLE_NAME]);
    expect(n).toBe(1);
    expect(Number((await t.ds.query(`SELECT COUNT(*) AS n FROM course_version`))[0].n)).toBe(versionsBefore + videoCourses.length);
    const again = await t.app.get(CurriculumSeeder).run();
    expect(again.created.versions).toBe(0);
  });
});
