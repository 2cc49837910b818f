// npm run bench:exams — issue 4: exam day. 1,000 students (imported by CSV, allowed by cohort)
// start an exam, each answers its 50 questions through autosave and submits, 100 at a time, while
// a worker process grades. Exam starts are measured as capacity, in rounds: starts per second at
// saturation (every student starting, BENCH_START_CONNECTIONS at once) against plain `pg` writing
// the same rows (attempt, items, outbox row; one transaction per start, as many connections), then
// a storm arriving at 80 % of that measured capacity against a steady trickle. Also measured in
// the same run: the bare endpoint of the same app, and plain `pg` writing the same grading rows.
// Every target is printed with the median of its rounds and met / missed; a miss exits non-zero.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const { Queue } = require('bullmq');
const { Client } = require('pg');
const { startApp, startWorker, login, load, table, pgConnection, verdict, loadNote, median } = require('./harness');

const STUDENTS = Number(process.env.BENCH_STUDENTS || 1000);
const QUESTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
/** The storm arrives at this share of the start capacity measured in the same run. */
const STORM_SHARE = 0.8;
/** Seconds to wait at most for a quiet moment before each measured phase (the machine is shared). */
const QUIET_SECONDS = Number(process.env.BENCH_QUIET_SECONDS ?? 120);
const TRICKLE = { count: 100, perSecond: 10 };
const WAVE = 100;
const SAVERS = Number(process.env.BENCH_SAVERS || 100);
// Jobs one worker runs at once; the plain-pg baseline gets as many connections.
const WORKER_CONCURRENCY = process.env.WORKER_CONCURRENCY || '32';
// Starts in flight at once when measuring start capacity; the plain-pg baseline gets as many connections.
const START_CONNECTIONS = Number(process.env.BENCH_START_CONNECTIONS || 32);
// The worker shares the two cores with the API here (in production they run on separate machines): it runs niced.
const WORKER_NICE = Number(process.env.BENCH_WORKER_NICE ?? 10);
const DATABASE = `lms_bench_exams_${process.pid}`;
const OBJECTIVE = ['single', 'multiple', 'true_false', 'fill_blank'];

const now = () => performance.now();

/** CPU seconds a process has used (0 once it is gone). */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The machine's busy and total CPU seconds so far, all cores. */
function machineSeconds() {
  const jiffies = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = jiffies.reduce((a, b) => a + b, 0);
  return { busy: (total - jiffies[3] - jiffies[4]) / 100, total: total / 100 };
}

/** Process ids of the PostgreSQL server (its work is shared by every database, so it is not counted as others'). */
function postgresPids() {
  return fs.readdirSync('/proc').filter((d) => {
    if (!/^\d+$/.test(d)) return false;
    try {
      return fs.readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres');
    } catch {
      return false;
    }
  });
}

/**
 * The share of the machine's CPU used by other processes than this run's (the app, its worker,
 * this script) and the PostgreSQL server, sampled every 200 ms so that processes that come and
 * go are accounted for. This machine is shared: each phase waits for a quiet moment and reports
 * what else ran meanwhile.
 */
class OtherLoad {
  constructor(ourPids) {
    this.ourPids = ourPids;
  }

  snapshot() {
    const cpu = new Map([...this.pids, ...postgresPids()].map((p) => [String(p), cpuSeconds(p)]));
    return { machine: machineSeconds(), cpu };
  }

  tick() {
    const now = this.snapshot();
    let ours = 0;
    for (const [pid, seconds] of now.cpu) if (this.last.cpu.has(pid)) ours += seconds - this.last.cpu.get(pid);
    this.other += Math.max(0, now.machine.busy - this.last.machine.busy - ours);
    this.total += now.machine.total - this.last.machine.total;
    this.last = now;
  }

  async begin() {
    this.pids = await this.ourPids();
    this.other = 0;
    this.total = 0;
    this.last = this.snapshot();
    this.timer = setInterval(() => this.tick(), 200);
  }

  end() {
    clearInterval(this.timer);
    this.tick();
    return this.total > 0 ? this.other / this.total : 0;
  }

