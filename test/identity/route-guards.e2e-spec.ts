import { startTestApp, TestApp } from '../support/test-app';
import { listRoutes, RouteInfo, sampleUrl } from '../support/routes';

/**
 * Table-driven over every route the app declares: a route added later without
 * @Public() or @Roles() fails here, as does one that lets the wrong role in.
 */
describe('route guards', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  let studentToken: string;
  let trainerToken: string;

  /**
   * Routes meant for anonymous callers; anything else public is a mistake. The classroom
   * screen is guarded by its signed, expiring link instead of a token; the student check-in
   * page shows only the course and the session's title, time and place (to anyone with its id), and the
   * check-in its script calls needs a token (test/attendance).
   */
  const PUBLIC_ROUTES = new Set([
    'POST /api/auth/login',
    'POST /api/auth/refresh',
    'POST /api/auth/logout',
    'GET /health',
    'GET /health/live',
    'GET /class-sessions/:id/screen',
    'GET /check-in',
    'GET /assets/check-in.js',
    'GET /media/:id/stream',
    // Certificate verification: anyone, without an account (rate-limited per address).
    'GET /api/verify/:serial',
    'GET /verify/:serial',
    'GET /.well-known/jwks.json',
    'GET /api/credentials/status/revocation',
  ]);

  beforeAll(async () => {
    t = await startTestApp();
    routes = listRoutes(t.app);
    studentToken = await t.login('student1');
    trainerToken = await t.login('trainer1');
  });
  afterAll(() => t.close());

  const call = (r: RouteInfo, token?: string) => {
    const req = t.http()[r.method.toLowerCase() as 'get'](sampleUrl(r.path));
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('finds the routes of every context', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /api/users/import', 'POST /api/courses/:id/publish', 'GET /api/course-systems']));
  });

  it('declares who may call every route', () => {
    const undeclared = routes.filter((r) => !r.isPublic && (!r.roles || r.roles.length === 0)).map((r) => r.handler);
    expect(undeclared).toEqual([]);
    const unexpectedPublic = routes.filter((r) => r.isPublic && !PUBLIC_ROUTES.has(`${r.method} ${r.path}`)).map((r) => r.handler);
    expect(unexpectedPublic).toEqual([]);
  });

  it('refuses an anonymous caller (401) on every non-public route', async () => {
    for (const r of routes.filter((x) => !x.isPublic)) {
      const res = await call(r);
      expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('refuses a forged or expired token', async () => {
    const forged = studentToken.slice(0, -4) + 'AAAA';
    await t.http().get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401);
    await t.http().get('/api/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    await t.http().get('/api/me').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`).expect(401);
  });

  it('refuses a student (403) on every authoring and admin route', async () => {
    const staffOnly = routes.filter((r) => !r.isPublic && r.roles && !r.roles.includes('student'));
    expect(staffOnly.length).toBeGreaterThan(10);
    for (const r of staffOnly) {
      const res = await call(r, studentToken);
      expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
  });

  it('refuses a trainer (403) on every admin-only route', async () => {
    const adminOnly = routes.filter((r) => !r.isPublic && r.roles && !r.roles.includes('trainer'));
    expect(adminOnly.length).toBeGreaterThan(3);
    for (const r of adminOnly) {
      const res = await call(r, trainerToken);
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    }
  });
});
