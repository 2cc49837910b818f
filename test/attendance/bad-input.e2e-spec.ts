import { signScreenLink } from '@lms/checkin-code';
import { type BadInputCase, expectRefused } from '../support/bad-input';
import { startTestApp, TestApp } from '../support/test-app';
import { Caller, caller, makeGeneralCourse, openSession, userId } from './attendance-fixtures';

/** Every attendance route answers bad input with a 4xx and a stable code: never a 500, never a stack. */
describe('attendance: bad input', () => {
  let t: TestApp;
  let trainerToken: string;
  let studentToken: string;
  let trainer: Caller;
  let courseId: string;
  let sessionId: string;
  let studentId: string;
  let screenUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    trainerToken = await t.login('trainer1');
    studentToken = await t.login('student1');
    trainer = caller(t, trainerToken);
    studentId = await userId(t, studentToken);
    courseId = await makeGeneralCourse(trainer, [studentId]);
    sessionId = await openSession(trainer, courseId);
    screenUrl = (await trainer.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200)).body.screenUrl;
  });
  afterAll(() => t.close());

  const NONE = '00000000-0000-4000-8000-000000000000';
  const huge = 'x'.repeat(10_000);
  const schedule = (over: Record<string, unknown>) => ({
    courseId,
    startsAt: '2026-03-01T14:00:00+08:00',
    durationMinutes: 120,
    place: '培训室',
    delivery: 'offline',
    ...over,
  });

  const trainerTok = () => trainerToken;
  const studentTok = () => studentToken;
  const cases: BadInputCase[] = [
    ['schedule: empty body', 'post', () => '/api/class-sessions', {}, trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: course id not a uuid', 'post', () => '/api/class-sessions', () => schedule({ courseId: 'abc' }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: unknown course', 'post', () => '/api/class-sessions', () => schedule({ courseId: NONE }), trainerTok, 404, 'COURSE_NOT_FOUND'],
    ['schedule: start without an offset', 'post', () => '/api/class-sessions', () => schedule({ startsAt: '2026-03-01T14:00:00' }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: start not a date', 'post', () => '/api/class-sessions', () => schedule({ startsAt: '2026-13-45T99:00:00Z' }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: start as a number', 'post', () => '/api/class-sessions', () => schedule({ startsAt: 1772344800000 }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: start in year 3000', 'post', () => '/api/class-sessions', () => schedule({ startsAt: '3000-01-01T00:00:00Z' }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: zero duration', 'post', () => '/api/class-sessions', () => schedule({ durationMinutes: 0 }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: fractional duration', 'post', () => '/api/class-sessions', () => schedule({ durationMinutes: 90.5 }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: huge duration', 'post', () => '/api/class-sessions', () => schedule({ durationMinutes: 1e12 }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: duration as string', 'post', () => '/api/class-sessions', () => schedule({ durationMinutes: '120' }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: negative credit', 'post', () => '/api/class-sessions', () => schedule({ creditMinutes: -60 }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: blank place', 'post', () => '/api/class-sessions', () => schedule({ place: '   ' }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: oversized place', 'post', () => '/api/class-sessions', () => schedule({ place: huge }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: online delivery', 'post', () => '/api/class-sessions', () => schedule({ delivery: 'online' }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: unknown field', 'post', () => '/api/class-sessions', () => schedule({ checkInOpenedAt: '2026-03-01T14:00:00Z' }), trainerTok, 400, 'VALIDATION_FAILED'],
    ['schedule: body is an array', 'post', () => '/api/class-sessions', [1, 2], trainerTok, 400, 'VALIDATION_FAILED'],
    ['list: course id not a uuid', 'get', () => '/api/courses/abc/class-sessions', undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['list: unknown course', 'get', () => `/api/courses/${NONE}/class-sessions`, undefined, trainerTok, 404, 'COURSE_NOT_FOUND'],
    ['list: huge limit', 'get', () => `/api/courses/${courseId}/class-sessions?limit=100000`, undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['list: unknown query field', 'get', () => `/api/courses/${courseId}/class-sessions?sort=place`, undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['get: id not a uuid', 'get', () => "/api/class-sessions/1'%20OR%201=1", undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['get: unknown session', 'get', () => `/api/class-sessions/${NONE}`, undefined, trainerTok, 404, 'CLASS_SESSION_NOT_FOUND'],
    ['open code: id not a uuid', 'post', () => '/api/class-sessions/42/check-in-code', undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['open code: unknown session', 'post', () => `/api/class-sessions/${NONE}/check-in-code`, undefined, trainerTok, 404, 'CLASS_SESSION_NOT_FOUND'],
    ['close code: unknown session', 'delete', () => `/api/class-sessions/${NONE}/check-in-code`, undefined, trainerTok, 404, 'CLASS_SESSION_NOT_FOUND'],
    ['check-in: missing code', 'post', () => `/api/class-sessions/${sessionId}/check-in`, {}, studentTok, 400, 'VALIDATION_FAILED'],
    ['check-in: code as a number', 'post', () => `/api/class-sessions/${sessionId}/check-in`, { code: 123456 }, studentTok, 400, 'VALIDATION_FAILED'],
    ['check-in: code as an array', 'post', () => `/api/class-sessions/${sessionId}/check-in`, { code: ['1', '2'] }, studentTok, 400, 'VALIDATION_FAILED'],
    ['check-in: oversized code', 'post', () => `/api/class-sessions/${sessionId}/check-in`, { code: huge }, studentTok, 400, 'VALIDATION_FAILED'],
    ['check-in: letters', 'post', () => `/api/class-sessions/${sessionId}/check-in`, { code: 'abcdef' }, studentTok, 400, 'CHECK_IN_CODE_MALFORMED'],
    ['check-in: extra field', 'post', () => `/api/class-sessions/${sessionId}/check-in`, { code: '123456', status: 'present' }, studentTok, 400, 'VALIDATION_FAILED'],
    ['check-in: unknown session', 'post', () => `/api/class-sessions/${NONE}/check-in`, { code: '123456' }, studentTok, 404, 'CLASS_SESSION_NOT_FOUND'],
    ['check-in: session id not a uuid', 'post', () => '/api/class-sessions/xyz/check-in', { code: '123456' }, studentTok, 400, 'VALIDATION_FAILED'],
    ['roster: id not a uuid', 'get', () => '/api/class-sessions/xyz/attendance', undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['roster: unknown session', 'get', () => `/api/class-sessions/${NONE}/attendance`, undefined, trainerTok, 404, 'CLASS_SESSION_NOT_FOUND'],
    ['roster: negative offset', 'get', () => `/api/class-sessions/${sessionId}/attendance?offset=-1`, undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['record: student id not a uuid', 'get', () => `/api/class-sessions/${sessionId}/attendance/nobody`, undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['correct: unknown status', 'put', () => `/api/class-sessions/${sessionId}/attendance/${studentId}`, { status: 'sleeping' }, trainerTok, 400, 'VALIDATION_FAILED'],
    ['correct: missing status', 'put', () => `/api/class-sessions/${sessionId}/attendance/${studentId}`, { note: '备注' }, trainerTok, 400, 'VALIDATION_FAILED'],
    ['correct: note not a string', 'put', () => `/api/class-sessions/${sessionId}/attendance/${studentId}`, { status: 'absent', note: { a: 1 } }, trainerTok, 400, 'VALIDATION_FAILED'],
    ['correct: oversized note', 'put', () => `/api/class-sessions/${sessionId}/attendance/${studentId}`, { status: 'absent', note: huge }, trainerTok, 400, 'VALIDATION_FAILED'],
    ['correct: credit smuggled in', 'put', () => `/api/class-sessions/${sessionId}/attendance/${studentId}`, { status: 'present', creditedMinutes: 9999 }, trainerTok, 400, 'VALIDATION_FAILED'],
    ['correct: student id not a uuid', 'put', () => `/api/class-sessions/${sessionId}/attendance/abc`, { status: 'present' }, trainerTok, 400, 'VALIDATION_FAILED'],
    ['correct: unknown student', 'put', () => `/api/class-sessions/${sessionId}/attendance/${NONE}`, { status: 'present' }, trainerTok, 404, 'STUDENT_NOT_ENROLLED'],
    ['correct: unknown session', 'put', () => `/api/class-sessions/${NONE}/attendance/${studentId}`, { status: 'present' }, trainerTok, 404, 'CLASS_SESSION_NOT_FOUND'],
    ['course rates: id not a uuid', 'get', () => '/api/courses/abc/attendance', undefined, trainerTok, 400, 'VALIDATION_FAILED'],
    ['course rates: unknown course', 'get', () => `/api/courses/${NONE}/attendance`, undefined, trainerTok, 404, 'COURSE_NOT_FOUND'],
    ['screen: no signature', 'get', () => `/class-sessions/${sessionId}/screen`, undefined, () => undefined, 400, 'VALIDATION_FAILED'],
    ['screen: expiry not a number', 'get', () => screenUrl.replace(/exp=\d+/, 'exp=soon'), undefined, () => undefined, 400, 'VALIDATION_FAILED'],
    ['screen: malformed signature', 'get', () => screenUrl.replace(/sig=[\w-]+/, 'sig=%00%00'), undefined, () => undefined, 400, 'VALIDATION_FAILED'],
    ['screen: forged signature', 'get', () => screenUrl.replace(/sig=[\w-]+/, `sig=${'A'.repeat(43)}`), undefined, () => undefined, 403, 'SCREEN_LINK_INVALID'],
    ['screen: exp changed', 'get', () => screenUrl.replace(/exp=\d+/, 'exp=1000000000'), undefined, () => undefined, 403, 'SCREEN_LINK_INVALID'],
    ['screen: expired link', 'get', () => `/class-sessions/${sessionId}/screen?exp=1000000000&sig=${signScreenLink(t.config.attendance.checkInSecret, sessionId, 1_000_000_000)}`, undefined, () => undefined, 403, 'SCREEN_LINK_EXPIRED'],
    ['screen: id not a uuid', 'get', () => screenUrl.replace(sessionId, 'abc'), undefined, () => undefined, 400, 'VALIDATION_FAILED'],
  ];

  it.each(cases)('%s', (...row) => expectRefused(t, row));

  it('answers malformed JSON on the check-in with 400 MALFORMED_BODY', async () => {
    const res = await t.http().post(`/api/class-sessions/${sessionId}/check-in`).set('Authorization', `Bearer ${studentToken}`).set('Content-Type', 'application/json').send('{"code": "12');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_BODY');
  });
});
