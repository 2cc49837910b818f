// npm run bench:playback — issue 3, in one run:
//   (1)  heartbeat ingest: authenticated heartbeats from many simulated students, 100 connections,
//        against the bare endpoint of the same app, side by side; every acknowledged heartbeat is
//        then checked in the database;
//   (1b) watch-time accuracy: students at 1× and 2× with 10 % of heartbeats dropped (the client
//        resends what was not acknowledged), and students who seek to the end or claim everything;
//   (2)  streaming: concurrent 1 MiB range requests over a ~200 MB file from nginx serving the file
//        directly, from the app behind nginx (MEDIA_DELIVERY=nginx: the app checks the link and
//        answers X-Accel-Redirect, nginx sends the bytes) and from the app alone (embedded: Node's
//        streams), with peak RSS.
// Every target is printed with the median of its rounds and met / missed; a miss exits non-zero.
// Environment knobs: BENCH_ROUNDS, BENCH_SECONDS, BENCH_STUDENTS, BENCH_CONNECTIONS,
// BENCH_WATCH_SECONDS, BENCH_HB_INTERVAL, BENCH_STREAM_MB, BENCH_STREAM_CONNECTIONS, and
// BENCH_ONLY=ingest,accuracy,streaming to run a part; BENCH_NODE_ARGS (e.g. --cpu-prof) for the app.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { randomBytes, randomInt } = require('node:crypto');
const fs = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { startApp, login, load, table, pgConnection, verdict, loadNote } = require('./harness');
const { pacedLoad } = require('./paced-load');
const { rangeLoad } = require('./range-load');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const STUDENTS = Number(process.env.BENCH_STUDENTS || 400);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 100);
const WATCH_SECONDS = Number(process.env.BENCH_WATCH_SECONDS || 60);
const HB_INTERVAL = Number(process.env.BENCH_HB_INTERVAL || 10);
const STREAM_MB = Number(process.env.BENCH_STREAM_MB || 200);
const STREAM_CONNECTIONS = Number(process.env.BENCH_STREAM_CONNECTIONS || 50);
const RANGE_BYTES = 1024 * 1024;
const VIDEO_SECONDS = 3600;
const MAX_RATE = 2;
const TOLERANCE = 2;
const STREAM_PORT = 3904;
const ONLY = new Set((process.env.BENCH_ONLY || 'ingest,accuracy,streaming').split(','));
const PORT = 3902;
const NGINX_PORT = 3903;
const NGINX_PROXY_PORT = 3905;
/** What a heartbeat may cost in tail latency over the bare route of the same app, same connections, same run. */
const P99_FACTOR = 1.5;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes) => bytes / 1024 / 1024;

