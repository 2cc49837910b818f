// Browser tests: Debian's Chromium driven by playwright-core (no browser download), against a test app
// listening on a free port. Other portal tests reuse `startPortal()`, `newPage()` and `loginAs()`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { portalRoot } from '../../src/portal/serve-portal';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

const ROOT = join(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without the background-networking flags Chromium tries Google's hosts at start (docs/stack.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots of the pages the tests visit (test artifacts, not committed). */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 860 };

/** Builds the portal when dist/web is missing (`npm test` builds it first through `pretest`). */
export function ensurePortalBuilt(): void {
  if (existsSync(join(portalRoot(), 'index.html'))) return;
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
}

export interface Portal {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A fresh browser context (own storage, no shared login) with one page. */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
}

/** The app (seeded database) listening on a free port, and a headless Chromium; the app gzips as `npm start` does. */
export async function startPortal(opts: TestAppOptions = {}): Promise<Portal> {
  ensurePortalBuilt();
  const t = await startTestApp({ ...opts, env: { HTTP_COMPRESSION: 'true', ...opts.env } });
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const contexts: BrowserContext[] = [];
  return {
    t,
    base,
    browser,
    newPage: async (viewport = DESKTOP) => {
      const context = await browser.newContext({ viewport, baseURL: base, locale: 'zh-CN', isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
      contexts.push(context);
      const page = await context.newPage();
      // A script error in the page shows in the test output (a blank page otherwise only times out).
      page.on('pageerror', (err) => process.stderr.write(`[browser ${page.url()}] ${err.stack ?? err.message}\n`));
      return page;
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the login page and waits for the role's home page. */
export async function loginAs(page: Page, username: string, password = 'demo1234'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel(/^密码/).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/(student|trainer|admin)(\/|$)/);
}

/** What the portal keeps in localStorage (web/src/auth/session.ts), or null when signed out. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: { username: string; role: string };
}

interface PageStorage {
  localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
}

export async function storedSession(page: Page): Promise<StoredSession | null> {
  const raw = await page.evaluate(() => (globalThis as unknown as PageStorage).localStorage.getItem('lms.session'));
  return raw ? (JSON.parse(raw) as StoredSession) : null;
}

export async function setStoredSession(page: Page, session: StoredSession): Promise<void> {
  await page.evaluate((s) => (globalThis as unknown as PageStorage).localStorage.setItem('lms.session', JSON.stringify(s)), session);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

type SettlingDocument = { document: { getAnimations(): Array<{ finished: Promise<unknown>; effect: { getComputedTiming(): { iterations: number } } | null }> } };

/**
 * axe after the page's CSS transitions ended (a button fading out of its loading state reads as
 * low contrast). Only finite animations are waited for, round after round as they start others:
 * a spinner's turn never ends, and one caught leaving goes with its finite exit motion.
 */
export async function axeWhenSettled(page: Page): Promise<AxeViolation[]> {
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    const doc = (globalThis as unknown as SettlingDocument).document;
    for (let round = 0; round < 10; round++) {
      const finite = doc.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
      if (finite.length === 0) return;
      await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    }
  });
  return seriousAxeViolations(page);
}

/** axe-core inside the page; the serious and critical violations (an empty list passes). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') would refuse an inline script tag.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
