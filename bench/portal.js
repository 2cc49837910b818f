// node bench/portal.js (after npm run build) — issue 13: the portal on a slow phone. Debian's
// Chromium (playwright-core) with Chromium's own throttling — 4 × CPU slowdown, 1.6 Mbit/s down,
// 750 kbit/s up, 150 ms round trip — loads each page cold (new context, empty cache), several
// rounds. Targets: the student dashboard and the lesson page reach Largest Contentful Paint in
// under 2.5 s; the JavaScript a student page loads is at most 250 KB (bytes on the wire, gzip).
// Baseline in the same run: the server-rendered check-in page (one small HTML document and a
// script), which shows what the throttled link alone costs. Prints the script bytes per route.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { chromium } = require('playwright-core');
const { startApp, login, table, verdict, median, loadNote, ROOT } = require('./harness');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PHONE = { width: 390, height: 844 };
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
const CPU_SLOWDOWN = 4;

/** Which npm packages each built chunk holds (dist/web/.vite/chunks.json, written by web/vite.config.ts). */
const chunkPackages = JSON.parse(readFileSync(join(ROOT, 'dist/web/.vite/chunks.json'), 'utf8'));

/** The latest Largest Contentful Paint candidate, recorded from the very start of the document. */
function recordLcp() {
  globalThis.__lcp = NaN;
  globalThis.__lcpElement = '';
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      globalThis.__lcp = entry.startTime;
      globalThis.__lcpElement = entry.element ? `${entry.element.tagName.toLowerCase()}${entry.element.className ? '.' + String(entry.element.className).split(' ')[0] : ''}` : '(removed)';
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

async function api(base, token, path) {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

/** A seeded course the demo student is enrolled in, and its first video lesson (else its first lesson). */
async function lessonPath(base, token) {
  const courses = await api(base, token, '/api/me/courses');
  const list = Array.isArray(courses) ? courses : courses.items;
  for (const c of list) {
    const courseId = c.courseId ?? c.id;
    const course = await api(base, token, `/api/courses/${courseId}`);
    const lessons = (course.modules ?? []).flatMap((m) => m.lessons ?? []);
    const lesson = lessons.find((l) => l.mode === 'video') ?? lessons[0];
    if (lesson) return `/student/courses/${courseId}/lessons/${lesson.id}`;
  }
  throw new Error('the demo student has no course with lessons');
}

/**
 * One cold load of `path` on a throttled phone: LCP (ms after navigation start) and the script
 * bytes on the wire with the chunks they came in.
 */
async function coldLoad(browser, base, path, session) {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', baseURL: base });
  if (session) await context.addInitScript((s) => globalThis.localStorage.setItem('lms.session', s), JSON.stringify(session));
  await context.addInitScript(recordLcp);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const scripts = new Map();
  let scriptBytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.set(e.requestId, e.response.url);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (scripts.has(e.requestId)) scriptBytes += e.encodedDataLength;
  });
  await page.goto(path, { waitUntil: 'load' });
  // A portal page is there once its area drew the title and the page's own chunk and data came
  // (networkidle alone can fire in the gap while a slowed CPU still parses the first script). A
  // plain check every 250 ms: a locator's wait checks every frame, on the throttled CPU it measures.
  await page.waitForFunction(() => document.querySelector('h1') !== null, undefined, { polling: 250, timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const [lcp, lcpElement] = await page.evaluate(() => [globalThis.__lcp, globalThis.__lcpElement]);
  const chunks = [...scripts.values()].map((u) => new URL(u).pathname.replace(/^\/static\//, 'static/'));
  await context.close();
  return { lcp, lcpElement, scriptKB: scriptBytes / 1024, chunks };
}

async function main() {
  console.log(`bench:portal — ${loadNote()}; ${ROUNDS} cold loads per page, CPU ÷${CPU_SLOWDOWN}, 1.6 Mbit/s, 150 ms RTT`);
  const app = await startApp({ port: 3950 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const sessionOf = async (username) => {
      const res = await fetch(`${app.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) });
      const a = await res.json();
      return { accessToken: a.accessToken, refreshToken: a.refreshToken, refreshExpiresAt: a.refreshExpiresAt, user: { ...a.user, mustChangePassword: a.mustChangePassword } };
    };
    const student = await sessionOf('student1');
    const lesson = await lessonPath(app.base, await login(app.base, 'student1'));
    const pages = [
      { name: 'baseline: check-in page (server-rendered)', path: '/check-in', session: null },
      { name: 'student dashboard', path: '/student', session: student, lcpTarget: true },
      { name: 'student lesson page', path: lesson, session: student, lcpTarget: true },
      { name: 'student exams', path: '/student/exams', session: student },
      { name: 'trainer home', path: '/trainer', session: await sessionOf('trainer1') },
      { name: 'admin home', path: '/admin', session: await sessionOf('admin') },
    ];
    const results = new Map(pages.map((p) => [p.name, []]));
    // Rounds interleave the pages, so a slow minute of a shared machine hurts them all alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const p of pages) results.get(p.name).push(await coldLoad(browser, app.base, p.path, p.session));
    }
    const rows = pages.map((p) => {
      const r = results.get(p.name);
      return { page: p.name, path: p.path.length > 40 ? `${p.path.slice(0, 37)}...` : p.path, 'LCP median ms': Math.round(median(r.map((x) => x.lcp))), 'LCP rounds ms': r.map((x) => Math.round(x.lcp)).join(' / '), 'script KB (gzip)': Math.round(median(r.map((x) => x.scriptKB))), 'LCP element': r[0].lcpElement };
    });
    console.log(table(rows));
    console.log('\nscript chunks per page (first round) and the packages they hold:');
    for (const p of pages) {
      const chunks = results.get(p.name)[0].chunks;
      const packages = [...new Set(chunks.flatMap((c) => chunkPackages[c]?.packages ?? []))].filter((x) => x !== 'web');
      console.log(`  ${p.name}: ${chunks.length} scripts; packages: ${packages.join(', ') || '(none)'}`);
    }
    const baseline = median(results.get(pages[0].name).map((x) => x.lcp));
    const studentPages = pages.filter((p) => p.path.startsWith('/student'));
    const antdOnStudent = studentPages.flatMap((p) => results.get(p.name)[0].chunks.filter((c) => (chunkPackages[c]?.packages ?? []).includes('antd')));
    console.log(`\nbaseline LCP ${Math.round(baseline)} ms; a student page loading antd: ${antdOnStudent.length ? antdOnStudent.join(', ') : 'none'}`);
    const targets = [];
    for (const p of pages.filter((x) => x.lcpTarget)) {
      const lcps = results.get(p.name).map((x) => x.lcp);
      targets.push({ name: `${p.name}: LCP (ms)`, rounds: lcps, target: '< 2500', met: (m) => m < 2500 });
      targets.push({ name: `${p.name}: LCP ÷ baseline`, rounds: lcps.map((x) => x / baseline), target: '(shown)', met: () => true });
    }
    for (const p of studentPages) targets.push({ name: `${p.name}: script KB on the wire`, rounds: results.get(p.name).map((x) => x.scriptKB), target: '≤ 250', met: (m) => m <= 250 });
    targets.push({ name: 'student pages loading an antd chunk', rounds: [antdOnStudent.length], target: '0', met: (m) => m === 0 });
    verdict('bench:portal', targets);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
