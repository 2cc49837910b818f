import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';

/** Polls `probe` until it answers true; answers how long that took (ms), or fails after `timeoutMs`. */
async function within(timeoutMs: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('sessions: refresh, logout, and logins that end with the account', () => {
  let t: TestApp;
  let admin: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' } });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = (token: string) => t.http().get('/api/me').set(bearer(token));
  const courses = (token: string) => t.http().get('/api/courses').set(bearer(token));

  async function newUser(role: 'student' | 'trainer' = 'student'): Promise<{ id: string; username: string; password: string }> {
    const username = `sess.user${++seq}`;
    const password = 'session-pass-1';
    const res = await t.http().post('/api/users').set(bearer(admin)).send({ username, displayName: '会话测试', role, password }).expect(201);
    return { id: res.body.id, username, password };
  }

  async function login(username: string, password = 'session-pass-1', ip = `10.9.${seq}.1`) {
    const res = await t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password }).expect(200);
    return res.body as { accessToken: string; refreshToken: string; refreshExpiresAt: string; mustChangePassword: boolean };
  }

  const refresh = (refreshToken: string) => t.http().post('/api/auth/refresh').send({ refreshToken });

  it('login answers an access token, a refresh token and the user, never to be cached', async () => {
    const u = await newUser();
    const res = await t.http().post('/api/auth/login').send({ username: u.username, password: u.password }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), mustChangePassword: false, user: { id: u.id } });
    expect(res.body).not.toHaveProperty('sessionId');
    // Thirty days by default.
    const days = (Date.parse(res.body.refreshExpiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('stores refresh tokens only as SHA-256 hashes', async () => {
    const u = await newUser();
    const { refreshToken } = await login(u.username);
    const rows: Array<{ token_hash: string }> = await t.ds.query(
      `SELECT t.token_hash FROM auth_refresh_token t JOIN auth_session s ON s.id = t.session_id WHERE s.user_id = $1`,
      [u.id],
    );
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(refreshToken).digest('hex') }]);
    const anywhere: unknown[] = await t.ds.query(
      `SELECT 1 FROM auth_refresh_token WHERE token_hash = $1 UNION ALL SELECT 1 FROM auth_session WHERE user_agent = $1 OR ip = $1`,
      [refreshToken],
    );
    expect(anywhere).toEqual([]);
  });

  it('refresh answers a new pair, retires the old refresh token, and slides the expiry', async () => {
    const u = await newUser();
    const first = await login(u.username);
    await t.ds.query(`UPDATE auth_session SET expires_at = now() + interval '1 day' WHERE user_id = $1`, [u.id]);
    const res = await refresh(first.refreshToken).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    expect(Date.parse(res.body.refreshExpiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    await me(res.body.accessToken).expect(200);
    const second = await refresh(res.body.refreshToken).expect(200);
    await me(second.body.accessToken).expect(200);
    // The login stays one row, however often it is refreshed.
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM auth_session WHERE user_id = $1`, [u.id])).toEqual([{ n: 1 }]);
  });

  it('a retired refresh token presented again ends the whole login (reuse detection)', async () => {
    const u = await newUser();
    const first = await login(u.username);
    const other = await login(u.username, u.password, '10.9.200.2');
    const rotated = (await refresh(first.refreshToken).expect(200)).body;
    const reuse = await refresh(first.refreshToken).expect(401);
    expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
    // The thief's copy and the rightful newest token are both dead, and so are the login's access tokens.
    expect((await refresh(rotated.refreshToken).expect(401)).body.code).toBe('INVALID_REFRESH_TOKEN');
    expect((await me(rotated.accessToken).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await me(first.accessToken).expect(401);
    // Another login of the same user is untouched.
    await me(other.accessToken).expect(200);
    await refresh(other.refreshToken).expect(200);
  });

  it('refuses unknown and expired refresh tokens', async () => {
    expect((await refresh(randomBytes(32).toString('base64url')).expect(401)).body.code).toBe('INVALID_REFRESH_TOKEN');
    expect((await refresh('').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const u = await newUser();
    const s = await login(u.username);
    await t.ds.query(`UPDATE auth_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.id]);
    expect((await refresh(s.refreshToken).expect(401)).body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('logout (a public route) ends the login: its refresh and access tokens stop working', async () => {
    const u = await newUser();
    const s = await login(u.username);
    const other = await login(u.username, u.password, '10.9.201.1');
    await t.http().post('/api/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
    expect((await me(s.accessToken).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await refresh(s.refreshToken).expect(401);
    await me(other.accessToken).expect(200);
    // An unknown token ends nothing and reveals nothing.
    await t.http().post('/api/auth/logout').send({ refreshToken: 'no-such-token' }).expect(204);
  });

  it('admins list a user\'s logins and end one of them', async () => {
    const u = await newUser();
    const a = await login(u.username, u.password, '10.9.202.1');
    const b = await login(u.username, u.password, '10.9.202.2');
    const list = await t.http().get(`/api/users/${u.id}/sessions`).set(bearer(admin)).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({ active: true, endedAt: null, ip: '10.9.202.2' });
    expect(list.body.items[0]).not.toHaveProperty('tokenHash');
    const sessionOfA = list.body.items.find((s: { ip: string }) => s.ip === '10.9.202.1').id;
    await t.http().delete(`/api/users/${u.id}/sessions/${sessionOfA}`).set(bearer(admin)).expect(204);
    await me(a.accessToken).expect(401);
    await refresh(a.refreshToken).expect(401);
    await me(b.accessToken).expect(200);
    const after = await t.http().get(`/api/users/${u.id}/sessions`).set(bearer(admin)).expect(200);
    expect(after.body.items.find((s: { id: string }) => s.id === sessionOfA)).toMatchObject({ active: false, endReason: 'admin', endedAt: expect.any(String) });
    // Another user's session id is not found under this user.
    const stranger = await newUser();
    expect((await t.http().delete(`/api/users/${stranger.id}/sessions/${sessionOfA}`).set(bearer(admin)).expect(404)).body.code).toBe('SESSION_NOT_FOUND');
    // Only admins.
    const student = await t.login('student1');
    await t.http().get(`/api/users/${u.id}/sessions`).set(bearer(student)).expect(403);
    await t.http().post(`/api/users/${u.id}/sign-out-everywhere`).set(bearer(await t.login('trainer1'))).expect(403);
  });

  it('sign out everywhere ends every login of the user', async () => {
    const u = await newUser();
    const logins = [await login(u.username, u.password, '10.9.203.1'), await login(u.username, u.password, '10.9.203.2')];
    const res = await t.http().post(`/api/users/${u.id}/sign-out-everywhere`).set(bearer(admin)).expect(200);
    expect(res.body).toEqual({ ended: 2 });
    for (const s of logins) {
      await me(s.accessToken).expect(401);
      await refresh(s.refreshToken).expect(401);
    }
    await login(u.username, u.password, '10.9.203.3');
  });

  it('disabling a user ends their logins at once', async () => {
    const u = await newUser();
    const s = await login(u.username);
    await courses(s.accessToken).expect(200);
    await t.http().post(`/api/users/${u.id}/disable`).set(bearer(admin)).expect(200);
    expect((await courses(s.accessToken).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await refresh(s.refreshToken).expect(401);
    // Enabling again does not bring the old login back.
    await t.http().post(`/api/users/${u.id}/enable`).set(bearer(admin)).expect(200);
    await courses(s.accessToken).expect(401);
  });

  it('changing a role ends the logins (their tokens carry the old role); renaming does not', async () => {
    const u = await newUser('trainer');
    const s = await login(u.username);
    const renamed = await t.http().patch(`/api/users/${u.id}`).set(bearer(admin)).send({ displayName: '新名字' }).expect(200);
    expect(renamed.body).toMatchObject({ displayName: '新名字', role: 'trainer' });
    await me(s.accessToken).expect(200);
    const demoted = await t.http().patch(`/api/users/${u.id}`).set(bearer(admin)).send({ role: 'student' }).expect(200);
    expect(demoted.body.role).toBe('student');
    await me(s.accessToken).expect(401);
    await refresh(s.refreshToken).expect(401);
    const again = await login(u.username);
    expect((await me(again.accessToken).expect(200)).body.role).toBe('student');
    expect((await t.http().patch(`/api/users/${u.id}`).set(bearer(admin)).send({ role: null }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().patch(`/api/users/${u.id}`).set(bearer(admin)).send({ role: 'king' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('a refresh racing a role change either wins before it (and is ended by it) or loses; never a 5xx', async () => {
    const u = await newUser('trainer');
    for (let i = 0; i < 8; i++) {
      const s = await login(u.username, u.password, `10.9.205.${i}`);
      const role = i % 2 === 0 ? 'student' : 'trainer';
      const [refreshed, changed] = await Promise.all([refresh(s.refreshToken), t.http().patch(`/api/users/${u.id}`).set(bearer(admin)).send({ role })]);
      expect(changed.status).toBe(200);
      expect([200, 401]).toContain(refreshed.status);
      if (refreshed.status === 200) await me(refreshed.body.accessToken).expect(401);
    }
  });

  it('a password change ends every login and answers a fresh one, not cached', async () => {
    const u = await newUser();
    const here = await login(u.username, u.password, '10.9.204.1');
    const elsewhere = await login(u.username, u.password, '10.9.204.2');
    const res = await t.http().post('/api/me/password').set(bearer(here.accessToken)).send({ currentPassword: u.password, newPassword: 'session-pass-2' }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), user: { id: u.id } });
    for (const s of [here, elsewhere]) {
      await me(s.accessToken).expect(401);
      await refresh(s.refreshToken).expect(401);
    }
    await me(res.body.accessToken).expect(200);
    await refresh(res.body.refreshToken).expect(200);
  });

  it('throttles password changes as login is (429 LOGIN_THROTTLED)', async () => {
    const u = await newUser();
    const s = await login(u.username);
    const change = (currentPassword: string) =>
      t.http().post('/api/me/password').set(bearer(s.accessToken)).send({ currentPassword, newPassword: 'session-pass-9' });
    for (let i = 0; i < 3; i++) expect((await change(`guess-${i}-xx`).expect(400)).body.code).toBe('WRONG_PASSWORD');
    const throttled = await change(u.password).expect(429);
    expect(throttled.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('sessions across two API replicas', () => {
  let a: TestApp;
  let b: TestApp;
  const shared = { QUEUE_PREFIX: `lmst-${randomBytes(4).toString('hex')}`, JWT_SECRET: randomBytes(32).toString('hex'), APP_ROLE: 'api' };

  beforeAll(async () => {
    a = await startTestApp({ env: shared });
    b = await startTestApp({ env: shared, database: a.config.database.database });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function userOn(app: TestApp, username: string): Promise<string> {
    const admin = await app.login('admin');
    const res = await app.http().post('/api/users').set(bearer(admin)).send({ username, displayName: '副本测试', role: 'student', password: 'replica-pass-1' }).expect(201);
    return res.body.id;
  }

  it('a user disabled on one replica is refused on the other within 5 s', async () => {
    const id = await userOn(a, 'replica.one');
    const token = await b.login('replica.one', 'replica-pass-1');
    await b.http().get('/api/courses').set(bearer(token)).expect(200);
    await a.http().post(`/api/users/${id}/disable`).set(bearer(await a.login('admin'))).expect(200);
    const took = await within(5_000, async () => (await b.http().get('/api/courses').set(bearer(token))).status === 401);
    expect(took).toBeLessThan(5_000);
  });

  it('learns of a login ended behind its back (no broadcast) from its poll within 5 s', async () => {
    const id = await userOn(a, 'replica.two');
    const token = await b.login('replica.two', 'replica-pass-1');
    await a.http().get('/api/me').set(bearer(token)).expect(200);
    // Ended in PostgreSQL only, as if the Redis message had been lost.
    await a.ds.query(`UPDATE auth_session SET revoked_at = now(), revoked_reason = 'admin' WHERE user_id = $1`, [id]);
    for (const app of [a, b]) {
      const took = await within(5_000, async () => (await app.http().get('/api/me').set(bearer(token))).status === 401);
      expect(took).toBeLessThan(5_000);
    }
  });
});
