import { as } from '../support/media';
import { startTestApp, TestApp } from '../support/test-app';

interface LessonInfo {
  id: string;
  mode: string;
  creditMinutes: number;
}

describe('reading and self-study lessons, and progress views', () => {
  let t: TestApp;
  let student: string;
  let studentId: string;
  let courseId: string;
  let lessons: LessonInfo[];

  beforeAll(async () => {
    t = await startTestApp();
    student = await t.login('student2');
    studentId = (await as(t, student).get('/api/me').expect(200)).body.id;
    const list = await as(t, student).get('/api/courses?system=practical').expect(200);
    courseId = list.body.items[0].id;
    const course = await as(t, student).get(`/api/courses/${courseId}`).expect(200);
    lessons = course.body.modules.flatMap((m: { lessons: LessonInfo[] }) => m.lessons);
  });
  afterAll(() => t.close());

  const lessonOf = (mode: string, index = 0) => lessons.filter((l) => l.mode === mode)[index];
  /** Lets time pass since the student opened a lesson, without waiting. */
  const openedAgo = (lessonId: string, seconds: number) =>
    t.ds.query(`UPDATE lesson_progress SET opened_at = opened_at - make_interval(secs => $3) WHERE student_id = $1 AND lesson_id = $2`, [studentId, lessonId, seconds]);
  const ledgerLines = async (lessonId: string) =>
    (await t.ds.query(`SELECT COUNT(*)::int AS n FROM hour_entry WHERE student_id = $1 AND reference_id = $2`, [studentId, lessonId]))[0].n;

  it('completes a reading lesson only a minimum time after it was opened, then credits it once', async () => {
    const reading = lessonOf('reading');
    const notOpened = await as(t, student).post(`/api/lessons/${reading.id}/complete`).expect(409);
    expect(notOpened.body.code).toBe('LESSON_NOT_OPENED');

    const opened = await as(t, student).post(`/api/lessons/${reading.id}/open`).expect(200);
    expect(opened.body).toMatchObject({ lessonId: reading.id, state: 'in_progress', completedAt: null });
    expect(Date.parse(opened.body.completableAt) - Date.parse(opened.body.openedAt)).toBe(60_000);

    const early = await as(t, student).post(`/api/lessons/${reading.id}/complete`).expect(409);
    expect(early.body).toMatchObject({ code: 'LESSON_COMPLETED_TOO_EARLY', completableAt: opened.body.completableAt });
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(50);

    // Opening again does not restart (or shorten) the wait.
    const reopened = await as(t, student).post(`/api/lessons/${reading.id}/open`).expect(200);
    expect(reopened.body.openedAt).toBe(opened.body.openedAt);

    await openedAgo(reading.id, 61);
    const done = await as(t, student).post(`/api/lessons/${reading.id}/complete`).expect(200);
    expect(done.body).toMatchObject({ state: 'completed', completedAt: expect.any(String) });
    const again = await as(t, student).post(`/api/lessons/${reading.id}/complete`).expect(200);
    expect(again.body.completedAt).toBe(done.body.completedAt);
    expect(await ledgerLines(reading.id)).toBe(1);
    const transcript = await as(t, student).get('/api/me/transcript').expect(200);
    expect(transcript.body.entries[0]).toMatchObject({ systemCode: 'practical', minutes: reading.creditMinutes, source: 'lesson_completion' });
  });

  it('credits a self-study lesson once however many completions race', async () => {
    const selfStudy = lessonOf('self_study');
    await as(t, student).post(`/api/lessons/${selfStudy.id}/open`).expect(200);
    await openedAgo(selfStudy.id, 120);
    const results = await Promise.all(Array.from({ length: 10 }, () => as(t, student).post(`/api/lessons/${selfStudy.id}/complete`)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await ledgerLines(selfStudy.id)).toBe(1);
  });

  it('completes only reading and self-study lessons this way', async () => {
    const video = lessonOf('video');
    await as(t, student).post(`/api/lessons/${video.id}/open`).expect(200);
    expect((await as(t, student).post(`/api/lessons/${video.id}/complete`).expect(409)).body.code).toBe('LESSON_NOT_SELF_PACED');
    const exam = lessonOf('exam');
    expect((await as(t, student).post(`/api/lessons/${exam.id}/complete`).expect(409)).body.code).toBe('LESSON_NOT_SELF_PACED');
  });

  it('refuses a student who is not enrolled', async () => {
    const trainer = await t.login('trainer1');
    const api = as(t, trainer);
    const course = await api.post('/api/courses').send({ systemCode: 'general', title: '未选课程' }).expect(201);
    const module = await api.post(`/api/courses/${course.body.id}/modules`).send({ title: '模块' }).expect(201);
    const lesson = await api.post(`/api/modules/${module.body.id}/lessons`).send({ title: '阅读', mode: 'reading', creditMinutes: 0 }).expect(201);
    await api.post(`/api/courses/${course.body.id}/publish`).expect(200);
    expect((await as(t, student).post(`/api/lessons/${lesson.body.id}/open`).expect(403)).body.code).toBe('NOT_ENROLLED');
    expect((await as(t, student).get(`/api/me/progress?courseId=${course.body.id}`).expect(404)).body.code).toBe('COURSE_NOT_FOUND');

    // Enrolled, a lesson worth 0 minutes completes without a ledger line.
    await api.post(`/api/courses/${course.body.id}/enrollments`).send({ studentIds: [studentId] }).expect(200);
    await as(t, student).post(`/api/lessons/${lesson.body.id}/open`).expect(200);
    await openedAgo(lesson.body.id, 61);
    await as(t, student).post(`/api/lessons/${lesson.body.id}/complete`).expect(200);
    expect(await ledgerLines(lesson.body.id)).toBe(0);
  });

  it('shows every lesson of a course with its state, and each enrolled course with its completion', async () => {
    const progress = await as(t, student).get(`/api/me/progress?courseId=${courseId}`).expect(200);
    expect(progress.body).toMatchObject({ courseId, version: 1, lessonCount: lessons.length, completedLessons: 2 });
    const byId = new Map(progress.body.lessons.map((l: { lessonId: string }) => [l.lessonId, l]));
    expect(byId.get(lessonOf('reading').id)).toMatchObject({ state: 'completed', completion: 1, watchedSeconds: 0 });
    expect(byId.get(lessonOf('video').id)).toMatchObject({ state: 'in_progress', completion: 0, resumeAt: 0 });
    expect(byId.get(lessonOf('video', 1).id)).toMatchObject({ state: 'not_started', openedAt: null, completedAt: null });

    const courses = await as(t, student).get('/api/me/courses').expect(200);
    const practical = courses.body.items.find((c: { id: string }) => c.id === courseId);
    const credited = lessonOf('reading').creditMinutes + lessonOf('self_study').creditMinutes;
    expect(practical).toMatchObject({ lessonCount: lessons.length, startedLessons: 3, completedLessons: 2, creditedMinutes: credited });
    expect(practical.completion).toBeCloseTo(2 / lessons.length, 3);
    expect(courses.body.total).toBeGreaterThan(1);
    expect((await as(t, student).get('/api/me/progress').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
