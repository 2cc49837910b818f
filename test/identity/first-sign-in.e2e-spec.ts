import { startTestApp, TestApp } from '../support/test-app';

/** Accounts handed out with a generated password must choose their own before anything else. */
describe('first sign-in with a generated password', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const signIn = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password }).expect(200);

  async function expectRestricted(token: string) {
    // Reading /api/me stays open, so a client can show who is signed in and why it must change the password.
    const me = await t.http().get('/api/me').set(bearer(token)).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
    for (const [method, path] of [
      ['get', '/api/courses'],
      ['get', '/api/course-systems'],
      ['get', '/api/users'],
      ['post', '/api/cohorts'],
    ] as const) {
      const res = await t.http()[method](path).set(bearer(token)).send({ name: '不应创建' });
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
    }
  }

  it('an admin-created account without a password must change it; after that every route opens', async () => {
    const created = await t.http().post('/api/users').set(bearer(admin)).send({ username: 'first.admin', displayName: '首次登录', role: 'admin' }).expect(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body.mustChangePassword).toBe(true);
    const login = await signIn('first.admin', created.body.initialPassword);
    expect(login.body.mustChangePassword).toBe(true);
    await expectRestricted(login.body.accessToken);

    // A refreshed token is just as restricted.
    const refreshed = await t.http().post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    expect(refreshed.body.mustChangePassword).toBe(true);
    await expectRestricted(refreshed.body.accessToken);

    const changed = await t.http()
      .post('/api/me/password')
      .set(bearer(refreshed.body.accessToken))
      .send({ currentPassword: created.body.initialPassword, newPassword: 'my-own-password-1' })
      .expect(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect(changed.body.user.mustChangePassword).toBe(false);
    await t.http().get('/api/users').set(bearer(changed.body.accessToken)).expect(200);
    await t.http().get('/api/courses').set(bearer(changed.body.accessToken)).expect(200);
    // The restricted login is over; a new sign-in is unrestricted.
    await t.http().get('/api/me').set(bearer(refreshed.body.accessToken)).expect(401);
    expect((await signIn('first.admin', 'my-own-password-1')).body.mustChangePassword).toBe(false);
  });

  it('a restricted account can still log out', async () => {
    const created = await t.http().post('/api/users').set(bearer(admin)).send({ username: 'first.leaver', displayName: '首次登录', role: 'student' }).expect(201);
    const login = await signIn('first.leaver', created.body.initialPassword);
    await t.http().post('/api/auth/logout').send({ refreshToken: login.body.refreshToken }).expect(204);
    await t.http().get('/api/me').set(bearer(login.body.accessToken)).expect(401);
  });

  it('an account created with a password chosen by the admin is not restricted', async () => {
    const created = await t.http().post('/api/users').set(bearer(admin)).send({ username: 'first.chosen', displayName: '指定密码', role: 'student', password: 'chosen-pass-1' }).expect(201);
    expect(created.body.mustChangePassword).toBe(false);
    const login = await signIn('first.chosen', 'chosen-pass-1');
    expect(login.body.mustChangePassword).toBe(false);
    await t.http().get('/api/courses').set(bearer(login.body.accessToken)).expect(200);
  });

  it('imported rows with a generated password are restricted, rows with a password are not', async () => {
    const csv = ['username,display_name,role,cohort,password', 'imp.generated,生成密码,student,2022 上半年,', 'imp.given,给定密码,student,2022 上半年,given-pass-1'].join('\n');
    const report = await t.http().post('/api/users/import').set(bearer(admin)).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(report.headers['cache-control']).toBe('no-store');
    expect(report.body).toMatchObject({ created: 2, failed: 0 });
    const generated = report.body.rows.find((r: { username: string }) => r.username === 'imp.generated');
    const restricted = await signIn('imp.generated', generated.initialPassword);
    expect(restricted.body.mustChangePassword).toBe(true);
    await expectRestricted(restricted.body.accessToken);
    const free = await signIn('imp.given', 'given-pass-1');
    expect(free.body.mustChangePassword).toBe(false);
    await t.http().get('/api/courses').set(bearer(free.body.accessToken)).expect(200);
  });

  it('demo accounts are not restricted', async () => {
    for (const username of ['admin', 'trainer1', 'student1']) {
      const login = await signIn(username, 'demo1234');
      expect(login.body.mustChangePassword).toBe(false);
      await t.http().get('/api/course-systems').set(bearer(login.body.accessToken)).expect(200);
    }
  });
});