  /** Waits (up to two minutes) for a second in which others used less than `share` of the CPU. */
  async quiet(share = 0.1) {
    const until = Date.now() + QUIET_SECONDS * 1000;
    for (;;) {
      await this.begin();
      await sleep(1000);
      const other = this.end();
      if (other < share || Date.now() > until) return other;
    }
  }
}

/** A free port (other benches on this machine use fixed ones). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = require('node:net').createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pct(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

/**
 * A lean HTTP client (node:http, keep-alive): the bench shares the machine's two cores with the
 * app, and fetch() costs the client about three times the CPU per request.
 */
function api(base) {
  const agent = new http.Agent({ keepAlive: true });
  return function call(method, path, token, body, contentType = 'application/json') {
    const started = now();
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(data !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(data) } : {}) };
    return new Promise((resolve, reject) => {
      const req = http.request(base + path, { method, agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null, ms: now() - started });
        });
      });
      req.on('error', (err) => {
        // The server closed an idle kept-alive socket just as it was reused (between phases): send again, as Node's docs advise.
        if (req.reusedSocket && err.code === 'ECONNRESET') return call(method, path, token, body, contentType).then(resolve, reject);
        reject(err);
      });
      req.end(data);
    });
  };
}

/** A plausible answer a student could give, from what the student sees. */
function answerFor(q) {
  const keys = (q.options || []).map((o) => o.key);
  switch (q.type) {
    case 'single':
      return keys[Math.floor(Math.random() * keys.length)];
    case 'multiple':
      return keys.slice(0, 2);
    case 'true_false':
      return Math.random() < 0.5;
    default:
      return Array.from({ length: q.blanks || 1 }, () => '7');
  }
}

// The rows a grading writes, in the form the worker writes them (src/assessment/grading/grading.repository.ts, writeGrading).
const SQL = {
  write: `WITH items AS (
            UPDATE attempt_item i SET score = x.score, correct = x.correct, detail = x.detail
              FROM jsonb_to_recordset($2::jsonb) AS x(question_id uuid, score int, correct boolean, detail jsonb)
             WHERE i.attempt_id = $1 AND i.question_id = x.question_id RETURNING 1
          ), attempt AS (
            UPDATE attempt SET status = $3::varchar, score = $4, max_score = $5, passed = $6, graded_at = now() WHERE id = $1 RETURNING 1
          ), run AS (
            INSERT INTO grading_run (attempt_id, kind, status, score, max_score, passed) SELECT $1, 'auto', $3::varchar, $4, $5, $6 RETURNING 1
          )
          SELECT (SELECT COUNT(*) FROM items) AS items`,
};

/** Snapshots the graded rows of an exam's attempts, then puts the attempts back to `submitted`, ungraded. */
async function resetToSubmitted(connect, examId) {
  const db = await connect();
  const attempts = (await db.query(`SELECT id, score, max_score, passed FROM attempt WHERE exam_id = $1 ORDER BY id`, [examId])).rows;
  const ids = attempts.map((a) => a.id);
  const items = (await db.query(`SELECT attempt_id, question_id, score, correct, detail FROM attempt_item WHERE attempt_id = ANY($1::uuid[])`, [ids])).rows;
  const byAttempt = new Map(attempts.map((a) => [a.id, { ...a, items: [] }]));
  for (const i of items) byAttempt.get(i.attempt_id).items.push(i);
  await db.query(`UPDATE attempt SET status = 'submitted', score = NULL, passed = NULL, graded_at = NULL WHERE exam_id = $1`, [examId]);
  await db.query(`UPDATE attempt_item SET score = NULL, correct = NULL, detail = NULL WHERE attempt_id = ANY($1::uuid[])`, [ids]);
  await db.end();
  return [...byAttempt.values()];
}

