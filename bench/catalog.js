// npm run bench:catalog — issue 2: an authenticated catalogue read of the practical course
// (8 modules, 65 lessons) against the bare endpoint of the same app, side by side, 50 connections.
'use strict';
const { startApp, login, load, table, verdict, loadNote } = require('./harness');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SECONDS = Number(process.env.BENCH_SECONDS || 5);

async function main() {
  const app = await startApp({ port: 3901 });
  try {
    // The five demo students in turn, so that reads are not all one student's.
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((i) => login(app.base, `student${i}`)));
    const auth = { authorization: `Bearer ${tokens[0]}` };
    const list = await (await fetch(`${app.base}/api/courses?system=practical`, { headers: auth })).json();
    const courseUrl = `${app.base}/api/courses/${list.items[0].id}`;
    const course = await (await fetch(courseUrl, { headers: auth })).json();
    const lessons = course.modules.reduce((n, m) => n + m.lessons.length, 0);
    console.log(`course: ${course.title}, ${course.modules.length} modules, ${lessons} lessons, ${JSON.stringify(course).length} bytes`);

    const catalogLoad = (duration) =>
      load({ url: courseUrl, duration, requests: tokens.map((t) => ({ method: 'GET', headers: { authorization: `Bearer ${t}` } })) });
    await load({ url: `${app.base}/health/live`, duration: 2 });
    await catalogLoad(2);
    const rows = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const bare = await load({ url: `${app.base}/health/live`, duration: SECONDS });
      const catalog = await catalogLoad(SECONDS);
      rows.push({ round, endpoint: 'bare GET /health/live', ...bare });
      rows.push({ round, endpoint: 'GET /api/courses/:id (5 students)', ...catalog, ratio: catalog.rps / bare.rps });
    }
    console.log(table(rows.map((r) => ({ ratio: '', ...r }))));
    const sum = (name, key) => rows.filter((r) => r.endpoint.startsWith(name)).reduce((s, r) => s + r[key], 0);
    const bareRps = sum('bare', 'rps') / ROUNDS;
    const catRps = sum('GET /api/courses', 'rps') / ROUNDS;
    const worstP99 = Math.max(...rows.filter((r) => r.endpoint.startsWith('GET /api/courses')).map((r) => r.p99));
    const errors = rows.reduce((s, r) => s + r.errors + r.non2xx, 0);
    const catalogRows = rows.filter((r) => r.endpoint.startsWith('GET /api/courses'));
    verdict(`bench:catalog (${loadNote()})`, [
      { name: 'catalogue req/s ÷ bare req/s', rounds: catalogRows.map((r) => r.ratio), target: '≥ 0.50', met: (m) => m >= 0.5 },
      { name: 'catalogue p99 (ms)', rounds: catalogRows.map((r) => r.p99), target: '< 50', met: (m) => m < 50 },
      { name: 'errors and non-2xx', rounds: [errors], target: '0', met: (m) => m === 0 },
    ]);
    console.log(`\nmean over ${ROUNDS} rounds: bare ${bareRps.toFixed(0)} req/s, catalog ${catRps.toFixed(0)} req/s, ratio ${(catRps / bareRps).toFixed(2)} (target ≥ 0.50), catalog p99 worst ${worstP99} ms (target < 50), errors ${errors}`);
  } finally {
    await app.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
