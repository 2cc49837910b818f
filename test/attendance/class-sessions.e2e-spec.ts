import { startTestApp, TestApp } from '../support/test-app';
import { Caller, caller, codeOf, lessonsOf, makeGeneralCourse, scheduleSession, userId } from './attendance-fixtures';

describe('class sessions and the classroom screen', () => {
  let t: TestApp;
  let trainer: Caller;
  let student: Caller;
  let outsider: Caller;
  let courseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = caller(t, await t.login('trainer1'));
    const s = await t.login('student1');
    student = caller(t, s);
    outsider = caller(t, await t.login('student5'));
    courseId = await makeGeneralCourse(trainer, [await userId(t, s)], '团队协作（线下）');
  });
  afterAll(() => t.close());

  it('schedules a session of a general course, crediting its duration unless told otherwise', async () => {
    const startsAt = '2026-03-01T14:00:00+08:00';
    const res = await trainer
      .post('/api/class-sessions')
      .send({ courseId, title: '第 1 次课', startsAt, durationMinutes: 120, place: '孵化基地 2 号培训室', delivery: 'blended' })
      .expect(201);
    expect(res.body).toMatchObject({
      courseId,
      courseTitle: '团队协作（线下）',
      title: '第 1 次课',
      startsAt: '2026-03-01T06:00:00.000Z',
      endsAt: '2026-03-01T08:00:00.000Z',
      durationMinutes: 120,
      place: '孵化基地 2 号培训室',
      delivery: 'blended',
      creditMinutes: 120,
      hours: 2,
      checkIn: { open: false, opensAt: '2026-03-01T05:45:00.000Z', closesAt: '2026-03-01T08:00:00.000Z', openedAt: null },
    });
    const custom = await trainer
      .post('/api/class-sessions')
      .send({ courseId, startsAt: '2026-03-02T14:00:00+08:00', durationMinutes: 100, place: '线上会议室', delivery: 'offline', creditMinutes: 90 })
      .expect(201);
    expect(custom.body).toMatchObject({ creditMinutes: 90, hours: 1.5, title: null });
  });

  it('refuses to schedule a session for a course of another system, or an unknown course', async () => {
    const practical = await trainer.post('/api/courses').send({ systemCode: 'practical', title: '实务技巧补充课' }).expect(201);
    const body = { startsAt: '2026-03-01T14:00:00+08:00', durationMinutes: 120, place: '培训室', delivery: 'offline' };
    expect((await trainer.post('/api/class-sessions').send({ ...body, courseId: practical.body.id }).expect(400)).body.code).toBe('COURSE_NOT_GENERAL');
    expect((await trainer.post('/api/class-sessions').send({ ...body, courseId: '00000000-0000-4000-8000-000000000000' }).expect(404)).body.code).toBe('COURSE_NOT_FOUND');
  });

  it('lists the sessions of a course by start time, to trainers and enrolled students only', async () => {
    const own = await makeGeneralCourse(trainer, [], '排序课程');
    const later = await scheduleSession(trainer, own, { startsInMinutes: 600 });
    const sooner = await scheduleSession(trainer, own, { startsInMinutes: 60 });
    const list = await trainer.get(`/api/courses/${own}/class-sessions`).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([sooner, later]);
    await student.get(`/api/courses/${courseId}/class-sessions`).expect(200);
    expect((await outsider.get(`/api/courses/${courseId}/class-sessions`).expect(403)).body.code).toBe('NOT_ENROLLED');
  });

  it('opens check-in once, keeps its opening, and returns a screen link that shows the code as a QR code', async () => {
    const sessionId = await scheduleSession(trainer, courseId);
    const first = await trainer.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    const second = await trainer.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    expect(second.body.checkIn.openedAt).toBe(first.body.checkIn.openedAt);
    expect(first.body).toMatchObject({ sessionId, stepSeconds: 30, screenUrl: expect.stringMatching(new RegExp(`^/class-sessions/${sessionId}/screen\\?exp=\\d+&sig=[\\w-]{43}$`)) });
    const [{ check_in_opened_at: openedAt }] = await t.ds.query(`SELECT check_in_opened_at FROM class_session WHERE id = $1`, [sessionId]);
    expect(openedAt.toISOString()).toBe(first.body.checkIn.openedAt);

    const page = await t.http().get(first.body.screenUrl).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('团队协作（线下）');
    expect(page.text).toContain('签到码');
    expect(page.text).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(page.text).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    const current = [codeOf(t, sessionId), codeOf(t, sessionId, 1)].map((c) => `${c.slice(0, 3)}<span> </span>${c.slice(3)}`);
    expect(current.some((c) => page.text.includes(c))).toBe(true);
  });

  it('refuses a tampered or foreign screen link, and says when check-in is closed', async () => {
    const own = await makeGeneralCourse(trainer, [], '屏幕链接课程');
    const sessionId = await scheduleSession(trainer, own);
    const other = await scheduleSession(trainer, own, { startsInMinutes: 600 });
    const opened = await trainer.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    const url: string = opened.body.screenUrl;
    const tampered = url.replace(/exp=(\d+)/, (_, exp) => `exp=${Number(exp) + 3600}`);
    expect((await t.http().get(tampered).expect(403)).body.code).toBe('SCREEN_LINK_INVALID');
    expect((await t.http().get(url.replace(sessionId, other)).expect(403)).body.code).toBe('SCREEN_LINK_INVALID');
    await trainer.del(`/api/class-sessions/${sessionId}/check-in-code`).expect(204);
    const closed = await t.http().get(url).expect(200);
    expect(closed.text).toContain('讲师已关闭签到');
    expect(closed.text).not.toContain('data:image/svg+xml');
  });

  it('refuses a session that overlaps another of the same course with 409 SESSION_OVERLAP, even when requests race', async () => {
    // 百年校园-有效沟通 is a 4-hour course: three sessions at the same time once gave 6 hours.
    const own = await makeGeneralCourse(trainer, [], '有效沟通（4 学时）', 2);
    const body = { courseId: own, startsAt: '2026-04-01T14:00:00+08:00', durationMinutes: 120, place: '培训室', delivery: 'offline' };
    await trainer.post('/api/class-sessions').send(body).expect(201);
    for (const startsAt of ['2026-04-01T14:00:00+08:00', '2026-04-01T15:59:00+08:00', '2026-04-01T12:01:00+08:00']) {
      const refused = await trainer.post('/api/class-sessions').send({ ...body, startsAt }).expect(409);
      expect(refused.body).toMatchObject({ statusCode: 409, code: 'SESSION_OVERLAP' });
    }
    const contained = await trainer.post('/api/class-sessions').send({ ...body, startsAt: '2026-04-01T14:30:00+08:00', durationMinutes: 30 }).expect(409);
    expect(contained.body.code).toBe('SESSION_OVERLAP');
    // Back to back is not an overlap, and another course may meet at the same time.
    await trainer.post('/api/class-sessions').send({ ...body, startsAt: '2026-04-01T16:00:00+08:00' }).expect(201);
    await trainer.post('/api/class-sessions').send({ ...body, courseId }).expect(201);

    const raced = await makeGeneralCourse(trainer, [], '并发排课');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => trainer.post('/api/class-sessions').send({ ...body, courseId: raced })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'SESSION_OVERLAP')).toBe(true);
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM class_session WHERE course_id = $1`, [raced]);
    expect(n).toBe(1);
  });

  it('links a session to a lesson of its course, and refuses a lesson of another course', async () => {
    const own = await makeGeneralCourse(trainer, [], '课时关联', 2);
    const [first] = await lessonsOf(trainer, own);
    const [foreign] = await lessonsOf(trainer, courseId);
    const body = { courseId: own, startsAt: '2026-05-01T14:00:00+08:00', durationMinutes: 120, place: '培训室', delivery: 'offline' };
    const linked = await trainer.post('/api/class-sessions').send({ ...body, lessonId: first.id }).expect(201);
    expect(linked.body).toMatchObject({ courseId: own, lessonId: first.id });
    const refused = await trainer.post('/api/class-sessions').send({ ...body, startsAt: '2026-05-02T14:00:00+08:00', lessonId: foreign.id }).expect(400);
    expect(refused.body.code).toBe('LESSON_NOT_IN_COURSE');
  });
});