/** The database's own limit: the same rows written by plain `pg`, one transaction per attempt, as many connections as worker slots. */
async function plainPgBaseline(clients, graded) {
  let next = 0;
  const started = now();
  await Promise.all(
    clients.map(async (c) => {
      while (next < graded.length) {
        const a = graded[next++];
        await c.query('BEGIN');
        await c.query(SQL.write, [
          a.id,
          JSON.stringify(a.items.map((i) => ({ question_id: i.question_id, score: i.score, correct: i.correct, detail: i.detail }))),
          'graded',
          a.score,
          a.max_score,
          a.passed,
        ]);
        await c.query('COMMIT');
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  return { attempts: graded.length, seconds, perSecond: graded.length / seconds };
}

/** Snapshots the rows that starting these attempts wrote (attempt, attempt_item, outbox_job), then deletes them. */
async function takeStartRows(connect, examId) {
  const db = await connect();
  const attempts = (await db.query(`SELECT to_jsonb(a) AS row FROM attempt a WHERE exam_id = $1 ORDER BY id`, [examId])).rows.map((r) => r.row);
  const ids = attempts.map((a) => a.id);
  const items = (await db.query(`SELECT attempt_id, to_jsonb(i) AS row FROM attempt_item i WHERE attempt_id = ANY($1::uuid[])`, [ids])).rows;
  const jobs = (await db.query(`SELECT payload->>'attemptId' AS attempt_id, to_jsonb(o) - 'id' AS row FROM outbox_job o WHERE payload->>'attemptId' = ANY($1::text[])`, [ids])).rows;
  const byAttempt = new Map(attempts.map((a) => [a.id, { attempt: a, items: [], jobs: [] }]));
  for (const i of items) byAttempt.get(i.attempt_id).items.push(i.row);
  for (const j of jobs) byAttempt.get(j.attempt_id).jobs.push(j.row);
  await db.query(`DELETE FROM outbox_job WHERE payload->>'attemptId' = ANY($1::text[])`, [ids]);
  await db.query(`DELETE FROM attempt_item WHERE attempt_id = ANY($1::uuid[])`, [ids]);
  await db.query(`DELETE FROM attempt WHERE id = ANY($1::uuid[])`, [ids]);
  await db.end();
  return [...byAttempt.values()];
}

/** The database's own limit for starts: the same rows written back by plain `pg`, one transaction per start. */
async function plainPgStarts(clients, starts) {
  let next = 0;
  const started = now();
  await Promise.all(
    clients.map(async (c) => {
      while (next < starts.length) {
        const s = starts[next++];
        await c.query('BEGIN');
        await c.query('INSERT INTO attempt SELECT * FROM jsonb_populate_record(NULL::attempt, $1::jsonb)', [JSON.stringify(s.attempt)]);
        await c.query('INSERT INTO attempt_item SELECT * FROM jsonb_populate_recordset(NULL::attempt_item, $1::jsonb)', [JSON.stringify(s.items)]);
        for (const job of s.jobs) {
          await c.query('INSERT INTO outbox_job (job_name, job_id, payload, run_at, created_at, enqueued_at) SELECT job_name, job_id, payload, run_at, created_at, enqueued_at FROM jsonb_populate_record(NULL::outbox_job, $1::jsonb)', [JSON.stringify(job)]);
        }
        await c.query('COMMIT');
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  return { starts: starts.length, seconds, perSecond: starts.length / seconds };
}

/** Removes the bench's Redis keys. */
async function clearPrefix(prefix) {
  const queue = new Queue('grading', { connection: { host: process.env.REDIS_HOST || '127.0.0.1', port: Number(process.env.REDIS_PORT || 6379), maxRetriesPerRequest: null }, prefix });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
}

async function main() {
  const env = {
    APP_ROLE: 'api',
    // Setup only: 1,000 password hashes and logins are not what this measures.
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    IMPORT_MAX_ROWS: '5000',
    WORKER_CONCURRENCY,
    QUEUE_PREFIX: `lms-bench-exams-${process.pid}`,
  };
  const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const app = await startApp({ port: await freePort(), database: DATABASE, env, nodeArgs });
  const worker = await startWorker({ database: DATABASE, env, niceness: WORKER_NICE });
  const connect = async () => {
    const c = new Client(pgConnection(DATABASE));
    await c.connect();
    return c;
  };
  const call = api(app.base);
  const pidsOf = (...processes) => async () => [process.pid, ...processes.filter(Boolean).map((p) => p.pid)];
  let others = new OtherLoad(pidsOf(app, worker));
  const measured = async (work) => {
    await others.quiet();
    await others.begin();
    const result = await work();
    return { result, other: others.end() };
  };
  try {
    const admin = await login(app.base, 'admin');
    const trainer = await login(app.base, 'trainer1');
    const cohort = '2026 考试日压测';
    const csv = ['username,display_name,role,cohort,password', ...Array.from({ length: STUDENTS }, (_, i) => `bench${i},考生${i},student,${cohort},bench-pass-2026`)].join('\n');
    const imported = await call('POST', '/api/users/import?createCohorts=true', admin, csv, 'text/csv');
    if (imported.body.created !== STUDENTS) throw new Error(`import: ${JSON.stringify(imported.body).slice(0, 300)}`);
    const cohortId = (await call('GET', '/api/cohorts', admin)).body.items.find((c) => c.name === cohort).id;
    const bankId = (await call('GET', '/api/question-banks', trainer)).body.items.find((b) => b.code === 'practical').id;
    const examBody = (title) => ({
      title,
      timeLimitMinutes: 90,
      passScore: 60,
      maxAttempts: 1,
      shuffle: true,
      cohortIds: [cohortId],
      draw: [{ bankId, count: QUESTIONS, types: OBJECTIVE }],
    });
    const exams = async (title) => {
      const list = [];
      for (let round = 1; round <= ROUNDS; round++) list.push((await call('POST', '/api/exams', trainer, examBody(`${title}（压测第 ${round} 轮）`))).body);
      return list;
    };
    const trickleExams = await exams('实务技巧练习考试，平稳到达');
    const capacityExams = await exams('实务技巧练习考试，满负荷');
    const stormExams = await exams('实务技巧认证考试，集中开考');
    const exam = stormExams[0]; // its attempts are answered, submitted and graded below
    const tokens = new Array(STUDENTS);
    await pool([...tokens.keys()], 25, async (i) => {
      tokens[i] = (await call('POST', '/api/auth/login', undefined, { username: `bench${i}`, password: 'bench-pass-2026' })).body.accessToken;
    });
    console.log(`${STUDENTS} students imported and signed in; exams of ${QUESTIONS} questions drawn from the seeded practical bank; ${loadNote()}`);

    // The bare endpoint of the same app, at the submit waves' concurrency.
    await load({ url: `${app.base}/health/live`, connections: WAVE, duration: 2 });
    const { result: bare, other: bareOther } = await measured(() => load({ url: `${app.base}/health/live`, connections: WAVE, duration: 5 }));

    // Start capacity, by rounds: a trickle (the yardstick of latency), every student starting at
    // saturation, and the same rows written back by plain pg.
    const startRounds = [];
    const startStatus = new Map();
    for (let round = 0; round < ROUNDS; round++) {
      const trickle = [];
      const { other: trickleOther } = await measured(() =>
        Promise.all(
          Array.from({ length: TRICKLE.count }, async (_, i) => {
            await sleep((i * 1000) / TRICKLE.perSecond);
            const r = await call('POST', `/api/exams/${trickleExams[round].id}/attempts`, tokens[i]);
            trickle.push({ ms: r.ms, ok: r.status === 201 });
          }),
        ),
      );
      let saturationSeconds = 0;
      let saturationErrors = 0;
      const { other: saturationOther } = await measured(async () => {
        const started = now();
        await pool([...tokens.keys()], START_CONNECTIONS, async (i) => {
          const r = await call('POST', `/api/exams/${capacityExams[round].id}/attempts`, tokens[i]);
          if (r.status !== 201) saturationErrors++;
          startStatus.set(r.status, (startStatus.get(r.status) ?? 0) + 1);
        });
        saturationSeconds = (now() - started) / 1000;
      });
      const rows = await takeStartRows(connect, capacityExams[round].id);
      const clients = await Promise.all(Array.from({ length: START_CONNECTIONS }, connect));
      const { result: pgStarts, other: pgOther } = await measured(() => plainPgStarts(clients, rows));
      await Promise.all(clients.map((c) => c.end()));
      startRounds.push({ trickle, trickleOther, saturation: STUDENTS / saturationSeconds, saturationErrors, saturationOther, pgStarts, pgOther });
    }
    const capacity = median(startRounds.map((r) => r.saturation));
    const stormRate = STORM_SHARE * capacity;

    // The storm: every student arrives (uniformly at random) within STUDENTS ÷ stormRate seconds.
    const stormMs = (STUDENTS / stormRate) * 1000;
    const storms = [];
    let attempts;
    for (let round = 0; round < ROUNDS; round++) {
      const byStudent = new Array(STUDENTS);
      const storm = [];
      const offsets = Array.from({ length: STUDENTS }, () => Math.random() * stormMs).sort((a, b) => a - b);
      let stormStarted = 0;
      const { other } = await measured(() => {
        stormStarted = now();
        return Promise.all(
          offsets.map(async (offset, i) => {
            await sleep(offset);
            const r = await call('POST', `/api/exams/${stormExams[round].id}/attempts`, tokens[i]);
            storm.push({ ms: r.ms, ok: r.status === 201 });
            byStudent[i] = r.body;
          }),
        );
      });
      storms.push({ storm, seconds: (now() - stormStarted) / 1000, other });
      if (round === 0) attempts = byStudent;
    }
    const trickleOther = Math.max(...startRounds.map((r) => r.trickleOther));
    const stormOther = Math.max(...storms.map((r) => r.other));
    const saturationOther = Math.max(...startRounds.map((r) => Math.max(r.saturationOther, r.pgOther)));

    // Every student answers every question through autosave.
    const saves = [];
    let saveErrors = 0;
    let savesStarted = 0;
    const { other: saveOther } = await measured(() => {
      savesStarted = now();
      return pool([...attempts.keys()], SAVERS, async (i) => {
        for (const q of attempts[i].questions) {
          const r = await call('PUT', `/api/attempts/${attempts[i].id}/answers/${q.id}`, tokens[i], { answer: answerFor(q), clientSeq: 1 });
          saves.push(r.ms);
          if (r.status !== 200) saveErrors++;
        }
      });
    });
    const saveSeconds = (now() - savesStarted) / 1000;

    // Submits, 100 at a time; the worker grades meanwhile.
    const submits = [];
    let submitErrors = 0;
    let waveSeconds = 0;
    let firstSubmit = 0;
    const { other: submitOther } = await measured(async () => {
      firstSubmit = Date.now();
      for (let from = 0; from < STUDENTS; from += WAVE) {
        const started = now();
        await Promise.all(
          attempts.slice(from, from + WAVE).map(async (a, k) => {
            const r = await call('POST', `/api/attempts/${a.id}/submit`, tokens[from + k]);
            submits.push(r.ms);
            if (r.status !== 202) submitErrors++;
          }),
        );
        waveSeconds += (now() - started) / 1000;
      }
    });
    const lastSubmit = Date.now();
    const db = await connect();
    let graded = 0;
    while (graded < STUDENTS && Date.now() - lastSubmit < 120_000) {
      graded = (await db.query(`SELECT COUNT(*)::int AS n FROM attempt WHERE exam_id = $1 AND status = 'graded'`, [exam.id])).rows[0].n;
      if (graded < STUDENTS) await sleep(50);
    }
    const allGraded = Date.now();
    const span = (await db.query(`SELECT EXTRACT(EPOCH FROM MAX(graded_at) - MIN(graded_at))::float AS s, COUNT(*) FILTER (WHERE passed)::int AS passed FROM attempt WHERE exam_id = $1`, [exam.id])).rows[0];
    const [{ runs }] = (await db.query(`SELECT COUNT(*)::int AS runs FROM grading_run r JOIN attempt a ON a.id = r.attempt_id WHERE a.exam_id = $1`, [exam.id])).rows;
    await db.end();
    const gradedPerSecond = STUDENTS / ((allGraded - firstSubmit) / 1000);

    // The worker's grading throughput with a backlog: the same attempts, back to `submitted`, graded again.
    await worker.stop();
    const graded1 = await resetToSubmitted(connect, exam.id);
    const queue = new Queue('grading', { connection: { host: process.env.REDIS_HOST || '127.0.0.1', port: Number(process.env.REDIS_PORT || 6379), maxRetriesPerRequest: null }, prefix: env.QUEUE_PREFIX });
    await queue.obliterate({ force: true });
    await queue.addBulk(graded1.map((a) => ({ name: 'grade-attempt', data: { attemptId: a.id }, opts: { jobId: `grade-${a.id}` } })));
    await queue.close();
    await others.quiet();
    const drainWorker = await startWorker({ database: DATABASE, env, nodeArgs });
    others = new OtherLoad(pidsOf(app, drainWorker));
    await others.begin();
    const db2 = await connect();
    let regraded = 0;
    const drainStarted = Date.now();
    while (regraded < STUDENTS && Date.now() - drainStarted < 120_000) {
      regraded = (await db2.query(`SELECT COUNT(*)::int AS n FROM attempt WHERE exam_id = $1 AND status = 'graded'`, [exam.id])).rows[0].n;
      if (regraded < STUDENTS) await sleep(50);
    }
    const drainOther = others.end();
    const drainSpan = (await db2.query(`SELECT EXTRACT(EPOCH FROM MAX(graded_at) - MIN(graded_at))::float AS s FROM attempt WHERE exam_id = $1`, [exam.id])).rows[0].s;
    await db2.end();
    await drainWorker.stop();
    const workerPerSecond = STUDENTS / drainSpan;

    await resetToSubmitted(connect, exam.id);
    others = new OtherLoad(pidsOf(app));
    const clients = await Promise.all(Array.from({ length: Number(WORKER_CONCURRENCY) }, connect));
    const { result: baseline, other: baselineOther } = await measured(() => plainPgBaseline(clients, graded1));
    await Promise.all(clients.map((c) => c.end()));

    const ms = (x) => Math.round(x * 10) / 10;
    const pctOf = (share) => `${Math.round(share * 100)} %`;
    const submitRps = STUDENTS / waveSeconds;
    console.log(
      '\n' +
        table([
          { what: 'bare GET /health/live (100 conn.)', n: bare.total, 'req/s': Math.round(bare.rps), p50: bare.p50, p95: '', p99: bare.p99, errors: bare.errors + bare.non2xx, 'other load': pctOf(bareOther) },
          ...startRounds.flatMap((r, i) => [
            { what: `start, trickle (${TRICKLE.perSecond}/s), round ${i + 1}`, n: r.trickle.length, 'req/s': TRICKLE.perSecond, p50: ms(pct(r.trickle.map((x) => x.ms), 50)), p95: ms(pct(r.trickle.map((x) => x.ms), 95)), p99: ms(pct(r.trickle.map((x) => x.ms), 99)), errors: r.trickle.filter((x) => !x.ok).length, 'other load': pctOf(r.trickleOther) },
            { what: `start, saturation (${START_CONNECTIONS} at once), round ${i + 1}`, n: STUDENTS, 'req/s': Math.round(r.saturation), p50: '', p95: '', p99: '', errors: r.saturationErrors, 'other load': pctOf(r.saturationOther) },
            { what: `same rows by plain pg (${START_CONNECTIONS} conn.), round ${i + 1}`, n: r.pgStarts.starts, 'req/s': Math.round(r.pgStarts.perSecond), p50: '', p95: '', p99: '', errors: 0, 'other load': pctOf(r.pgOther) },
          ]),
          ...storms.map((r, i) => ({ what: `start, storm at ${Math.round(stormRate)}/s (${STUDENTS} in ${(stormMs / 1000).toFixed(1)} s), round ${i + 1}`, n: r.storm.length, 'req/s': Math.round(STUDENTS / r.seconds), p50: ms(pct(r.storm.map((x) => x.ms), 50)), p95: ms(pct(r.storm.map((x) => x.ms), 95)), p99: ms(pct(r.storm.map((x) => x.ms), 99)), errors: r.storm.filter((x) => !x.ok).length, 'other load': pctOf(r.other) })),
          { what: `autosave (${SAVERS} students at once)`, n: saves.length, 'req/s': Math.round(saves.length / saveSeconds), p50: ms(pct(saves, 50)), p95: ms(pct(saves, 95)), p99: ms(pct(saves, 99)), errors: saveErrors, 'other load': pctOf(saveOther) },
          { what: `submit (${WAVE} at a time)`, n: submits.length, 'req/s': Math.round(submitRps), p50: ms(pct(submits, 50)), p95: ms(pct(submits, 95)), p99: ms(pct(submits, 99)), errors: submitErrors, 'other load': pctOf(submitOther) },
        ]),
    );
    console.log(
      `\ngrading: all ${graded} graded ${((allGraded - lastSubmit) / 1000).toFixed(2)} s after the last submit (${span.passed} passed, ${runs} grading runs); ` +
        `${gradedPerSecond.toFixed(0)} graded/s from first submit to last grading (${(STUDENTS / Math.max(span.s, 0.001)).toFixed(0)}/s between first and last grading)` +
        `\nworker with a backlog of ${STUDENTS}: ${workerPerSecond.toFixed(0)} graded/s (${WORKER_CONCURRENCY} jobs at once; other load ${pctOf(drainOther)})` +
        `\nplain-pg baseline: ${baseline.attempts} attempts in ${baseline.seconds.toFixed(2)} s = ${baseline.perSecond.toFixed(0)}/s on ${WORKER_CONCURRENCY} connections (other load ${pctOf(baselineOther)})`,
    );
    const stormRatios = storms.map((r, i) => pct(r.storm.map((x) => x.ms), 95) / pct(startRounds[i].trickle.map((x) => x.ms), 95));
    const startErrors = [...startRounds.flatMap((r) => [...r.trickle.map((x) => !x.ok), r.saturationErrors > 0]), ...storms.flatMap((r) => r.storm.map((x) => !x.ok))].filter(Boolean).length;
    console.log(`\nstart capacity: median ${capacity.toFixed(0)} starts/s at saturation, plain pg ${median(startRounds.map((r) => r.pgStarts.perSecond)).toFixed(0)}/s; storm at ${STORM_SHARE * 100} % of it: ${stormRate.toFixed(0)}/s; start answers other than 201: ${JSON.stringify(Object.fromEntries(startStatus))} at saturation`);
    verdict(`bench:exams (${loadNote()})`, [
      { name: 'start capacity ÷ plain pg writing the same rows', rounds: startRounds.map((r) => r.saturation / r.pgStarts.perSecond), target: '≥ 0.50', met: (m) => m >= 0.5 },
      { name: `start p95, storm at ${STORM_SHARE * 100} % of capacity ÷ trickle`, rounds: stormRatios, target: '≤ 5', met: (m) => m <= 5 },
      { name: 'start errors (trickle, saturation, storm)', rounds: [startErrors], target: '0', met: (m) => m === 0 },
      { name: 'submit req/s ÷ bare req/s', rounds: [submitRps / bare.rps], target: '≥ 0.20', met: (m) => m >= 0.2 },
      { name: 'submit p99 (ms)', rounds: [pct(submits, 99)], target: '< 150', met: (m) => m < 150 },
      { name: 'submit and autosave errors', rounds: [submitErrors + saveErrors], target: '0', met: (m) => m === 0 },
      { name: 'all graded after last submit (s)', rounds: [graded === STUDENTS ? (allGraded - lastSubmit) / 1000 : Infinity], target: '≤ 30', met: (m) => m <= 30 },
      { name: 'worker graded/s ÷ plain pg/s', rounds: [workerPerSecond / baseline.perSecond], target: '≥ 0.50', met: (m) => m >= 0.5 },
    ]);
    const disturbed = Object.entries({ bare: bareOther, trickle: trickleOther, saturation: saturationOther, storm: stormOther, autosave: saveOther, submit: submitOther, worker: drainOther })
      .filter(([, share]) => share > 0.15)
      .map(([phase, share]) => `${phase} ${pctOf(share)}`);
    if (disturbed.length) console.log(`\nWARNING: other processes used over 15 % of the CPU during ${disturbed.join(', ')}: run again on a quiet machine.`);
  } finally {
    await worker.stop().catch(() => undefined);
    await app.stop();
    await clearPrefix(`lms-bench-exams-${process.pid}`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
