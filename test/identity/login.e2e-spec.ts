import { startTestApp, TestApp } from '../support/test-app';

describe('login', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // Real argon2 cost here: the timing comparison needs the hash to dominate.
    t = await startTestApp({ env: { ARGON2_MEMORY_KIB: '19456', ARGON2_TIME_COST: '2', LOGIN_MAX_FAILURES_PER_USER: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '12' } });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  async function createUser(username: string, password = 'correct-horse-1') {
    const res = await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`).send({ username, displayName: '测试', role: 'student', password });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('returns a short-lived token and the user; /api/me answers with it', async () => {
    const res = await login('student2', 'demo1234').expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, mustChangePassword: false, user: { username: 'student2', role: 'student', cohortName: '2022 上半年' } });
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.username).toBe('student2');
  });

  it('accepts the username in any case', async () => {
    await login('Student3', 'demo1234').expect(200);
  });

  it('answers an unknown user exactly as a wrong password, in about the same time', async () => {
    await createUser('timing.user');
    const wrong = await login('timing.user', 'wrong-password-x', '10.0.1.1');
    const unknown = await login('no.such.user', 'wrong-password-x', '10.0.1.2');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const time = async (username: string, ip: string) => {
      const started = process.hrtime.bigint();
      await login(username, 'wrong-password-x', ip);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const wrongTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 4; i++) {
      wrongTimes.push(await time('timing.user', `10.0.2.${i}`));
      unknownTimes.push(await time(`nobody${i}`, `10.0.3.${i}`));
    }
    // Both paths run one argon2 verification; without it the unknown path would be several times faster.
    expect(median(unknownTimes)).toBeGreaterThan(median(wrongTimes) * 0.5);
  });

  it('throttles a username after repeated failures (429 with Retry-After), from any address', async () => {
    await createUser('throttle.user');
    for (let i = 0; i < 5; i++) await login('throttle.user', 'nope-nope', `10.1.0.${i}`).expect(401);
    const res = await login('throttle.user', 'correct-horse-1', '10.1.0.99').expect(429);
    expect(res.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles an address after repeated failures across usernames', async () => {
    for (let i = 0; i < 12; i++) await login(`spray${i}`, 'nope-nope', '10.2.0.1').expect(401);
    const res = await login('student4', 'demo1234', '10.2.0.1').expect(429);
    expect(res.body.code).toBe('LOGIN_THROTTLED');
    await login('student4', 'demo1234', '10.2.0.2').expect(200);
  });

  it('refuses a disabled user, and lets them in again once enabled', async () => {
    const id = await createUser('leaver.user');
    await login('leaver.user', 'correct-horse-1', '10.3.0.1').expect(200);
    await t.http().post(`/api/users/${id}/disable`).set('Authorization', `Bearer ${admin}`).expect(200);
    const res = await login('leaver.user', 'correct-horse-1', '10.3.0.1').expect(403);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
    // A wrong password does not reveal that the account is disabled.
    expect((await login('leaver.user', 'wrong-guess-1', '10.3.0.2').expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    await t.http().post(`/api/users/${id}/enable`).set('Authorization', `Bearer ${admin}`).expect(200);
    await login('leaver.user', 'correct-horse-1', '10.3.0.3').expect(200);
  });

  it('lets a user change their password', async () => {
    await createUser('changer.user');
    const token = (await login('changer.user', 'correct-horse-1', '10.4.0.1').expect(200)).body.accessToken;
    const change = (currentPassword: string, newPassword: string) =>
      t.http().post('/api/me/password').set('Authorization', `Bearer ${token}`).send({ currentPassword, newPassword });
    expect((await change('wrong', 'another-pass-2').expect(400)).body.code).toBe('WRONG_PASSWORD');
    const changed = await change('correct-horse-1', 'another-pass-2').expect(200);
    expect(changed.headers['cache-control']).toBe('no-store');
    expect(changed.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), mustChangePassword: false, user: { username: 'changer.user' } });
    // The login that changed the password has ended; the answered one works.
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await t.http().get('/api/me').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
    await login('changer.user', 'correct-horse-1', '10.4.0.2').expect(401);
    await login('changer.user', 'another-pass-2', '10.4.0.2').expect(200);
  });
});
