import { BadInputCase, expectRefused } from '../support/bad-input';
import { auth, cohortIdOf, makeStudents, Student } from '../support/exam-fixtures';
import { listRoutes } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

const NONE = '00000000-0000-4000-8000-000000000000';

/** The routes of certification, public verification, the audit log and course-system hours. */
const MINE = /^\/(api\/(certification|certificates|students\/:id\/eligibility|me\/certificates|verify|credentials|admin\/signing-keys|audit|course-systems)|verify|\.well-known)(\/|$)/;

/**
 * Routes that take no input at all (no parameter, query or body is read): there is no bad input to
 * give them. The last test checks they ignore stray input and answer normally.
 */
const NO_INPUT = [
  'GET /api/certification/tiers',
  'GET /api/me/certificates',
  'POST /api/admin/signing-keys/rotate',
  'GET /.well-known/jwks.json',
  'GET /api/credentials/status/revocation',
  'GET /api/course-systems',
];

/** Every certification route answers bad input with a 4xx and a stable code: never a 500, never a stack. */
describe('bad input on certification, verification and the audit log', () => {
  let t: TestApp;
  let admin: string;
  let trainerId: string;
  let students: Student[];
  let cohortId: string;
  let certificateId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    trainerId = (await t.http().get('/api/me').set(auth(await t.login('trainer1')))).body.id;
    students = await makeStudents(t, admin, 1, 'certbad', '认证坏输入队列');
    cohortId = await cohortIdOf(t, admin, '认证坏输入队列');
    const issued = await t.http().post('/api/certificates').set(auth(admin)).send({ studentId: students[0].id, tierCode: 'cxo-1', override: { reason: '坏输入测试用证书' } });
    expect(issued.status).toBe(201);
    certificateId = issued.body.id;
  });
  afterAll(() => t.close());

  const A = () => admin;
  const S = () => students[0].token;
  const huge = 'x'.repeat(10_000);
  const rules = [{ kind: 'hours', system: 'practical', minHours: 64 }];
  const cases: BadInputCase[] = [
    // PUT /api/certification/tiers/:code
    ['tier: unknown code', 'put', () => '/api/certification/tiers/cxo-9', { rules }, A, 404, 'TIER_NOT_FOUND'],
    ['tier: code of wrong shape', 'put', () => `/api/certification/tiers/${encodeURIComponent("CXO' OR 1=1")}`, { rules }, A, 404, 'TIER_NOT_FOUND'],
    ['tier: rules not an array', 'put', () => '/api/certification/tiers/cxo-1', { rules: { kind: 'hours' } }, A, 400, 'VALIDATION_FAILED'],
    ['tier: rules missing', 'put', () => '/api/certification/tiers/cxo-1', {}, A, 400, 'VALIDATION_FAILED'],
    ['tier: rule of unknown kind', 'put', () => '/api/certification/tiers/cxo-1', { rules: [{ kind: 'charisma', min: 3 }] }, A, 400, 'INVALID_TIER_RULES'],
    ['tier: rule not an object', 'put', () => '/api/certification/tiers/cxo-1', { rules: ['hours'] }, A, 400, 'INVALID_TIER_RULES'],
    ['tier: negative hours', 'put', () => '/api/certification/tiers/cxo-1', { rules: [{ kind: 'hours', system: 'practical', minHours: -1 }] }, A, 400, 'INVALID_TIER_RULES'],
    ['tier: validity as text', 'put', () => '/api/certification/tiers/cxo-1', { rules, validityMonths: '12' }, A, 400, 'VALIDATION_FAILED'],
    ['tier: validity out of range', 'put', () => '/api/certification/tiers/cxo-1', { rules, validityMonths: 10_000 }, A, 400, 'VALIDATION_FAILED'],
    ['tier: unknown field', 'put', () => '/api/certification/tiers/cxo-1', { rules, name: '改名' }, A, 400, 'VALIDATION_FAILED'],
    // GET /api/students/:id/eligibility
    ['eligibility: id not a uuid', 'get', () => '/api/students/42/eligibility', undefined, A, 400, 'VALIDATION_FAILED'],
    ['eligibility: unknown student', 'get', () => `/api/students/${NONE}/eligibility`, undefined, A, 404, 'STUDENT_NOT_FOUND'],
    // GET /api/certification/eligibility
    ['board: no cohort', 'get', () => '/api/certification/eligibility', undefined, A, 400, 'VALIDATION_FAILED'],
    ['board: cohort not a uuid', 'get', () => '/api/certification/eligibility?cohortId=abc', undefined, A, 400, 'VALIDATION_FAILED'],
    ['board: tier code of wrong shape', 'get', () => `/api/certification/eligibility?cohortId=${cohortId}&tierCode=CXO_1!`, undefined, A, 400, 'VALIDATION_FAILED'],
    ['board: unknown tier', 'get', () => `/api/certification/eligibility?cohortId=${cohortId}&tierCode=cxo-9`, undefined, A, 404, 'TIER_NOT_FOUND'],
    ['board: unknown cohort', 'get', () => `/api/certification/eligibility?cohortId=${NONE}`, undefined, A, 404, 'COHORT_NOT_FOUND'],
    ['board: unknown query field', 'get', () => `/api/certification/eligibility?cohortId=${cohortId}&all=1`, undefined, A, 400, 'VALIDATION_FAILED'],
    // POST /api/certificates
    ['issue: student not a uuid', 'post', () => '/api/certificates', { studentId: 'abc', tierCode: 'cxo-1' }, A, 400, 'VALIDATION_FAILED'],
    ['issue: unknown tier', 'post', () => '/api/certificates', () => ({ studentId: students[0].id, tierCode: 'cxo-9' }), A, 404, 'TIER_NOT_FOUND'],
    ['issue: tier code of wrong shape', 'post', () => '/api/certificates', () => ({ studentId: students[0].id, tierCode: 'CXO 1' }), A, 400, 'VALIDATION_FAILED'],
    ['issue: unknown student', 'post', () => '/api/certificates', { studentId: NONE, tierCode: 'cxo-1' }, A, 404, 'STUDENT_NOT_FOUND'],
    ['issue: a trainer is no student', 'post', () => '/api/certificates', () => ({ studentId: trainerId, tierCode: 'cxo-1' }), A, 404, 'STUDENT_NOT_FOUND'],
    ['issue: override without reason', 'post', () => '/api/certificates', () => ({ studentId: students[0].id, tierCode: 'cxo-2', override: {} }), A, 400, 'VALIDATION_FAILED'],
    ['issue: override with a blank reason', 'post', () => '/api/certificates', () => ({ studentId: students[0].id, tierCode: 'cxo-2', override: { reason: '   ' } }), A, 400, 'VALIDATION_FAILED'],
    ['issue: override as text', 'post', () => '/api/certificates', () => ({ studentId: students[0].id, tierCode: 'cxo-2', override: 'yes' }), A, 400, 'VALIDATION_FAILED'],
    ['issue: oversized reason', 'post', () => '/api/certificates', () => ({ studentId: students[0].id, tierCode: 'cxo-2', override: { reason: huge } }), A, 400, 'VALIDATION_FAILED'],
    ['issue: unknown field', 'post', () => '/api/certificates', () => ({ studentId: students[0].id, tierCode: 'cxo-2', serial: 'CXO2-2022-000001' }), A, 400, 'VALIDATION_FAILED'],
    // POST /api/certificates/batch
    ['batch: cohort not a uuid', 'post', () => '/api/certificates/batch', { tierCode: 'cxo-1', cohortId: 'abc' }, A, 400, 'VALIDATION_FAILED'],
    ['batch: no tier', 'post', () => '/api/certificates/batch', () => ({ cohortId }), A, 400, 'VALIDATION_FAILED'],
    ['batch: unknown tier', 'post', () => '/api/certificates/batch', () => ({ tierCode: 'cxo-9', cohortId }), A, 404, 'TIER_NOT_FOUND'],
    ['batch: unknown cohort', 'post', () => '/api/certificates/batch', { tierCode: 'cxo-1', cohortId: NONE }, A, 404, 'COHORT_NOT_FOUND'],
    // GET /api/certificates
    ['list: status unknown', 'get', () => '/api/certificates?status=lost', undefined, A, 400, 'VALIDATION_FAILED'],
    ['list: cohort not a uuid', 'get', () => '/api/certificates?cohortId=1', undefined, A, 400, 'VALIDATION_FAILED'],
    ['list: tier code of wrong shape', 'get', () => '/api/certificates?tierCode=CXO%201', undefined, A, 400, 'VALIDATION_FAILED'],
    ['list: limit not a number', 'get', () => '/api/certificates?limit=many', undefined, A, 400, 'VALIDATION_FAILED'],
    ['list: negative offset', 'get', () => '/api/certificates?offset=-1', undefined, A, 400, 'VALIDATION_FAILED'],
    ['list: unknown query field', 'get', () => '/api/certificates?holder=张三', undefined, A, 400, 'VALIDATION_FAILED'],
    // GET /api/certificates/:id, /pdf, /credential
    ['certificate: id not a uuid', 'get', () => '/api/certificates/CXO1-2022-000001', undefined, A, 400, 'VALIDATION_FAILED'],
    ['certificate: unknown', 'get', () => `/api/certificates/${NONE}`, undefined, A, 404, 'CERTIFICATE_NOT_FOUND'],
    ['pdf: id not a uuid', 'get', () => '/api/certificates/1/pdf', undefined, S, 400, 'VALIDATION_FAILED'],
    ['pdf: unknown', 'get', () => `/api/certificates/${NONE}/pdf`, undefined, A, 404, 'CERTIFICATE_NOT_FOUND'],
    ['credential: id not a uuid', 'get', () => '/api/certificates/x/credential', undefined, S, 400, 'VALIDATION_FAILED'],
    ['credential: unknown', 'get', () => `/api/certificates/${NONE}/credential`, undefined, A, 404, 'CERTIFICATE_NOT_FOUND'],
    // POST /api/certificates/:id/revoke
    ['revoke: without reason', 'post', () => `/api/certificates/${certificateId}/revoke`, {}, A, 400, 'VALIDATION_FAILED'],
    ['revoke: blank reason', 'post', () => `/api/certificates/${certificateId}/revoke`, { reason: ' ' }, A, 400, 'VALIDATION_FAILED'],
    ['revoke: reason as a number', 'post', () => `/api/certificates/${certificateId}/revoke`, { reason: 12345 }, A, 400, 'VALIDATION_FAILED'],
    ['revoke: id not a uuid', 'post', () => '/api/certificates/abc/revoke', { reason: '测试撤销' }, A, 400, 'VALIDATION_FAILED'],
    ['revoke: unknown', 'post', () => `/api/certificates/${NONE}/revoke`, { reason: '测试撤销' }, A, 404, 'CERTIFICATE_NOT_FOUND'],
    // GET /api/verify/:serial (public): every bad serial is simply unknown
    ['verify: serial of wrong shape', 'get', () => '/api/verify/hello', undefined, () => undefined, 404, 'SERIAL_NOT_FOUND'],
    ['verify: lower-case serial', 'get', () => '/api/verify/cxo1-2022-000001', undefined, () => undefined, 404, 'SERIAL_NOT_FOUND'],
    ['verify: injection', 'get', () => `/api/verify/${encodeURIComponent("CXO1-2022-000001' OR '1'='1")}`, undefined, () => undefined, 404, 'SERIAL_NOT_FOUND'],
    ['verify: oversized serial', 'get', () => `/api/verify/${'C'.repeat(2000)}`, undefined, () => undefined, 404, 'SERIAL_NOT_FOUND'],
    ['verify: well-formed unknown serial', 'get', () => '/api/verify/CXO3-1999-999999', undefined, () => undefined, 404, 'SERIAL_NOT_FOUND'],
    // PATCH /api/course-systems/:code
    ['required hours: unknown system', 'patch', () => '/api/course-systems/magic', { requiredHours: 10 }, A, 404, 'UNKNOWN_COURSE_SYSTEM'],
    ['required hours: negative', 'patch', () => '/api/course-systems/general', { requiredHours: -1 }, A, 400, 'VALIDATION_FAILED'],
    ['required hours: as text', 'patch', () => '/api/course-systems/general', { requiredHours: '40' }, A, 400, 'VALIDATION_FAILED'],
    ['required hours: fractional', 'patch', () => '/api/course-systems/general', { requiredHours: 1.5 }, A, 400, 'VALIDATION_FAILED'],
    // GET /api/audit
    ['audit: actor not a uuid', 'get', () => '/api/audit?actor=admin', undefined, A, 400, 'VALIDATION_FAILED'],
    ['audit: action not a dotted name', 'get', () => '/api/audit?action=DROP%20TABLE', undefined, A, 400, 'VALIDATION_FAILED'],
    ['audit: from not a date', 'get', () => '/api/audit?from=yesterday', undefined, A, 400, 'VALIDATION_FAILED'],
    ['audit: to without a time zone', 'get', () => '/api/audit?to=2022-01-01T00:00:00', undefined, A, 400, 'VALIDATION_FAILED'],
    ['audit: oversized target', 'get', () => `/api/audit?targetId=${'t'.repeat(200)}`, undefined, A, 400, 'VALIDATION_FAILED'],
    ['audit: zero limit', 'get', () => '/api/audit?limit=0', undefined, A, 400, 'VALIDATION_FAILED'],
    ['audit: unknown query field', 'get', () => '/api/audit?sort=created_at', undefined, A, 400, 'VALIDATION_FAILED'],
  ];

  it.each(cases)('%s', (...c: BadInputCase) => expectRefused(t, c));

  it('answers every bad serial on the verification page with the same 404 page, revealing nothing', async () => {
    const pages = await Promise.all(['hello', 'cxo1-2022-000001', 'CXO3-1999-999999', 'C'.repeat(2000)].map((s) => t.http().get(`/verify/${s}`)));
    for (const page of pages) {
      expect(page.status).toBe(404);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toBe(pages[0].text);
    }
  });

  it('lets routes without input ignore stray input', async () => {
    for (const [method, path] of NO_INPUT.map((r) => r.split(' '))) {
      const token = path.startsWith('/api/me/') ? students[0].token : admin;
      const res = await t.http()[method.toLowerCase() as 'get' | 'post'](`${path}?junk=1`).set(auth(token)).send({ junk: true });
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  it('covers every route of certification, verification, the audit log and course-system hours', () => {
    const mine = listRoutes(t.app)
      .filter((r) => MINE.test(r.path))
      .map((r) => `${r.method} ${r.path}`);
    expect(mine.length).toBeGreaterThan(15);
    const tested = new Set(
      cases.map(([, method, path]) =>
        mine.find((m) => {
          const [verb, pattern] = m.split(' ');
          const url = path().replace(/\?.*$/, '');
          return verb === method.toUpperCase() && new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(url);
        }),
      ),
    );
    // The HTML page is checked by its own test above.
    tested.add('GET /verify/:serial');
    for (const r of NO_INPUT) tested.add(r);
    expect(mine.filter((m) => !tested.has(m))).toEqual([]);
  });
});
