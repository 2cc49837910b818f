import vm from 'node:vm';
import { STUDENT_CHECK_IN_PATH } from '../../src/attendance/classroom-screen.service';
import { startTestApp, TestApp } from '../support/test-app';
import { awayFromStepBoundary, Caller, caller, codeOf, makeGeneralCourse, scheduleSession, userId, wrongCode } from './attendance-fixtures';
import { openOnPhone } from './check-in-phone';

/**
 * The student check-in page the classroom QR code opens, and its script. The page is checked as
 * HTML; the script is run against the real API with the page's own elements (check-in-phone.ts).
 * Codes step every 120 s with a whole step of grace, as in check-in.e2e-spec.ts.
 */
describe('student check-in page', () => {
  let t: TestApp;
  let trainer: Caller;
  let ids: string[];
  const COURSE_TITLE = '沟通与表达（线下）';

  beforeAll(async () => {
    t = await startTestApp({
      env: { CHECK_IN_STEP_SECONDS: '120', CHECK_IN_GRACE_SECONDS: '120', CHECK_IN_MAX_FAILURES: '3', CHECK_IN_FAILURE_WINDOW_SECONDS: '600' },
    });
    trainer = caller(t, await t.login('trainer1'));
    ids = [];
    for (const name of ['student1', 'student2', 'student3', 'student4']) ids.push(await userId(t, await t.login(name)));
  });
  afterAll(() => t.close());

  /** Sessions of one course may not overlap: each session gets a course of its own, with the same title and students. */
  const freshCourse = () => makeGeneralCourse(trainer, ids, COURSE_TITLE, 2);
  const pageUrl = (session: string, code = '') => `${STUDENT_CHECK_IN_PATH}?session=${encodeURIComponent(session)}&code=${encodeURIComponent(code)}`;

  /** A session that has begun, with a title and place of its own; check-in opened unless `open: false`. */
  async function session(o: { title?: string; place?: string; open?: boolean } = {}): Promise<string> {
    const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const body = { courseId: await freshCourse(), title: o.title ?? '第 3 次课：沟通技巧', startsAt, durationMinutes: 120, place: o.place ?? '孵化基地 2 号培训室', delivery: 'offline' };
    const id: string = (await trainer.post('/api/class-sessions').send(body).expect(201)).body.id;
    if (o.open !== false) await trainer.post(`/api/class-sessions/${id}/check-in-code`).expect(200);
    return id;
  }

  async function signedInPhone(sessionId: string, code: string, username: string) {
    const phone = await openOnPhone(t, pageUrl(sessionId, code));
    phone.el('username').value = username;
    phone.el('password').value = 'demo1234';
    return phone;
  }

  describe('the page', () => {
    it('shows the session and the code from the QR link, with a sign-in form, in Chinese for a phone', async () => {
      const id = await session();
      const res = await t.http().get(pageUrl(id, '482913')).expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
      expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(res.text).toContain(COURSE_TITLE);
      expect(res.text).toContain('第 3 次课：沟通技巧');
      expect(res.text).toContain('孵化基地 2 号培训室');
      expect(res.text).toMatch(/<dd>\d{1,2}月\d{1,2}日周. \d{2}:\d{2}–\d{2}:\d{2}<\/dd>/);
      expect(res.text).toMatch(/<input id="code" [^>]*value="482913">/);
      expect(res.text).toContain(`data-session="${id}"`);
      expect(res.text).toMatch(/<input id="username" /);
      expect(res.text).toMatch(/<input id="password" name="password" type="password" /);
      // Until the script runs the button stays disabled, so the form is never sent by the browser itself.
      expect(res.text).toMatch(/<button id="submit" class="primary" type="submit" disabled>签到<\/button>/);
      expect(res.text).toMatch(/<form [^>]*method="post"/);
    });

    it('takes the id in any letter case and ignores query parameters it does not know', async () => {
      const id = await session();
      const res = await t.http().get(`${pageUrl(id.toUpperCase(), '123456')}&from=singlemessage&isappinstalled=0`).expect(200);
      expect(res.text).toContain(`data-session="${id}"`);
    });

    it('says where check-in stands: not opened yet, opening later, or over', async () => {
      const notOpen = await session({ open: false });
      expect((await t.http().get(pageUrl(notOpen)).expect(200)).text).toContain('讲师还没有开启签到');
      const later = await scheduleSession(trainer, await freshCourse(), { startsInMinutes: 120 });
      expect((await t.http().get(pageUrl(later)).expect(200)).text).toMatch(/签到将于 .+ \d{2}:\d{2} 开放/);
      const over = await scheduleSession(trainer, await freshCourse(), { startsInMinutes: -300, durationMinutes: 60 });
      expect((await t.http().get(pageUrl(over)).expect(200)).text).toContain('本节课已结束，签到已关闭。');
      const open = await session();
      const page = (await t.http().get(pageUrl(open)).expect(200)).text;
      expect(page).not.toContain('class="note"');
    });

    it.each([
      ['no session at all', '/check-in', 400, '签到链接无效'],
      ['no session, only a code', '/check-in?code=123456', 400, '签到链接无效'],
      ['a malformed id', '/check-in?session=abc&code=123456', 400, '签到链接无效'],
      ['an id with SQL in it', `/check-in?session=${encodeURIComponent("1' OR '1'='1")}`, 400, '签到链接无效'],
      ['an id given twice', '/check-in?session=00000000-0000-4000-8000-000000000000&session=x', 400, '签到链接无效'],
      ['a very long id', `/check-in?session=${'a'.repeat(5000)}`, 400, '签到链接无效'],
      ['an unknown session', '/check-in?session=00000000-0000-4000-8000-000000000000&code=123456', 404, '找不到这节课'],
      ['an id of no UUID version', '/check-in?session=ffffffff-ffff-ffff-ffff-ffffffffffff', 404, '找不到这节课'],
    ])('answers %s with a friendly page, not an error body', async (_, url, status, title) => {
      const res = await t.http().get(url).expect(status);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('<html lang="zh-CN">');
      expect(res.text).toContain(`<p class="result-title">${title}</p>`);
      expect(res.text).toContain('请重新扫描课堂屏幕上的二维码');
      expect(res.text).not.toContain('<form');
      expect(res.text).not.toContain('<script');
      expect(res.text).not.toMatch(/Error|statusCode|at .*\.(ts|js):\d+/);
    });

    it('escapes what the link and the trainer put into the page, and holds no inline script', async () => {
      const id = await session({ title: '<img src=x onerror=alert(1)>', place: `"'><script>alert(2)</script>&` });
      const hostile = '"><script>alert(3)</script>';
      const res = await t.http().get(pageUrl(id, hostile)).expect(200);
      expect(res.text).toContain('value="&#34;&#62;&#60;script&#62;alert(3)&#60;/script&#62;"');
      expect(res.text).toContain('<p class="session-title">&#60;img src=x onerror=alert(1)&#62;</p>');
      expect(res.text).toContain('<dd>&#34;&#39;&#62;&#60;script&#62;alert(2)&#60;/script&#62;&#38;</dd>');
      expect(res.text).not.toMatch(/alert\(\d\)<\/script>|<img /);
      // One script element, empty, loading a file of this origin; no event-handler attributes, no javascript: URLs.
      const scripts = [...res.text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
      expect(scripts.map((s) => s[0])).toEqual([expect.stringMatching(/^<script src="\/assets\/check-in\.js\?v=[0-9a-f]{16}"><\/script>$/)]);
      expect(res.text.match(/<script/g)).toHaveLength(1);
      const tags = res.text.match(/<[a-z][^>]*>/gi) ?? [];
      expect(tags.filter((tag) => /\son[a-z]+=/i.test(tag))).toEqual([]);
      expect(res.text).not.toMatch(/javascript:/i);
    });

    it('keeps only a code-sized prefix of an overlong code', async () => {
      const id = await session();
      const res = await t.http().get(pageUrl(id, '1'.repeat(500))).expect(200);
      expect(res.text).toContain(`value="${'1'.repeat(32)}"`);
    });

    it("runs under helmet's policy (scripts of this origin only), without upgrading requests over plain http", async () => {
      const id = await session();
      const overHttp = await t.http().get(pageUrl(id)).expect(200);
      const csp = overHttp.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      // Behind a TLS-terminating proxy (trusted: loopback) the policy is helmet's, unchanged.
      const overHttps = await t.http().get(pageUrl(id)).set('X-Forwarded-Proto', 'https').expect(200);
      expect(overHttps.headers['content-security-policy']).toBe(`${csp};upgrade-insecure-requests`);
      const api = await t.http().get('/health/live');
      expect(api.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    });
  });

  describe('the script', () => {
    it('is a JavaScript file of its own, cached for good under the version the page links', async () => {
      const id = await session();
      const page = await t.http().get(pageUrl(id)).expect(200);
      const src = /<script src="([^"]+)"><\/script>/.exec(page.text)?.[1] as string;
      const res = await t.http().get(src).expect(200);
      expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(() => new vm.Script(res.text)).not.toThrow();
      expect(res.text).toContain("'/api/auth/login'");
      expect(res.text).toContain("'/check-in'");
      expect(res.text).not.toMatch(/innerHTML|eval\(|new Function/);
      // Without (or with another) version it is cached briefly only, so a new release reaches phones soon.
      const bare = await t.http().get('/assets/check-in.js').expect(200);
      expect(bare.text).toBe(res.text);
      expect(bare.headers['content-type']).toBe('application/javascript; charset=utf-8');
      expect(bare.headers['cache-control']).toBe('public, max-age=300');
      expect((await t.http().get('/assets/check-in.js?v=0000000000000000').expect(200)).headers['cache-control']).toBe('public, max-age=300');
    });

    it('signs in, checks in and says 签到成功; a second tap says 已签到 with the token it kept', async () => {
      const id = await session();
      await awayFromStepBoundary(t);
      const phone = await signedInPhone(id, codeOf(t, id), 'student1');
      expect(phone.el('loading').hidden).toBe(true);
      expect(phone.el('login').hidden).toBe(false);
      expect(phone.el('account').hidden).toBe(true);
      await phone.submit();
      expect(phone.result()).toEqual({ shown: true, kind: 'ok', title: '签到成功', detail: '本节课记为出勤。' });
      expect(phone.requests).toEqual(['POST /api/auth/login', `POST /api/class-sessions/${id}/check-in`]);
      expect(phone.storage.get('lms.checkIn.token')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(phone.el('password').value).toBe('');
      expect(phone.el('login').hidden).toBe(true);
      expect(phone.el('account').hidden).toBe(false);
      expect(phone.el('account-name').textContent).not.toBe('');

      await phone.submit();
      expect(phone.result()).toMatchObject({ kind: 'ok', title: '已签到' });
      expect(phone.requests.slice(2)).toEqual([`POST /api/class-sessions/${id}/check-in`]);
      const roster = await trainer.get(`/api/class-sessions/${id}/attendance`).expect(200);
      const mine = roster.body.items.find((r: { username: string }) => r.username === 'student1');
      expect(mine.status).toBe('present');

      // The same tab opens the next QR link already signed in.
      const next = await session();
      await awayFromStepBoundary(t);
      const again = await openOnPhone(t, pageUrl(next, codeOf(t, next)), phone.storage);
      expect(again.el('login').hidden).toBe(true);
      await again.submit();
      expect(again.result().title).toBe('签到成功');
      expect(again.requests).toEqual([`POST /api/class-sessions/${next}/check-in`]);
    });

    it('says 签到成功（迟到） for a late check-in', async () => {
      const id = await scheduleSession(trainer, await freshCourse(), { startsInMinutes: -30, durationMinutes: 90 });
      await trainer.post(`/api/class-sessions/${id}/check-in-code`).expect(200);
      await awayFromStepBoundary(t);
      const phone = await signedInPhone(id, codeOf(t, id), 'student2');
      await phone.submit();
      expect(phone.result()).toMatchObject({ kind: 'warn', title: '签到成功（迟到）' });
    });

    it('explains a wrong code, a closed check-in, the wrong time and a course not taken in Chinese', async () => {
      const id = await session();
      const phone = await signedInPhone(id, wrongCode(t, id), 'student2');
      await phone.submit();
      expect(phone.result()).toEqual({ shown: true, kind: 'error', title: '签到码错误或已过期', detail: '请输入课堂屏幕上当前显示的 6 位签到码。' });
      phone.el('code').value = codeOf(t, id, 3);
      await phone.submit();
      expect(phone.result().title).toBe('签到码错误或已过期');
      phone.el('code').value = '12ab56';
      await phone.submit();
      expect(phone.result().title).toBe('签到码格式不对');

      const notOpen = await session({ open: false });
      const p2 = await openOnPhone(t, pageUrl(notOpen, codeOf(t, notOpen)), phone.storage);
      await p2.submit();
      expect(p2.result()).toMatchObject({ kind: 'error', title: '签到未开放' });

      const later = await scheduleSession(trainer, await freshCourse(), { startsInMinutes: 120 });
      const p3 = await openOnPhone(t, pageUrl(later, '123456'), phone.storage);
      await p3.submit();
      expect(p3.result().title).toBe('不在签到时间');
      expect(p3.result().detail).toMatch(/^本节课的签到时间是 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 至 \d{1,2}月\d{1,2}日 \d{2}:\d{2}。$/);

      await awayFromStepBoundary(t);
      const outsider = await signedInPhone(id, codeOf(t, id), 'student5');
      await outsider.submit();
      expect(outsider.result()).toMatchObject({ kind: 'error', title: '未选该课程' });
    });

    it('tells an account with a generated password to change it first', async () => {
      const id = await session();
      const admin = await t.login('admin');
      const created = await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`).send({ username: 'fresh.student', displayName: '新学员', role: 'student' }).expect(201);
      await awayFromStepBoundary(t);
      const phone = await signedInPhone(id, codeOf(t, id), 'fresh.student');
      phone.el('password').value = created.body.initialPassword;
      await phone.submit();
      expect(phone.result()).toMatchObject({ kind: 'error', title: '请先修改初始密码' });
    });

    it('says 尝试次数过多，请稍后再试 after repeated wrong codes', async () => {
      const id = await session();
      const phone = await signedInPhone(id, wrongCode(t, id), 'student3');
      for (let i = 0; i < 3; i++) {
        await phone.submit();
        expect(phone.result().title).toBe('签到码错误或已过期');
      }
      await phone.submit();
      expect(phone.result().title).toBe('尝试次数过多，请稍后再试');
      expect(phone.result().detail).toMatch(/请 \d+ (秒|分钟)后再试。$/);
    });

    it('refuses a wrong password and a trainer account, and signs in again when the token has expired', async () => {
      const id = await session();
      const phone = await openOnPhone(t, pageUrl(id, codeOf(t, id)));
      phone.el('username').value = 'student4';
      phone.el('password').value = 'wrong-password';
      await phone.submit();
      expect(phone.result()).toMatchObject({ kind: 'error', title: '用户名或密码错误' });
      expect(phone.requests).toEqual(['POST /api/auth/login']);
      expect(phone.storage.size).toBe(0);

      phone.el('username').value = 'trainer1';
      phone.el('password').value = 'demo1234';
      await phone.submit();
      expect(phone.result().title).toBe('请使用学员账号签到');
      expect(phone.storage.size).toBe(0);

      const stale = new Map([['lms.checkIn.token', 'not.a.jwt'], ['lms.checkIn.name', '学员四']]);
      const p2 = await openOnPhone(t, pageUrl(id, codeOf(t, id)), stale);
      expect(p2.el('login').hidden).toBe(true);
      expect(p2.el('account-name').textContent).toBe('学员四');
      await p2.submit();
      expect(p2.result().title).toBe('登录已过期');
      expect(stale.size).toBe(0);
      expect(p2.el('login').hidden).toBe(false);
    });

    it('asks for what is missing before sending anything, and lets the student switch accounts', async () => {
      const id = await session();
      const phone = await openOnPhone(t, pageUrl(id, ''));
      await phone.submit();
      expect(phone.result().title).toBe('请输入签到码');
      expect(phone.el('code').focused).toBe(true);
      phone.el('code').value = '123456';
      await phone.submit();
      expect(phone.result().title).toBe('请先登录');
      expect(phone.requests).toEqual([]);

      const signedIn = await openOnPhone(t, pageUrl(id, '123456'), new Map([['lms.checkIn.token', 'x.y.z']]));
      signedIn.el('switch-account').dispatch('click');
      expect(signedIn.storage.size).toBe(0);
      expect(signedIn.el('login').hidden).toBe(false);
      expect(signedIn.el('account').hidden).toBe(true);
    });
  });
});
