import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { portalRoot } from '../../src/portal/serve-portal';
import { DESKTOP, loginAs, PHONE, type Portal, screenshot, seriousAxeViolations, setStoredSession, startPortal, storedSession } from '../support/browser';

/** Every script the page fetched, by its file name (the chunks are named after their area or library). */
function scriptsOf(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (r: Request) => {
    if (r.resourceType() === 'script') names.push(new URL(r.url()).pathname);
  });
  return names;
}

/** The packages bundled into a served chunk, from the report the build writes (web/vite.config.ts). */
function packagesOf(script: string): string[] {
  const report = JSON.parse(readFileSync(join(portalRoot(), '.vite/chunks.json'), 'utf8')) as Record<string, { packages: string[] }>;
  const chunk = report[script.replace(/^\//, '')];
  if (!chunk) throw new Error(`${script} is not in the build's chunk report`);
  return chunk.packages;
}

describe('portal (browser)', () => {
  let p: Portal;

  beforeAll(async () => {
    p = await startPortal();
  });
  afterAll(() => p?.close());

  it('a student signs in on a phone, sees the hours per course system, and never loads antd', async () => {
    const page = await p.newPage(PHONE);
    const scripts = scriptsOf(page);
    await loginAs(page, 'student1');
    expect(new URL(page.url()).pathname).toBe('/student');
    await expect(page.getByText(/你好，/).textContent()).resolves.toMatch(/你好，\S+/);

    // The hours per system, as the transcript API gives them.
    const transcript = await p.t.http().get('/api/me/transcript').set('Authorization', `Bearer ${await p.t.login('student1')}`).expect(200);
    const systems = transcript.body.systems as Array<{ name: string; creditedHours: number; requiredHours: number }>;
    expect(systems.length).toBeGreaterThan(0);
    for (const s of systems) {
      await page.getByRole('progressbar', { name: `${s.name}学时` }).waitFor();
      await expect(page.getByText(`${s.creditedHours} / ${s.requiredHours} 学时`).first().isVisible()).resolves.toBe(true);
    }
    await screenshot(page, 'student-home-390');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The build's chunk report names the packages inside each chunk: antd-mobile came, antd did not.
    const loaded = scripts.map(packagesOf);
    expect(loaded.flat()).toContain('antd-mobile');
    expect(loaded.flat().filter((name) => name === 'antd' || name.startsWith('@ant-design/'))).toEqual([]);
    expect(scripts.filter((s) => /StaffLayout|TrainerArea|AdminArea/.test(s))).toEqual([]);
  });

  it('an admin signs in on a desktop and sees the admin layout with its side menu', async () => {
    const page = await p.newPage(DESKTOP);
    const scripts = scriptsOf(page);
    await loginAs(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByRole('navigation', { name: '管理后台菜单' }).getByRole('menuitem', { name: '概览' }).waitFor();
    await page.getByRole('heading', { name: '概览' }).waitFor();
    await page.getByRole('button', { name: /退\s*出/ }).waitFor();
    expect(scripts.flatMap(packagesOf)).toContain('antd');
    await screenshot(page, 'admin-home');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('a trainer lands on the trainer desk; a student sent to /admin lands on their own home', async () => {
    const trainer = await p.newPage(DESKTOP);
    await loginAs(trainer, 'trainer1');
    expect(new URL(trainer.url()).pathname).toBe('/trainer');
    await trainer.getByRole('navigation', { name: '讲师工作台菜单' }).waitFor();

    const student = await p.newPage(PHONE);
    await loginAs(student, 'student2');
    await student.goto('/admin');
    await student.waitForURL((u) => u.pathname === '/student');
  });

  it('a wrong password shows the Chinese sentence for INVALID_CREDENTIALS, not the English message', async () => {
    const page = await p.newPage(PHONE);
    await page.goto('/login');
    await page.getByLabel('用户名').fill('student3');
    await page.getByLabel(/^密码/).fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('用户名或密码错误。');
    expect(await page.content()).not.toContain('Wrong username or password');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('logout ends the login on the server and returns to the login page', async () => {
    const page = await p.newPage(PHONE);
    await loginAs(page, 'student4');
    const { refreshToken } = (await storedSession(page))!;
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await storedSession(page)).toBeNull();
    // The refresh token no longer works: the login ended on the server, not only in the browser.
    await p.t.http().post('/api/auth/refresh').send({ refreshToken }).expect(401);
    // Back in an area without a session: sent to the login page.
    await page.goto('/student');
    await page.waitForURL((u) => u.pathname === '/login');
  });

  it("a first load asks for the dashboard's data while the page's code is still on its way, and asks once", async () => {
    const page = await p.newPage(PHONE);
    await loginAs(page, 'student4');
    await page.getByRole('progressbar').first().waitFor();
    // Hold the dashboard's own chunk back: its GETs must go out all the same (sent by the shell).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    await page.route(/\/static\/HomePage-[\w-]+\.js$/, async (route) => {
      holding = true;
      await held;
      holding = false;
      await route.continue();
    });
    const whileHeld: string[] = [];
    const afterwards: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) (holding ? whileHeld : afterwards).push(path);
    });
    const reloaded = page.reload();
    for (let i = 0; i < 100 && whileHeld.length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    release();
    await reloaded;
    await page.getByRole('progressbar').first().waitFor();
    await page.getByTestId('next-tier').waitFor();
    await page.waitForLoadState('networkidle');
    expect(whileHeld.map((x) => x.replace(/[0-9a-f-]{36}/, ':id')).sort()).toEqual(['/api/exams', '/api/me/courses', '/api/me/transcript', '/api/students/:id/eligibility']);
    // The page took those answers rather than asking again.
    expect(afterwards).toEqual([]);
  });

  it('renews an expired access token once and carries on', async () => {
    const page = await p.newPage(PHONE);
    await loginAs(page, 'student5');
    await page.getByRole('progressbar').first().waitFor();
    // Spoil the access token: the next API call gets a 401, renews with the refresh token, and is sent again.
    await setStoredSession(page, { ...(await storedSession(page))!, accessToken: 'expired.token.value' });
    const calls: Array<[string, number]> = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) calls.push([path, r.status()]);
    });
    await page.reload();
    await page.getByRole('progressbar').first().waitFor();
    await page.waitForLoadState('networkidle');
    // The dashboard's calls run together: each is refused once, they share one renewal, each is sent again.
    expect(calls.filter(([path]) => path === '/api/auth/refresh')).toEqual([['/api/auth/refresh', 200]]);
    const others = calls.filter(([path]) => path !== '/api/auth/refresh');
    const refused = others.filter(([, status]) => status === 401).map(([path]) => path).sort();
    expect(refused.length).toBeGreaterThan(0);
    expect(others.filter(([, status]) => status === 200).map(([path]) => path).sort()).toEqual(refused);
    expect((await storedSession(page))?.accessToken).not.toBe('expired.token.value');
  });

  it('the login page has no serious or critical axe-core violation (phone and desktop)', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await p.newPage(viewport);
      await page.goto('/login');
      await page.getByRole('button', { name: /登\s*录/ }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, `login-${viewport.width}`);
    }
  });
});