function api(base) {
  return async function call(method, path, token, body, headers = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload = body;
    if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${base}${path}`, { method, headers: h, body: payload });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : {};
  };
}

async function inBatches(items, size, work) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

/** A tiny real MP4 ("fast start": moov first), optionally followed by a `free` box of random bytes. */
function makeVideo(dir, seconds, padBytes = 0) {
  const path = join(dir, `bench-${seconds}s-${padBytes}.mp4`);
  execFileSync('ffmpeg', ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'color=c=black:s=16x16:r=1', '-t', String(seconds),
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', path]);
  if (padBytes > 0) {
    const fd = fs.openSync(path, 'a');
    const header = Buffer.alloc(16);
    header.writeUInt32BE(1, 0); // 64-bit size form
    header.write('free', 4, 'latin1');
    header.writeBigUInt64BE(BigInt(padBytes + 16), 8);
    fs.writeSync(fd, header);
    const chunk = randomBytes(8 * 1024 * 1024);
    for (let left = padBytes; left > 0; left -= chunk.length) fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
    fs.closeSync(fd);
  }
  return path;
}

async function setup(app, dataDir, work) {
  const call = api(app.base);
  const admin = await login(app.base, 'admin');
  const trainer = await login(app.base, 'trainer1');
  const cohortName = `bench-${process.pid}`;
  const csv = ['username,display_name,role,cohort,password',
    ...Array.from({ length: STUDENTS }, (_, i) => `bench${String(i).padStart(4, '0')},压测学员${i},student,${cohortName},bench-pass-1`)].join('\n');
  const report = await call('POST', '/api/users/import?createCohorts=true', admin, csv, { 'content-type': 'text/csv' });
  if (report.created !== STUDENTS) throw new Error(`CSV import created ${report.created} of ${STUDENTS}`);
  const cohort = (await call('GET', '/api/cohorts', admin)).items.find((c) => c.name === cohortName);

  const form = new FormData();
  form.append('file', await fs.openAsBlob(makeVideo(work, VIDEO_SECONDS)), 'lesson.mp4');
  const media = await call('POST', '/api/media', trainer, form);
  const course = await call('POST', '/api/courses', trainer, { systemCode: 'practical', title: '压测课程' });
  const module = await call('POST', `/api/courses/${course.id}/modules`, trainer, { title: '模块' });
  const lesson = async (title, allowSkipAhead) => {
    const l = await call('POST', `/api/modules/${module.id}/lessons`, trainer, { title, mode: 'video', creditMinutes: 60, allowSkipAhead });
    await call('PATCH', `/api/lessons/${l.id}`, trainer, { mediaId: media.id });
    return l.id;
  };
  const lessons = { ingest: await lesson('心跳压测', false), noSkip: await lesson('准确度（不可快进）', false), skip: await lesson('准确度（可快进）', true) };
  await call('POST', `/api/courses/${course.id}/publish`, trainer);
  await call('POST', `/api/courses/${course.id}/enrollments`, trainer, { cohortId: cohort.id });
  const students = await inBatches([...Array(STUDENTS).keys()], 25, async (i) => {
    const token = await login(app.base, `bench${String(i).padStart(4, '0')}`, 'bench-pass-1');
    return { token };
  });
  return { call, admin, trainer, media, lessons, students, cohortName };
}

// ---------------------------------------------------------------------------------------------
// Process accounting

/** A process and the processes it started (nginx's workers). */
function processTree(root) {
  const pids = [root];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === root) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString());

/** CPU seconds used so far by each of these processes (all threads, user and system). */
function cpuByPid(pids) {
  const seconds = new Map();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return seconds;
}

/** CPU seconds `pids()` used between a reading `before` (of cpuByPid) and now; processes that ended meanwhile are left out. */
function cpuSince(before, pids) {
  let total = 0;
  for (const [pid, seconds] of cpuByPid(pids)) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** PostgreSQL's processes (the bench's databases are the only busy ones). */
function postgresPids() {
  return fs.readdirSync('/proc').map(Number).filter((entry) => {
    try {
      return /^\d+$/.test(entry) && fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres';
    } catch {
      return false; // gone meanwhile
    }
  });
}

/**
 * Runs `work` and returns its result with the CPU time per request (ms) that the app, PostgreSQL
 * and this process (the load generator) used meanwhile: on 2 shared cores, where the time goes.
 */
async function withCpu(appPid, work) {
  const before = { app: cpuByPid(processTree(appPid)), pg: cpuByPid(postgresPids()), client: process.cpuUsage() };
  const r = await work();
  const client = process.cpuUsage(before.client);
  const perRequest = (seconds) => (1000 * seconds) / Math.max(1, r.total);
  return {
    ...r,
    appCpuMs: perRequest(cpuSince(before.app, processTree(appPid))),
    pgCpuMs: perRequest(cpuSince(before.pg, postgresPids())),
    clientCpuMs: perRequest((client.user + client.system) / 1e6),
  };
}

/** Resident memory of a process tree (KiB): VmRSS now, or VmHWM (each process's own peak, summed). */
function appMemoryKiB(root, field) {
  let total = 0;
  for (const pid of processTree(root)) {
    try {
      total += Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// (1) heartbeat ingest

async function ingest(app, env) {
  const { call, lessons, students } = env;
  const sessions = await inBatches(students, 25, async (s) => {
    const opened = await call('POST', `/api/lessons/${lessons.ingest}/playback`, s.token);
    return { id: opened.sessionId, token: s.token, seq: 0, acked: 0, pos: 0, start: Date.now() };
  });
  // Each session is in flight at most once, so that its sequence numbers reach the server in order.
  // A run that ends abandons its in-flight requests: every run starts again from all sessions.
  let idle = [];
  let ok = 0;
  /** The next heartbeat of an idle session, and what to do with its answer. */
  const nextBeat = () => {
    const s = idle.shift();
    if (!s) throw new Error('more connections than simulated students');
    // A player at 1×: the media played since this session's previous heartbeat.
    const now = Math.min(VIDEO_SECONDS, (Date.now() - s.start) / 1000);
    const body = { fromSecond: s.pos, toSecond: now, playbackRate: 1, visible: true, clientSeq: ++s.seq };
    s.pos = now;
    return {
      method: 'POST',
      path: `/api/playback/${s.id}/heartbeat`,
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      onResponse(status) {
        if (status === 200) {
          ok++;
          s.acked = Math.max(s.acked, body.clientSeq);
        }
        idle.push(s);
      },
    };
  };
  const heartbeat = {
    method: 'POST',
    setupRequest(req, context) {
      const beat = nextBeat();
      context.beat = beat;
      return { ...req, path: beat.path, headers: { ...req.headers, ...beat.headers }, body: beat.body };
    },
    onResponse: (status, _body, context) => context.beat.onResponse(status),
  };
  const run = (opts) => {
    idle = [...sessions];
    return load(opts);
  };
  const bare = { url: `${app.base}/health/live`, connections: CONNECTIONS };
  const beats = { url: app.base, connections: CONNECTIONS, requests: [heartbeat] };
  if (sessions.length < 2 * CONNECTIONS) throw new Error(`simulate at least ${2 * CONNECTIONS} students (BENCH_STUDENTS)`);
  await load({ ...bare, duration: 2 });
  await run({ ...beats, duration: 2 });
  const rows = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const b = await withCpu(app.pid, () => load({ ...bare, duration: SECONDS }));
    const h = await withCpu(app.pid, () => run({ ...beats, duration: SECONDS }));
    rows.push({ round, endpoint: 'bare GET /health/live', ...b, ratio: '' });
    rows.push({ round, endpoint: 'POST heartbeat', ...h, ratio: h.rps / b.rps });
  }
  console.log(table(rows));
  const mean = (name, key) => rows.filter((r) => r.endpoint.startsWith(name)).reduce((s, r) => s + r[key], 0) / ROUNDS;
  const bareRps = mean('bare', 'rps');

  // The same heartbeats at a fixed rate of half the bare route's (the throughput target), paced evenly
  // over the same connections: the latency a viewer meets at that load, rather than at saturation.
  const pacedRate = Math.round(bareRps / 2);
  const paced = [];
  for (let round = 1; round <= ROUNDS; round++) {
    idle = [...sessions];
    const port = Number(new URL(app.base).port);
    const r = await withCpu(app.pid, () => pacedLoad({ port, rate: pacedRate, connections: CONNECTIONS, seconds: SECONDS, next: nextBeat }));
    paced.push({ round, endpoint: `POST heartbeat at ${pacedRate}/s`, rps: r.rps, p50: r.p50, p99: r.p99, errors: r.errors, non2xx: r.non2xx, total: r.total, late: r.late, appCpuMs: r.appCpuMs, pgCpuMs: r.pgCpuMs });
  }
  console.log(`\nfixed rate, half the bare route's mean (open loop: latency counted from when each heartbeat was due)\n${table(paced)}`);
  const pacedP99 = Math.max(...paced.map((r) => r.p99));
  const hbRps = mean('POST', 'rps');
  const worstP99 = (name) => Math.max(...rows.filter((r) => r.endpoint.startsWith(name)).map((r) => r.p99));
  const errors = [...rows, ...paced].reduce((s, r) => s + r.errors + r.non2xx, 0);

  // Every acknowledged heartbeat must be in the database: the session's sequence number and the audit log.
  const db = new Client(pgConnection(app.database));
  await db.connect();
  const { rows: stored } = await db.query('SELECT id, last_client_seq FROM playback_session WHERE id = ANY($1::uuid[])', [sessions.map((s) => s.id)]);
  const seqById = new Map(stored.map((r) => [r.id, r.last_client_seq]));
  const lost = sessions.filter((s) => (seqById.get(s.id) ?? -1) < s.acked).length;
  const [{ n: logged }] = (await db.query('SELECT COUNT(*)::int AS n FROM heartbeat_log WHERE session_id = ANY($1::uuid[])', [sessions.map((s) => s.id)])).rows;
  await db.end();

  console.log(`\nmean over ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections, ${sessions.length} students: bare ${bareRps.toFixed(0)} req/s, ` +
    `heartbeat ${hbRps.toFixed(0)} req/s, ratio ${(hbRps / bareRps).toFixed(2)} (target ≥ 0.50), heartbeat p99 worst ${worstP99('POST')} ms, errors ${errors}`);
  // The bare route does no auth, body or database work on the same event loop: its p99 is the floor for any route here.
  console.log(`bare route p99 worst ${worstP99('bare')} ms in the same rounds (the floor under any route of this app at ${CONNECTIONS} connections)`);
  console.log(`at a fixed ${pacedRate} heartbeats/s (half the bare route's rate) on ${CONNECTIONS} connections: p99 worst ${pacedP99.toFixed(1)} ms`);
  console.log(`durability: ${ok} heartbeats acknowledged, ${logged} in heartbeat_log, sessions whose acknowledged sequence is missing: ${lost}`);
  const cpu = (name) => ['appCpuMs', 'pgCpuMs', 'clientCpuMs'].map((key) => mean(name, key));
  for (const [label, name] of [['heartbeat', 'POST'], ['bare request', 'bare']]) {
    const [appMs, pgMs, clientMs] = cpu(name);
    console.log(`CPU per ${label}: app ${appMs.toFixed(3)} ms, PostgreSQL ${pgMs.toFixed(3)} ms, load generator ${clientMs.toFixed(3)} ms`);
  }
  console.log(`at one heartbeat per 10 s, ${hbRps.toFixed(0)} heartbeats/s carry ${(hbRps * 10).toFixed(0)} concurrent viewers`);
  const byRound = (name) => rows.filter((r) => r.endpoint.startsWith(name));
  const p99Ratios = byRound('POST').map((h, i) => h.p99 / byRound('bare')[i].p99);
  console.log(`heartbeat p99 ÷ bare p99 by round: ${p99Ratios.map((r) => r.toFixed(2)).join(', ')} (target ≤ ${P99_FACTOR})`);
  return {
    targets: [
      { name: 'heartbeat req/s ÷ bare req/s', rounds: byRound('POST').map((r) => r.ratio), target: '≥ 0.50', met: (m) => m >= 0.5 },
      { name: `heartbeat p99 ÷ bare p99 (${CONNECTIONS} connections)`, rounds: p99Ratios, target: `≤ ${P99_FACTOR}`, met: (m) => m <= P99_FACTOR },
      { name: 'heartbeat errors and non-2xx', rounds: [errors], target: '0', met: (m) => m === 0 },
      { name: 'acknowledged heartbeats missing in the database', rounds: [lost], target: '0', met: (m) => m === 0 },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// (1b) watch-time accuracy

/** A player: plays at `rate` from 0, reports every HB_INTERVAL s, loses `dropRate` of its heartbeats. */
async function honestViewer(call, token, lessonId, rate, dropRate) {
  const opened = await call('POST', `/api/lessons/${lessonId}/playback`, token);
  const start = Date.now();
  let pos = 0;
  let seq = 0;
  let pending = [];
  let last = { watchedSeconds: 0 };
  let dropped = 0;
  /** The media interval played since the previous report. */
  const played = () => {
    const from = pos;
    pos = Math.min(VIDEO_SECONDS, ((Date.now() - start) / 1000) * rate);
    return { from, to: pos };
  };
  const deliver = async (from, to) => {
    const body = { fromSecond: from, toSecond: to, playbackRate: rate, visible: true, clientSeq: ++seq, segments: pending };
    last = await call('POST', `/api/playback/${opened.sessionId}/heartbeat`, token, body);
    pending = last.retry;
  };
  while (Date.now() - start < WATCH_SECONDS * 1000) {
    await sleep(HB_INTERVAL * 1000 + randomInt(-300, 300));
    const { from, to } = played();
    if (Math.random() < dropRate) {
      dropped++;
      // Kept for the next heartbeat, merged with an unacknowledged segment it continues.
      const last = pending[pending.length - 1];
      if (last && last.toSecond === from) last.toSecond = to;
      else pending.push({ fromSecond: from, toSecond: to });
      continue;
    }
    await deliver(from, to);
  }
  // The player stops: one last report of what it has not had acknowledged, after a short pause.
  await sleep(1000);
  const { from, to } = played();
  await deliver(from, to);
  return { rate, truly: pos, credited: last.watchedSeconds, dropped };
}

/** Watches 10 s, seeks to the end, plays 10 s there: what does the jump earn? */
async function seeker(call, token, lessonId) {
  const opened = await call('POST', `/api/lessons/${lessonId}/playback`, token);
  const beat = (seq, from, to) =>
    call('POST', `/api/playback/${opened.sessionId}/heartbeat`, token, { fromSecond: from, toSecond: to, playbackRate: 1, visible: true, clientSeq: seq });
  await sleep(HB_INTERVAL * 1000);
  const before = await beat(1, 0, HB_INTERVAL);
  await sleep(HB_INTERVAL * 1000);
  const after = await beat(2, VIDEO_SECONDS - HB_INTERVAL, VIDEO_SECONDS);
  return after.watchedSeconds - before.watchedSeconds;
}

/** Claims the whole video after one heartbeat interval. */
async function cheater(call, token, lessonId) {
  const opened = await call('POST', `/api/lessons/${lessonId}/playback`, token);
  const openedAt = Date.now();
  await sleep(HB_INTERVAL * 1000);
  const res = await call('POST', `/api/playback/${opened.sessionId}/heartbeat`, token, { fromSecond: 0, toSecond: VIDEO_SECONDS, playbackRate: 16, visible: true, clientSeq: 1 });
  // What the server may credit at most: the wall time since the session opened at the highest rate, plus the tolerance.
  const allowed = ((Date.now() - openedAt) / 1000) * MAX_RATE + TOLERANCE;
  return { credited: res.watchedSeconds, allowed };
}

async function accuracy(env) {
  const { call, lessons, students } = env;
  const per = 20;
  const viewers = [
    ...students.slice(0, per).map((s) => honestViewer(call, s.token, lessons.noSkip, 1, 0.1)),
    ...students.slice(per, 2 * per).map((s) => honestViewer(call, s.token, lessons.noSkip, 2, 0.1)),
  ];
  const seekers = [
    ...students.slice(2 * per, 2 * per + 5).map((s) => seeker(call, s.token, lessons.noSkip).then((c) => ({ lesson: 'no skipping', credited: c }))),
    ...students.slice(2 * per + 5, 2 * per + 10).map((s) => seeker(call, s.token, lessons.skip).then((c) => ({ lesson: 'skipping allowed', credited: c }))),
  ];
  const cheaters = students.slice(2 * per + 10, 2 * per + 15).map((s) => cheater(call, s.token, lessons.skip));
  const [watched, seeks, cheats] = await Promise.all([Promise.all(viewers), Promise.all(seekers), Promise.all(cheaters)]);

  const rows = [1, 2].map((rate) => {
    const group = watched.filter((w) => w.rate === rate);
    const ratios = group.map((w) => w.credited / w.truly);
    return {
      rate: `${rate}×`,
      students: group.length,
      dropped: group.reduce((s, w) => s + w.dropped, 0),
      truly: group.reduce((s, w) => s + w.truly, 0) / group.length,
      credited: group.reduce((s, w) => s + w.credited, 0) / group.length,
      min: Math.min(...ratios),
      mean: ratios.reduce((a, b) => a + b, 0) / ratios.length,
      max: Math.max(...ratios),
    };
  });
  const oneHeartbeat = HB_INTERVAL * MAX_RATE + TOLERANCE;
  console.log(`\nwatch-time accuracy: ${WATCH_SECONDS} s of viewing, a heartbeat every ${HB_INTERVAL} s, 10 % dropped and resent (credited ÷ truly watched, target 0.95–1.00)`);
  console.log(table(rows));
  for (const lesson of ['no skipping', 'skipping allowed']) {
    const credits = seeks.filter((s) => s.lesson === lesson).map((s) => s.credited);
    console.log(`seek to the end (${lesson}): the heartbeat after the jump credited at most ${Math.max(...credits).toFixed(2)} s (one heartbeat's worth: ${oneHeartbeat} s)`);
  }
  console.log(`claiming all ${VIDEO_SECONDS} s after ${HB_INTERVAL} s: credited at most ${Math.max(...cheats.map((c) => c.credited)).toFixed(2)} s (one heartbeat's worth: ${oneHeartbeat} s, plus the wall time the requests took at ${MAX_RATE}×)`);
  return {
    targets: [
      ...rows.map((r) => ({ name: `credited ÷ truly watched at ${r.rate} (mean of ${r.students} students)`, rounds: [r.mean], target: '0.95–1.00', met: (m) => m >= 0.95 && m <= 1.0 })),
      { name: 'seek to the end: credited (s)', rounds: [Math.max(...seeks.map((s) => s.credited))], target: `≤ ${oneHeartbeat}`, met: (m) => m <= oneHeartbeat },
      { name: `claim all ${VIDEO_SECONDS} s: credited ÷ (wall time since opening × ${MAX_RATE} + ${TOLERANCE} s)`, rounds: [Math.max(...cheats.map((c) => c.credited / c.allowed))], target: '≤ 1', met: (m) => m <= 1 },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// (2) streaming against nginx

/** nginx serving `root` directly on NGINX_PORT, and in front of the app on `appPort` (X-Accel-Redirect) on NGINX_PROXY_PORT. */
function startNginx(root, work, appPort) {
  const dir = join(work, 'nginx');
  for (const sub of ['', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(join(dir, sub), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  fs.writeFileSync(conf, `
user root;
worker_processes auto;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  default_type video/mp4;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    root ${root};
    location / { }
  }
  upstream api {
    server 127.0.0.1:${appPort};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${NGINX_PROXY_PORT};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
    location /_media/ {
      internal;
      alias ${root}/;
    }
  }
}
`);
  const child = spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    pid: child.pid,
    stop: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGQUIT');
    }),
  };
}

async function streaming(app, env, appEnv, dataDir, work) {
  const { call, trainer } = env;
  const padded = makeVideo(work, 60, STREAM_MB * 1024 * 1024);
  const size = fs.statSync(padded).size;
  const form = new FormData();
  form.append('file', await fs.openAsBlob(padded), 'big.mp4');
  const started = Date.now();
  const media = await call('POST', '/api/media', trainer, form);
  const uploadSeconds = (Date.now() - started) / 1000;
  const { streamUrl } = await call('GET', `/api/media/${media.id}`, trainer);

  // A second instance of the same app, on the same database and files, that leaves the bytes to nginx.
  const fronted = await startApp({ port: STREAM_PORT, database: app.database, shareDatabase: true, env: { ...appEnv, MEDIA_DELIVERY: 'nginx' } });
  const nginx = startNginx(join(dataDir, 'media'), work, STREAM_PORT);
  const targets = [
    { name: 'nginx alone (worker_processes auto)', port: NGINX_PORT, path: `/${media.id}`, pid: nginx.pid },
    { name: 'app behind nginx (X-Accel-Redirect)', port: NGINX_PROXY_PORT, path: streamUrl, pid: nginx.pid, alsoPid: fronted.pid },
    { name: 'app alone (embedded, Node streams)', port: PORT, path: streamUrl, pid: app.pid },
  ];
  // All must answer the same bytes before anything is measured.
  const expected = fs.readFileSync(padded).subarray(1000, 2000);
  for (const t of targets) {
    const res = await fetch(`http://127.0.0.1:${t.port}${t.path}`, { headers: { range: 'bytes=1000-1999' } });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 206 || !body.equals(expected)) throw new Error(`${t.name} did not answer the range as expected (${res.status})`);
  }
  const rows = [];
  const peakRss = new Map();
  let current = null;
  const sampler = setInterval(() => {
    if (current?.pid) peakRss.set(current.name, Math.max(peakRss.get(current.name) ?? 0, appMemoryKiB(current.pid, 'VmRSS')));
  }, 100);
  /** One run against a target, with the CPU its server and this process (the client) used meanwhile. */
  const run = async (t, seconds) => {
    current = t;
    const serverPids = () => [...processTree(t.pid), ...(t.alsoPid ? processTree(t.alsoPid) : [])];
    const [server, client] = [cpuByPid(serverPids()), process.cpuUsage()];
    const r = await rangeLoad({ port: t.port, path: t.path, size, rangeBytes: RANGE_BYTES, connections: STREAM_CONNECTIONS, seconds });
    const clientUsed = process.cpuUsage(client);
    return { ...r, serverCpu: cpuSince(server, serverPids()) / seconds, clientCpu: (clientUsed.user + clientUsed.system) / 1e6 / seconds };
  };
  try {
    for (const t of targets) await run(t, 2);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of targets) {
        const r = await run(t, SECONDS);
        rows.push({
          round,
          server: t.name,
          'req/s': r.rps,
          'MB/s': r.bytesPerSec / 1e6,
          p50: r.p50,
          p99: r.p99,
          errors: r.errors,
          'server CPU': `${(100 * r.serverCpu).toFixed(0)} %`,
          'client CPU': `${(100 * r.clientCpu).toFixed(0)} %`,
        });
      }
    }
  } finally {
    clearInterval(sampler);
    await nginx.stop();
    await fronted.stop();
  }
  console.log(`\nstreaming: ${STREAM_CONNECTIONS} connections, random ${mb(RANGE_BYTES)} MiB ranges of a ${mb(size).toFixed(0)} MiB file (uploaded through the API in ${uploadSeconds.toFixed(1)} s, ${(mb(size) / uploadSeconds).toFixed(0)} MiB/s)`);
  console.log(table(rows));
  const mean = (name) => rows.filter((r) => r.server === name).reduce((s, r) => s + r['MB/s'], 0) / ROUNDS;
  const nginxMBs = mean(targets[0].name);
  console.log(`\nmean: nginx alone ${nginxMBs.toFixed(0)} MB/s`);
  for (const t of targets.slice(1)) {
    const apiMBs = mean(t.name);
    console.log(`  ${t.name}: ${apiMBs.toFixed(0)} MB/s, ratio ${(apiMBs / nginxMBs).toFixed(2)}, peak RSS while streaming ${((peakRss.get(t.name) ?? 0) / 1024).toFixed(0)} MiB (nginx's workers for the first)`);
  }
  const perRound = (name) => rows.filter((r) => r.server === name).map((r) => r['MB/s']);
  const direct = perRound(targets[0].name);
  const ratios = (name) => perRound(name).map((v, i) => v / direct[i]);
  return {
    targets: [
      { name: 'app behind nginx MB/s ÷ nginx alone (1 MiB ranges)', rounds: ratios(targets[1].name), target: '≥ 0.80', met: (m) => m >= 0.8 },
      { name: 'app alone (embedded) MB/s ÷ nginx alone (no target)', rounds: ratios(targets[2].name), target: '(reported)', met: () => true },
      { name: 'streaming errors', rounds: [rows.reduce((s, r) => s + r.errors, 0)], target: '0', met: (m) => m === 0 },
    ],
  };
}

async function main() {
  const work = fs.mkdtempSync(join(tmpdir(), 'lms-bench-'));
  const dataDir = join(work, 'data');
  fs.mkdirSync(dataDir);
  fs.chmodSync(work, 0o755);
  const appEnv = {
    DATA_DIR: dataDir,
    MEDIA_URL_SECRET: 'bench-media-secret-bench-media-secret',
    MEDIA_MAX_UPLOAD_BYTES: String((STREAM_MB + 64) * 1024 * 1024),
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
  };
  const app = await startApp({ port: PORT, nodeArgs: (process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean), env: appEnv });
  try {
    const env = await setup(app, dataDir, work);
    console.log(`set up: the API in one process, ${STUDENTS} students imported by CSV and enrolled as a cohort, a ${VIDEO_SECONDS} s video lesson published\n`);
    const targets = [];
    console.log(loadNote());
    if (ONLY.has('ingest')) {
      console.log('(1) heartbeat ingest');
      targets.push(...(await ingest(app, env)).targets);
    }
    if (ONLY.has('accuracy')) {
      console.log(`\n(1b) watch-time accuracy (about ${WATCH_SECONDS + 2 * HB_INTERVAL} s)`);
      targets.push(...(await accuracy(env)).targets);
    }
    if (ONLY.has('streaming')) {
      console.log('\n(2) streaming');
      targets.push(...(await streaming(app, env, appEnv, dataDir, work)).targets);
    }
    verdict(`bench:playback (${loadNote()})`, targets);
  } finally {
    await app.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
