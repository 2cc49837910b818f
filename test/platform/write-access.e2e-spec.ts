import { randomBytes } from 'node:crypto';
import { listRoutes, sampleUrl } from '../support/routes';
import { type Account, makeAccount } from '../support/staff';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Who may call every write route (POST, PUT, PATCH, DELETE), read from the app at run time:
 * a write route without a row here, or a row naming no route, fails the test, so nobody adds
 * a route without deciding its access.
 *
 * Actors: `owner` is the trainer who created the resource (course, its modules, lessons,
 * enrolments and class sessions; a question bank), `co` a co-trainer of the course (banks have
 * none), `other` another trainer, then a student, an anonymous caller and an admin.
 * For routes with no owned resource, owner, co and other are simply three trainers.
 *
 * Expected classes:
 *   2xx   the call succeeds: it is made against fresh resources, with a valid body (VALID below)
 *   pass  the caller gets past access control: anything but 401 or 403 (and never a 5xx);
 *         the call is made with a sample id that does not exist and an empty body
 *   403   refused: a role or ownership check (NOT_COURSE_OWNER, NOT_BANK_OWNER, BANK_PRIVATE)
 *   401   refused: no token
 */
type Expect = '2xx' | 'pass' | '403' | '401';
type Row = [route: string, owner: Expect, co: Expect, other: Expect, student: Expect, anonymous: Expect, admin: Expect];

