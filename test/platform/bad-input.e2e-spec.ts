import { type BadInputCase, expectRefused } from '../support/bad-input';
import { startTestApp, TestApp } from '../support/test-app';

/** Bad input of every kind gets a 4xx with a stable code: never a 500, never a stack. */
describe('bad input', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let courseId: string;
  let moduleId: string;
  let lessonId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    trainer = await t.login('trainer1');
    const course = await t.http().post('/api/courses').set('Authorization', `Bearer ${trainer}`).send({ systemCode: 'general', title: '坏输入测试' });
    courseId = course.body.id;
    moduleId = (await t.http().post(`/api/courses/${courseId}/modules`).set('Authorization', `Bearer ${trainer}`).send({ title: '模块' })).body.id;
    lessonId = (await t.http().post(`/api/modules/${moduleId}/lessons`).set('Authorization', `Bearer ${trainer}`).send({ title: '课', mode: 'offline', creditMinutes: 60 })).body.id;
  });
  afterAll(() => t.close());

  const huge = 'x'.repeat(10_000);
  const cases: BadInputCase[] = [
    ['login: missing fields', 'post', () => '/api/auth/login', {}, () => undefined, 400, 'VALIDATION_FAILED'],
    ['login: wrong types', 'post', () => '/api/auth/login', { username: 42, password: ['a'] }, () => undefined, 400, 'VALIDATION_FAILED'],
    ['login: unknown field', 'post', () => '/api/auth/login', { username: 'a', password: 'b', admin: true }, () => undefined, 400, 'VALIDATION_FAILED'],
    ['login: oversized username', 'post', () => '/api/auth/login', { username: huge, password: 'b' }, () => undefined, 400, 'VALIDATION_FAILED'],
    ['user: unknown role', 'post', () => '/api/users', { username: 'ok.name', displayName: '名', role: 'superuser' }, () => admin, 400, 'VALIDATION_FAILED'],
    ['user: bad username', 'post', () => '/api/users', { username: '张三', displayName: '名', role: 'student' }, () => admin, 400, 'VALIDATION_FAILED'],
    ['user: oversized display name', 'post', () => '/api/users', { username: 'ok.name', displayName: huge, role: 'student' }, () => admin, 400, 'VALIDATION_FAILED'],
    ['user: cohort not a uuid', 'post', () => '/api/users', { username: 'ok.name', displayName: '名', role: 'student', cohortId: 'abc' }, () => admin, 400, 'VALIDATION_FAILED'],
    ['user: cohort unknown', 'post', () => '/api/users', { username: 'ok.name2', displayName: '名', role: 'student', cohortId: '00000000-0000-4000-8000-000000000000' }, () => admin, 404, 'COHORT_NOT_FOUND'],
    ['users: bad filter', 'get', () => '/api/users?role=king', undefined, () => admin, 400, 'VALIDATION_FAILED'],
    ['users: negative offset', 'get', () => '/api/users?offset=-1', undefined, () => admin, 400, 'VALIDATION_FAILED'],
    ['users: huge limit', 'get', () => '/api/users?limit=100000', undefined, () => admin, 400, 'VALIDATION_FAILED'],
    ['users: unknown query field', 'get', () => '/api/users?sort=password_hash', undefined, () => admin, 400, 'VALIDATION_FAILED'],
    ['users: id not a uuid', 'get', () => '/api/users/1%27%20OR%201=1', undefined, () => admin, 400, 'VALIDATION_FAILED'],
    ['cohort: year out of range', 'post', () => '/api/cohorts', { name: 'x', year: 1800 }, () => admin, 400, 'VALIDATION_FAILED'],
    ['courses: unknown system code', 'get', () => '/api/courses?system=magic', undefined, () => trainer, 400, 'VALIDATION_FAILED'],
    ['course: unknown system code', 'post', () => '/api/courses', { systemCode: 'magic', title: '课' }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['course: empty title', 'post', () => '/api/courses', { systemCode: 'general', title: '   ' }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['course: oversized title', 'post', () => '/api/courses', { systemCode: 'general', title: huge }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['course: objectives not strings', 'patch', () => `/api/courses/${courseId}`, { objectives: [1, 2] }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['course: unknown field', 'patch', () => `/api/courses/${courseId}`, { status: 'published' }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['course: not found', 'patch', () => '/api/courses/00000000-0000-4000-8000-000000000000', { title: 'x' }, () => trainer, 404, 'COURSE_NOT_FOUND'],
    ['course view: bad view', 'get', () => `/api/courses/${courseId}?view=secret`, undefined, () => trainer, 400, 'VALIDATION_FAILED'],
    ['module: position zero', 'post', () => `/api/courses/${courseId}/modules`, { title: 'm', position: 0 }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['lesson: unknown mode', 'post', () => `/api/modules/${moduleId}/lessons`, { title: 'l', mode: 'hologram', creditMinutes: 10 }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['lesson: fractional credit', 'post', () => `/api/modules/${moduleId}/lessons`, { title: 'l', mode: 'video', creditMinutes: 1.5 }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['lesson: negative credit', 'patch', () => `/api/lessons/${lessonId}`, { creditMinutes: -5 }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['lesson: credit as string', 'patch', () => `/api/lessons/${lessonId}`, { creditMinutes: '60' }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['lesson: huge credit', 'patch', () => `/api/lessons/${lessonId}`, { creditMinutes: 1e12 }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['reorder: not uuids', 'put', () => `/api/courses/${courseId}/modules/order`, { ids: ['a', 'b'] }, () => trainer, 400, 'VALIDATION_FAILED'],
    ['reorder: duplicates', 'put', () => `/api/courses/${courseId}/modules/order`, () => ({ ids: [moduleId, moduleId] }), () => trainer, 400, 'VALIDATION_FAILED'],
    ['enrol: both targets', 'post', () => `/api/courses/${courseId}/enrollments`, { cohortId: '00000000-0000-4000-8000-000000000000', studentIds: ['00000000-0000-4000-8000-000000000000'] }, () => trainer, 400, 'ENROLLMENT_TARGET_MISSING'],
    ['enrol: unknown cohort', 'post', () => `/api/courses/${courseId}/enrollments`, { cohortId: '00000000-0000-4000-8000-000000000000' }, () => trainer, 404, 'COHORT_NOT_FOUND'],
    ['unknown route', 'get', () => '/api/nothing-here', undefined, () => trainer, 404, 'ROUTE_NOT_FOUND'],
  ];

  it.each(cases)('%s', (...row) => expectRefused(t, row));

  it('answers malformed JSON with 400 MALFORMED_BODY', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": "a",');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_BODY');
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