describe('portal: first sign-in with an initial password (browser)', () => {
  let p: Portal;

  beforeAll(async () => {
    p = await startPortal();
  });
  afterAll(() => p?.close());

  it('sends the user to the change-password page, then to their home with the new password', async () => {
    const admin = await p.t.login('admin');
    const created = await p.t.http().post('/api/users').set('Authorization', `Bearer ${admin}`).send({ username: 'new.student', displayName: '新学员', role: 'student' }).expect(201);
    const initial = created.body.initialPassword as string;
    expect(initial).toEqual(expect.any(String));

    const page = await p.newPage(PHONE);
    await page.goto('/login');
    await page.getByLabel('用户名').fill('new.student');
    await page.getByLabel(/^密码/).fill(initial);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => u.pathname === '/change-password');
    // The areas stay closed until the password is changed.
    await page.goto('/student');
    await page.waitForURL((u) => u.pathname === '/change-password');

    await page.getByLabel(/^当前密码/).fill('wrong-initial-1');
    await page.getByLabel(/^新密码/).fill('my-new-password-1');
    await page.getByLabel(/^确认新密码/).fill('my-new-password-1');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('当前密码不正确。');

    await page.getByLabel(/^当前密码/).fill(initial);
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.waitForURL((u) => u.pathname === '/student');
    await page.getByText('你好，新学员').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await p.t.http().post('/api/auth/login').send({ username: 'new.student', password: 'my-new-password-1' }).expect(200);
  });
});
