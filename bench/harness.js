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

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Prints each target with the median of its rounds, the target and met / missed, and sets a
 * non-zero exit code when one is missed. A target: { name, rounds: number[], target: '≥ 0.80',
 * met: (median) => boolean }.
 */
function verdict(title, targets) {
  const rows = targets.map((t) => {
    const m = median(t.rounds);
    const met = Number.isFinite(m) && t.met(m);
    return { target: t.name, rounds: t.rounds.map((v) => fmt(Math.round(v * 100) / 100)).join(' / '), median: Math.round(m * 100) / 100, wanted: t.target, verdict: met ? 'met' : 'MISSED' };
  });
  console.log(`\n${title}: targets (median of the rounds)\n${table(rows)}`);
  const missed = rows.filter((r) => r.verdict !== 'met');
  if (missed.length) {
    console.log(`${missed.length} of ${rows.length} targets missed: ${missed.map((r) => r.target).join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log(`all ${rows.length} targets met`);
  }
  return missed.length === 0;
}

/** The machine's load average now, to note beside figures taken on a shared machine. */
function loadNote() {
  const [one, five] = require('node:os').loadavg();
  return `load average ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) on ${require('node:os').cpus().length} cores`;
}

module.exports = { startApp, startWorker, login, load, table, dropDatabase, pgConnection, median, verdict, loadNote, ROOT };
