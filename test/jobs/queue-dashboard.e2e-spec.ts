import { auth } from '../support/exam-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const COOKIE_NAME = 'lms_queue_dashboard';

/** The cookie a Set-Cookie list sets for the dashboard, as `name=value` to send back. */
function dashboardCookie(setCookie: string[] | string | undefined): string {
  const line = [setCookie ?? []].flat().find((c) => c.startsWith(`${COOKIE_NAME}=`));
  if (!line) throw new Error(`no ${COOKIE_NAME} cookie in ${JSON.stringify(setCookie)}`);
  return line.split(';')[0];
}

/** Bull Board at /admin/queues: a browser page that only an admin's dashboard cookie opens. */
describe('queue dashboard (Bull Board)', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    trainer = await t.login('trainer1');
  });
  afterAll(() => t.close());

  it('gives an admin a short-lived HttpOnly, SameSite=Strict cookie scoped to the dashboard, which opens it', async () => {
    const res = await t.http().post('/api/admin/queue-dashboard/session').set(auth(admin)).expect(200);
    expect(res.body).toEqual({ url: '/admin/queues', expiresAt: expect.any(String) });
    const line = [res.headers['set-cookie']].flat().find((c: string) => c.startsWith(`${COOKIE_NAME}=`)) as string;
    expect(line).toMatch(/; Path=\/admin\/queues/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Max-Age=900/);
    const cookie = dashboardCookie(res.headers['set-cookie']);

    const page = await t.http().get('/admin/queues').set('Cookie', cookie).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('__UI_CONFIG__');
    expect(page.text).toContain('<base href="/admin/queues/"');
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    const queues = await t.http().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(['grading']);
    expect(queues.body.queues[0].readOnlyMode).toBe(true);
  });

  it('refuses a browser without the cookie with a JSON code (the portal does not answer for it)', async () => {
    const res = await t.http().get('/admin/queues').set('Accept', 'text/html').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect((await t.http().get('/admin/queues/api/queues').expect(401)).body.code).toBe('UNAUTHENTICATED');
    // The admin pages themselves stay the portal's.
    expect((await t.http().get('/admin/users').set('Accept', 'text/html')).status).not.toBe(401);
  });

  it('refuses a trainer: no dashboard session, and neither a bearer token nor an access token in the cookie opens it', async () => {
    expect((await t.http().post('/api/admin/queue-dashboard/session').set(auth(trainer)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http().get('/admin/queues').set(auth(trainer)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await t.http().get('/admin/queues').set('Cookie', `${COOKIE_NAME}=${admin}`).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await t.http().get('/admin/queues').set('Cookie', `${COOKIE_NAME}=forged.token.value`).expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('does not take the dashboard cookie as a bearer token, and ends it with its login', async () => {
    const token = await t.login('admin');
    const cookie = dashboardCookie((await t.http().post('/api/admin/queue-dashboard/session').set(auth(token)).expect(200)).headers['set-cookie']);
    const value = cookie.slice(COOKIE_NAME.length + 1);
    expect((await t.http().get('/api/me').set(auth(value)).expect(401)).body.code).toBe('UNAUTHENTICATED');

    const me = (await t.http().get('/api/me').set(auth(token)).expect(200)).body;
    await t.http().post(`/api/users/${me.id}/sign-out-everywhere`).set(auth(token)).expect(200);
    const deadline = Date.now() + 5000;
    let status = 200;
    while (Date.now() < deadline && status === 200) {
      status = (await t.http().get('/admin/queues/api/queues').set('Cookie', cookie)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
  });
});
