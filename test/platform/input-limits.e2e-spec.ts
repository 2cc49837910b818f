import { startTestApp, TestApp } from '../support/test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A JSON text of `depth` nested arrays around one number. */
const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);
/** A JSON object whose field `a` holds `depth - 1` nested arrays (so the whole body is `depth` deep). */
const nestedField = (depth: number) => `{"username":"a","password":"b","a":${nested(depth - 1)}}`;

/** The input limits every route shares: nesting depth, null where a value is required, body types, date-times. */
describe('input limits', () => {
  let t: TestApp;
  let trainer: string;
  let lessonId: string;
  let courseId: string;
  let bankId: string;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await t.login('trainer1');
    courseId = (await t.http().post('/api/courses').set(auth(trainer)).send({ systemCode: 'general', title: '输入限制' }).expect(201)).body.id;
    const moduleId = (await t.http().post(`/api/courses/${courseId}/modules`).set(auth(trainer)).send({ title: '模块' }).expect(201)).body.id;
    lessonId = (await t.http().post(`/api/modules/${moduleId}/lessons`).set(auth(trainer)).send({ title: '课', mode: 'offline', creditMinutes: 60 }).expect(201))
      .body.id;
    bankId = (await t.http().post('/api/question-banks').set(auth(trainer)).send({ title: '输入限制题库' }).expect(201)).body.id;
    await t.http().post(`/api/question-banks/${bankId}/questions`).set(auth(trainer))
      .send({ type: 'true_false', stem: '服务要耐心。', answer: true, points: 1 }).expect(201);
  });
  afterAll(() => t.close());

  describe('JSON nesting depth', () => {
    it('refuses 1,500 levels on the anonymous login route with 400 JSON_TOO_DEEP', async () => {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(nestedField(1500));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'JSON_TOO_DEEP' });
      expect(res.body.message).toMatch(/32/);
    });

    it('refuses 1,500 levels of bare arrays on an authenticated PATCH route', async () => {
      const res = await t.http().patch(`/api/lessons/${lessonId}`).set(auth(trainer)).set('Content-Type', 'application/json').send(nested(1500));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'JSON_TOO_DEEP' });
    });

    it('reads 32 levels (validation answers) and refuses 33', async () => {
      const ok = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(nestedField(32));
      expect({ status: ok.status, code: ok.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      const deep = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(nestedField(33));
      expect({ status: deep.status, code: deep.body.code }).toEqual({ status: 400, code: 'JSON_TOO_DEEP' });
    });

    it('does not count brackets inside strings', async () => {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json')
        .send(JSON.stringify({ username: '['.repeat(60) + '"{', password: 'x' }));
      expect(res.status).toBe(401);
    });
  });

  describe('null where a value is required', () => {
    it.each([
      ['title', { title: null }],
      ['creditMinutes', { creditMinutes: null }],
      ['mode', { mode: null }],
      ['allowSkipAhead', { allowSkipAhead: null }],
      ['moduleId', { moduleId: null }],
    ])('PATCH a lesson with %s: null is 400 naming the field', async (field, body) => {
      const res = await t.http().patch(`/api/lessons/${lessonId}`).set(auth(trainer)).send(body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toContain(`${field}: ${field} must not be null`);
    });

    it.each([['description'], ['title'], ['objectives'], ['delivery']])('PATCH a course with %s: null is 400', async (field) => {
      const res = await t.http().patch(`/api/courses/${courseId}`).set(auth(trainer)).send({ [field]: null });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });

    it('PATCH a course with direction: null clears it (null is a value there)', async () => {
      await t.http().patch(`/api/courses/${courseId}`).set(auth(trainer)).send({ direction: 'visual_design', directionName: '视觉设计' }).expect(200);
      await t.http().patch(`/api/courses/${courseId}`).set(auth(trainer)).send({ direction: null, directionName: null }).expect(200);
      const course = (await t.http().get(`/api/courses/${courseId}`).set(auth(trainer)).expect(200)).body;
      expect(course.direction ?? null).toBeNull();
    });

    it.each([['maxAttempts'], ['reviewPolicy'], ['shuffleQuestions'], ['description'], ['timeLimitMinutes'], ['opensAt'], ['cohortIds']])(
      'creating an exam with %s: null is 400, not a database error',
      async (field) => {
        const body = { title: '空值', passScore: 60, timeLimitMinutes: 10, draw: [{ bankId, count: 1 }], [field]: null };
        const res = await t.http().post('/api/exams').set(auth(trainer)).send(body);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.message).toContain(`${field} must not be null`);
      },
    );
  });

  describe('body types', () => {
    it.each([
      ['text/plain', 'title=x'],
      ['application/xml', '<course><title>x</title></course>'],
      ['application/x-www-form-urlencoded', 'title=x&systemCode=general'],
    ])('answers a %s body on a JSON route with 415', async (type, body) => {
      const res = await t.http().post('/api/courses').set(auth(trainer)).set('Content-Type', type).send(body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(res.body.message).toContain('application/json');
    });

    it('answers a JSON body on the CSV-only user import with 415', async () => {
      const admin = await t.login('admin');
      const res = await t.http().post('/api/users/import').set(auth(admin)).send({ rows: [] });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('still reads application/json with a charset, and bodiless POSTs', async () => {
      await t.http().post('/api/courses').set(auth(trainer)).set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ systemCode: 'general', title: '字符集' })).expect(201);
      const res = await t.http().post(`/api/courses/${courseId}/publish`).set(auth(trainer));
      expect(res.status).not.toBe(415);
    });
  });

  describe('date-times', () => {
    it('says that an exam window without a time-zone offset lacks the offset', async () => {
      const body = { title: '时区', passScore: 60, timeLimitMinutes: 10, draw: [{ bankId, count: 1 }], opensAt: '2026-12-01T09:00:00' };
      const res = await t.http().post('/api/exams').set(auth(trainer)).send(body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toContain('opensAt has no time-zone offset');
    });

    it('accepts an exam window with an offset', async () => {
      const body = { title: '时区', passScore: 60, timeLimitMinutes: 10, draw: [{ bankId, count: 1 }], opensAt: '2026-12-01T09:00:00+08:00', closesAt: '2026-12-02T09:00:00Z' };
      await t.http().post('/api/exams').set(auth(trainer)).send(body).expect(201);
    });

    it('says the same for a class session start', async () => {
      const general = (await t.http().post('/api/courses').set(auth(trainer)).send({ systemCode: 'general', title: '课堂' }).expect(201)).body.id;
      const res = await t.http().post('/api/class-sessions').set(auth(trainer))
        .send({ courseId: general, startsAt: '2026-03-01T14:00', durationMinutes: 60, place: '教室', delivery: 'offline' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toContain('startsAt has no time-zone offset');
    });

    it('refuses a date that does not exist', async () => {
      const body = { title: '时区', passScore: 60, timeLimitMinutes: 10, draw: [{ bankId, count: 1 }], opensAt: '2026-02-30T09:00:00+08:00' };
      const res = await t.http().post('/api/exams').set(auth(trainer)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('not a real date');
    });
  });
});