// prettier-ignore
const TABLE: Row[] = [
  // route                                                        owner   co      other   student anon   admin
  ['POST /api/auth/login',                                        'pass', 'pass', 'pass', 'pass', 'pass', 'pass'],
  ['POST /api/auth/refresh',                                      'pass', 'pass', 'pass', 'pass', 'pass', 'pass'],
  ['POST /api/auth/logout',                                       'pass', 'pass', 'pass', 'pass', 'pass', 'pass'],
  ['POST /api/me/password',                                       'pass', 'pass', 'pass', 'pass', '401', 'pass'],
  ['PATCH /api/users/:id',                                        '403',  '403',  '403',  '403',  '401', 'pass'],
  ['DELETE /api/users/:id/sessions/:sessionId',                   '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/users/:id/sign-out-everywhere',                     '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/users',                                             '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/users/:id/disable',                                 '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/users/:id/enable',                                  '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/users/import',                                      '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/cohorts',                                           '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/courses',                                           '2xx',  '2xx',  '2xx',  '403',  '401', '2xx'],
  ['PATCH /api/courses/:id',                                      '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['POST /api/courses/:id/modules',                               '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['PUT /api/courses/:id/modules/order',                          '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['PATCH /api/modules/:id',                                      '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['DELETE /api/modules/:id',                                     '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['POST /api/modules/:id/lessons',                               '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['PUT /api/modules/:id/lessons/order',                          '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['PATCH /api/lessons/:id',                                      '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['DELETE /api/lessons/:id',                                     '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['POST /api/courses/:id/publish',                               '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['POST /api/courses/:id/enrollments',                           '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['DELETE /api/courses/:id/enrollments/:studentId',              '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['PUT /api/courses/:id/trainers',                               '2xx',  '403',  '403',  '403',  '401', '2xx'],
  ['POST /api/media',                                             'pass', 'pass', 'pass', '403',  '401', 'pass'],
  ['POST /api/lessons/:id/playback',                              '403',  '403',  '403',  'pass', '401', '403'],
  ['POST /api/playback/:sessionId/heartbeat',                     '403',  '403',  '403',  'pass', '401', '403'],
  ['POST /api/lessons/:id/open',                                  '403',  '403',  '403',  'pass', '401', '403'],
  ['POST /api/lessons/:id/complete',                              '403',  '403',  '403',  'pass', '401', '403'],
  ['POST /api/admin/jobs/:id/retry',                              '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/admin/queue-dashboard/session',                     '403',  '403',  '403',  '403',  '401', '2xx'],
  ['PUT /api/certification/tiers/:code',                          '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/certificates',                                      '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/certificates/batch',                                '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/certificates/:id/revoke',                           '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/admin/signing-keys/rotate',                         '403',  '403',  '403',  '403',  '401', 'pass'],
  ['PATCH /api/course-systems/:code',                             '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/students/:id/hour-adjustments',                     '403',  '403',  '403',  '403',  '401', 'pass'],
  ['POST /api/question-banks',                                    '2xx',  '2xx',  '2xx',  '403',  '401', '2xx'],
  ['PATCH /api/question-banks/:id',                               '2xx',  '403',  '403',  '403',  '401', '2xx'],
  ['POST /api/question-banks/:id/questions',                      '2xx',  '403',  '403',  '403',  '401', '2xx'],
  ['POST /api/question-banks/:id/import',                         '2xx',  '403',  '403',  '403',  '401', '2xx'],
  ['PATCH /api/questions/:id',                                    '2xx',  '403',  '403',  '403',  '401', '2xx'],
  ['POST /api/questions/:id/answer-key-corrections',              '2xx',  '403',  '403',  '403',  '401', '2xx'],
  ['POST /api/exams',                                             '2xx',  '403',  '403',  '403',  '401', '2xx'],
  ['POST /api/exams/:id/attempts',                                '403',  '403',  '403',  'pass', '401', '403'],
  ['PUT /api/attempts/:id/answers/:questionId',                   '403',  '403',  '403',  'pass', '401', '403'],
  ['POST /api/attempts/:id/submit',                               '403',  '403',  '403',  'pass', '401', '403'],
  ['POST /api/reviews/:id',                                       'pass', 'pass', 'pass', '403',  '401', 'pass'],
  ['POST /api/training/scenarios',                                'pass', 'pass', 'pass', '403',  '401', 'pass'],
  ['PATCH /api/training/scenarios/:id',                           'pass', 'pass', 'pass', '403',  '401', 'pass'],
  ['POST /api/training/scenarios/:id/submissions',                '403',  '403',  '403',  'pass', '401', '403'],
  ['POST /api/training/submissions/:id/review',                   'pass', 'pass', 'pass', '403',  '401', 'pass'],
  ['POST /api/class-sessions',                                    '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['POST /api/class-sessions/:id/check-in-code',                  '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['DELETE /api/class-sessions/:id/check-in-code',                '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
  ['POST /api/class-sessions/:id/check-in',                       '403',  '403',  '403',  'pass', '401', '403'],
  ['PUT /api/class-sessions/:id/attendance/:studentId',           '2xx',  '2xx',  '403',  '403',  '401', '2xx'],
];

/** Resources owned by `owner`, with `co` as co-trainer of the course and the student enrolled in it. */
interface Fixture {
  courseId: string;
  moduleId: string;
  lessonId: string;
  sessionId: string;
  bankId: string;
  questionId: string;
}

interface Actors {
  owner: Account;
  co: Account;
  other: Account;
  student: Account;
}

type Valid = (f: Fixture, a: Actors) => { url: string; body?: unknown };

const later = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** A valid call of each route that has an owned resource or a `2xx` cell; `:ids` come from a fresh fixture. */
const VALID: Record<string, Valid> = {
  'POST /api/courses': () => ({ url: '/api/courses', body: { systemCode: 'general', title: '新建课程', delivery: 'offline' } }),
  'PATCH /api/courses/:id': (f) => ({ url: `/api/courses/${f.courseId}`, body: { description: '改写的简介' } }),
  'POST /api/courses/:id/modules': (f) => ({ url: `/api/courses/${f.courseId}/modules`, body: { title: '新章' } }),
  'PUT /api/courses/:id/modules/order': (f) => ({ url: `/api/courses/${f.courseId}/modules/order`, body: { ids: [f.moduleId] } }),
  'PATCH /api/modules/:id': (f) => ({ url: `/api/modules/${f.moduleId}`, body: { title: '改名的章' } }),
  'DELETE /api/modules/:id': (f) => ({ url: `/api/modules/${f.moduleId}` }),
  'POST /api/modules/:id/lessons': (f) => ({ url: `/api/modules/${f.moduleId}/lessons`, body: { title: '新课', mode: 'reading', creditMinutes: 10 } }),
  'PUT /api/modules/:id/lessons/order': (f) => ({ url: `/api/modules/${f.moduleId}/lessons/order`, body: { ids: [f.lessonId] } }),
  'PATCH /api/lessons/:id': (f) => ({ url: `/api/lessons/${f.lessonId}`, body: { title: '改名的课' } }),
  'DELETE /api/lessons/:id': (f) => ({ url: `/api/lessons/${f.lessonId}` }),
  'POST /api/courses/:id/publish': (f) => ({ url: `/api/courses/${f.courseId}/publish` }),
  'POST /api/courses/:id/enrollments': (f, a) => ({ url: `/api/courses/${f.courseId}/enrollments`, body: { studentIds: [a.student.id] } }),
  'DELETE /api/courses/:id/enrollments/:studentId': (f, a) => ({ url: `/api/courses/${f.courseId}/enrollments/${a.student.id}` }),
  'PUT /api/courses/:id/trainers': (f, a) => ({ url: `/api/courses/${f.courseId}/trainers`, body: { trainerIds: [a.co.id, a.other.id] } }),
  'POST /api/question-banks': () => ({ url: '/api/question-banks', body: { title: '新题库' } }),
  'PATCH /api/question-banks/:id': (f) => ({ url: `/api/question-banks/${f.bankId}`, body: { shared: true } }),
  'POST /api/question-banks/:id/questions': (f) => ({ url: `/api/question-banks/${f.bankId}/questions`, body: { type: 'true_false', stem: '新题', answer: true, points: 1 } }),
  'POST /api/question-banks/:id/import': (f) => ({ url: `/api/question-banks/${f.bankId}/import`, body: [{ type: 'true_false', stem: '导入的题', answer: false, points: 1 }] }),
  'PATCH /api/questions/:id': (f) => ({ url: `/api/questions/${f.questionId}`, body: { stem: '改写的题干' } }),
  'POST /api/questions/:id/answer-key-corrections': (f) => ({ url: `/api/questions/${f.questionId}/answer-key-corrections`, body: { answer: 'B', reason: '答案更正' } }),
  'POST /api/exams': (f) => ({ url: '/api/exams', body: { title: '测验', timeLimitMinutes: 10, passScore: 60, draw: [{ bankId: f.bankId, count: 1 }] } }),
  'POST /api/class-sessions': (f) => ({ url: '/api/class-sessions', body: { courseId: f.courseId, startsAt: later(5), durationMinutes: 60, place: '孵化基地 1 号培训室', delivery: 'offline' } }),
  'POST /api/admin/queue-dashboard/session': () => ({ url: '/api/admin/queue-dashboard/session' }),
  'POST /api/class-sessions/:id/check-in-code': (f) => ({ url: `/api/class-sessions/${f.sessionId}/check-in-code` }),
  'DELETE /api/class-sessions/:id/check-in-code': (f) => ({ url: `/api/class-sessions/${f.sessionId}/check-in-code` }),
  'PUT /api/class-sessions/:id/attendance/:studentId': (f, a) => ({ url: `/api/class-sessions/${f.sessionId}/attendance/${a.student.id}`, body: { status: 'present' } }),
};

const ACTORS = ['anonymous', 'student', 'other', 'co', 'owner', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
const COLUMN: Record<Actor, number> = { owner: 1, co: 2, other: 3, student: 4, anonymous: 5, admin: 6 };
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('write access: route × role × ownership', () => {
  let t: TestApp;
  let admin: string;
  let actors: Actors;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    const [owner, co, other, student] = await Promise.all([
      makeAccount(t, admin, 'trainer', 'wa-owner'),
      makeAccount(t, admin, 'trainer', 'wa-co'),
      makeAccount(t, admin, 'trainer', 'wa-other'),
      makeAccount(t, admin, 'student', 'wa-student'),
    ]);
    actors = { owner, co, other, student };
  });
  afterAll(() => t.close());

  const tokenOf = (actor: Actor): string | null =>
    actor === 'anonymous' ? null : actor === 'admin' ? admin : actors[actor].token;

  function send(method: string, url: string, token: string | null, body?: unknown) {
    const req = t.http()[method.toLowerCase() as 'post'](url);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body as object);
  }

  async function must(method: string, url: string, body?: unknown): Promise<{ id: string }> {
    const res = await send(method, url, actors.owner.token, body);
    if (res.status >= 300) throw new Error(`fixture ${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A general-ability course of `owner` (co-trainer `co`, the student enrolled) with a session under way, and a private bank. */
  async function fixture(): Promise<Fixture> {
    const tag = randomBytes(3).toString('hex');
    const course = await must('POST', '/api/courses', { systemCode: 'general', title: `权限表课程 ${tag}`, delivery: 'offline' });
    await must('PUT', `/api/courses/${course.id}/trainers`, { trainerIds: [actors.co.id] });
    const module = await must('POST', `/api/courses/${course.id}/modules`, { title: '第一章' });
    const lesson = await must('POST', `/api/modules/${module.id}/lessons`, { title: '阅读', mode: 'reading', creditMinutes: 30 });
    await must('POST', `/api/courses/${course.id}/enrollments`, { studentIds: [actors.student.id] });
    const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const session = await must('POST', '/api/class-sessions', { courseId: course.id, startsAt, durationMinutes: 60, place: '孵化基地 2 号培训室', delivery: 'offline' });
    const bank = await must('POST', '/api/question-banks', { title: `权限表题库 ${tag}` });
    const question = await must('POST', `/api/question-banks/${bank.id}/questions`, {
      type: 'single',
      stem: '客户体验官的第一原则是？',
      options: [
        { key: 'A', text: '客户第一' },
        { key: 'B', text: '业绩第一' },
      ],
      answer: 'A',
      points: 1,
    });
    return { courseId: course.id, moduleId: module.id, lessonId: lesson.id, sessionId: session.id, bankId: bank.id, questionId: question.id };
  }

  it('has exactly one row for every write route the app serves', () => {
    const served = listRoutes(t.app)
      .filter((r) => WRITE_METHODS.has(r.method))
      .map((r) => `${r.method} ${r.path}`);
    const rows = TABLE.map((r) => r[0]);
    expect({ withoutRow: served.filter((r) => !rows.includes(r)) }).toEqual({ withoutRow: [] });
    expect({ naming_no_route: rows.filter((r) => !served.includes(r)) }).toEqual({ naming_no_route: [] });
    expect({ duplicated: rows.filter((r, i) => rows.indexOf(r) !== i) }).toEqual({ duplicated: [] });
    // A row that expects success says how to call the route successfully.
    expect({ withoutValidCall: TABLE.filter((r) => r.includes('2xx') && !VALID[r[0]]).map((r) => r[0]) }).toEqual({ withoutValidCall: [] });
    expect({ validCallsWithoutRow: Object.keys(VALID).filter((k) => !rows.includes(k)) }).toEqual({ validCallsWithoutRow: [] });
  });

  it('answers every actor on every write route as the table says', async () => {
    const wrong: string[] = [];
    for (const row of TABLE) {
      const [route] = row;
      const [method, path] = route.split(' ');
      const valid = VALID[route];
      // Refusals share one fixture per route (they change nothing); each success gets its own.
      let shared: Fixture | null = null;
      for (const actor of ACTORS) {
        const expected = row[COLUMN[actor]] as Expect;
        let call: { url: string; body?: unknown };
        if (valid) {
          const f = expected === '2xx' ? await fixture() : (shared ??= await fixture());
          call = valid(f, actors);
        } else {
          call = { url: sampleUrl(path), body: method === 'DELETE' ? undefined : {} };
        }
        const res = await send(method, call.url, tokenOf(actor), call.body);
        const ok =
          res.status < 500 &&
          (expected === '2xx' ? res.status >= 200 && res.status < 300 : expected === 'pass' ? res.status !== 401 && res.status !== 403 : res.status === Number(expected));
        if (!ok) wrong.push(`${route} as ${actor}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000); // every row against fresh fixtures: ~15 s alone, several times that on a loaded machine
});
