// Shared bench plumbing: start the built app on its own database and Redis prefix,
// drive it with autocannon, print figures. Benchmarks are run by hand (npm run bench:*), never in CI.
'use strict';
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');

const ROOT = join(__dirname, '..');

/** How to reach PostgreSQL as the app would: DATABASE_URL's parts first, then the PG* variables. */
function pgConnection(database) {
  const url = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : null;
  return {
    host: (url && url.hostname.replace(/^\[(.*)\]$/, '$1')) || process.env.PGHOST || '127.0.0.1',
    port: Number((url && url.port) || process.env.PGPORT || 5432),
    user: (url && decodeURIComponent(url.username)) || process.env.PGUSER || 'postgres',
    password: (url && decodeURIComponent(url.password)) || process.env.PGPASSWORD || '',
    database,
  };
}

/** DATABASE_URL pointed at the bench's own database (it would otherwise win over PGDATABASE). */
function benchDatabaseUrl(database) {
  if (!process.env.DATABASE_URL) return {};
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${database}`;
  return { DATABASE_URL: url.toString() };
}

async function dropDatabase(name) {
  const c = new Client(pgConnection('postgres'));
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
}

/** The environment of a bench process: its own database and queue prefix. */
function benchEnv(port, database, env) {
  return { ...process.env, PORT: String(port), PGDATABASE: database, ...benchDatabaseUrl(database), QUEUE_PREFIX: `lms-bench-${process.pid}`, JWT_SECRET: 'bench-secret-bench-secret-bench-secret', ...env };
}

/**
 * Starts `node dist/src/main.js` with a fresh database (or, with `shareDatabase`, on one another
 * instance already uses); resolves once /health/live answers.
 */
async function startApp({ port = 3900, database = `lms_bench_${process.pid}`, env = {}, nodeArgs = [], shareDatabase = false } = {}) {
  if (!shareDatabase) await dropDatabase(database);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: benchEnv(port, database, env),
    stdio: ['ignore', process.env.BENCH_APP_STDOUT ? 'inherit' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`app exited: ${stderr}`);
    try {
      if ((await fetch(`${base}/health/live`)).ok) break;
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    pid: child.pid,
    database,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (!shareDatabase) await dropDatabase(database);
    },
  };
}

/** Starts a worker process (APP_ROLE=worker) on an app's database; resolves once its worker runs. */
async function startWorker({ database, env = {}, nodeArgs = [], niceness = 0 }) {
  // A worker sharing the machine with the API may run at a lower CPU priority (`nice`): requests first, grading in the gaps.
  const argv = [...nodeArgs, join(ROOT, 'dist/src/main.js')];
  const [cmd, args] = niceness ? ['nice', ['-n', String(niceness), process.execPath, ...argv]] : [process.execPath, argv];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...benchEnv(0, database, env), APP_ROLE: 'worker', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
  for (let i = 0; i < 300 && !output.includes('worker started'); i++) {
    if (child.exitCode !== null) throw new Error(`worker exited: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function login(base, username, password = 'demo1234') {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()).accessToken;
}

/** One autocannon run; returns requests/s and latency percentiles (ms). */
function load(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 50, duration: 5, ...opts }, (err, r) => {
      if (err) return reject(err);
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        total: r.requests.total,
        bytesPerSec: r.throughput.average,
      });
    });
  });
}

const fmt = (x) => (typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toFixed(2)) : String(x));

function table(rows) {
  const cols = Object.keys(rows[0]);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => fmt(r[c]).length)));
  const line = (vals) => vals.map((v, i) => fmt(v).padEnd(widths[i])).join('  ');
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => r[c])))].join('\n');
}

module.exports = { startApp, startWorker, login, load, table, dropDatabase, pgConnection, ROOT };
