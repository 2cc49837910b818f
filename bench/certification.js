// npm run bench:certification — issue 12. On its own database, 3 cohorts of 1,000 students with
// realistic records bulk-loaded straight into the bench database (about 150 hour-ledger entries, 5
// graded attempts at the 一段 exam and 20 passed drill submissions each). Measured in the same run,
// each the median of several rounds:
// - the cohort eligibility board (GET /api/certification/eligibility?cohortId) against one plain
//   SQL aggregate over the same tables for the same cohort: target ≤ 3 × that baseline and < 1 s;
// - batch issuing to a cohort's 1,000 eligible students (POST /api/certificates/batch): < 10 s;
// - one PDF certificate (GET /api/certificates/:id/pdf): median ≤ 150 ms, ≤ 300 KB;
// - GET /api/verify/:serial throughput against the bare route (/health/live) of the same app: ≥ 0.5 ×.
'use strict';
const { Client } = require('pg');
const { startApp, login, load, table, pgConnection } = require('./harness');

const STUDENTS = Number(process.env.BENCH_STUDENTS || 1000);
const COHORTS = Number(process.env.BENCH_COHORTS || 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const PDFS = Number(process.env.BENCH_PDFS || 10);
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const DATABASE = `lms_bench_cert_${process.pid}`;

const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const verdict = (ok) => (ok ? 'met' : 'MISSED');

/**
 * The records of `count` students of one cohort, written straight into the bench database in a
 * few set-based statements (a benchmark's fixture, not the application's path).
 */
async function loadCohort(db, name, count, ids) {
  const cohort = (await db.query(`INSERT INTO cohort (name, year) VALUES ($1, 2022) RETURNING id`, [name])).rows[0].id;
  const prefix = name.replace(/[^a-z0-9]/g, '');
  await db.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, cohort_id)
     SELECT $1 || lpad(i::text, 5, '0'), '学员' || i, $2, 'student', $3 FROM generate_series(1, $4) AS i`,
    [prefix, ids.passwordHash, cohort, count],
  );
  const students = `SELECT id FROM app_user WHERE cohort_id = '${cohort}'`;
  // 150 ledger entries: 100 practical (40 min: 66.7 h), 30 general (60 min: 30 h), 20 training (30 min).
  await db.query(
    `INSERT INTO hour_entry (student_id, system_code, minutes, source, idempotency_key, reason, author_id)
     SELECT s.id, CASE WHEN k <= 100 THEN 'practical' WHEN k <= 130 THEN 'general' ELSE 'training' END,
            CASE WHEN k <= 100 THEN 40 WHEN k <= 130 THEN 60 ELSE 30 END,
            'adjustment', 'bench:' || s.id || ':' || k, '基准测试数据', $1
       FROM (${students}) s CROSS JOIN generate_series(1, 150) AS k`,
    [ids.admin],
  );
  // 5 graded attempts at the 一段 exam: 60, 68, 76, 84, 92 of 100 (the last two pass).
  await db.query(
    `INSERT INTO attempt (id, exam_id, student_id, attempt_no, status, started_at, deadline, submitted_at, submitted_by, graded_at, score, max_score, passed)
     SELECT gen_random_uuid(), $1, s.id, n, 'graded', now() - interval '2 hours', now() - interval '1 hour', now() - interval '90 minutes', 'student',
            now() - interval '80 minutes', 52 + 8 * n, 100, 52 + 8 * n >= 80
       FROM (${students}) s CROSS JOIN generate_series(1, 5) AS n`,
    [ids.exam],
  );
  // 20 passed drill submissions and their results.
  await db.query(
    `WITH sub AS (
       INSERT INTO drill_submission (scenario_id, student_id, reply, prompt, rubric, requires_review, status, auto_score, auto_passed, max_score, result, score, passed, graded_at)
       SELECT sc.id, s.id, '您好，理解您的心情，我们马上为您核实处理。', '消费者来信', '{}', false, 'graded', 80, true, 100, '{}', 80, true, now()
         FROM (${students}) s CROSS JOIN (SELECT id FROM training_scenario ORDER BY position LIMIT 20) sc
       RETURNING id, scenario_id, student_id)
     INSERT INTO drill_result (student_id, scenario_id, best_submission_id, best_score, best_max_score, passed, graded_count, first_passed_at)
     SELECT student_id, scenario_id, id, 80, 100, true, 1, now() FROM sub`,
  );
  return cohort;
}

/** The yardstick: one plain SQL aggregate over the same tables for the cohort (hours per system, best tier score, drills passed). */
const BASELINE = `
  WITH s AS (SELECT id FROM app_user WHERE cohort_id = $1 AND role = 'student' AND status = 'active'),
  h AS (SELECT student_id, jsonb_object_agg(system_code, minutes) AS hours
          FROM (SELECT student_id, system_code, SUM(minutes)::int AS minutes FROM hour_entry WHERE student_id IN (SELECT id FROM s) GROUP BY 1, 2) x GROUP BY 1),
  e AS (SELECT student_id, jsonb_object_agg(tier_code, best) AS best FROM (
          SELECT a.student_id, e.tier_code, MAX(a.score::float8 / a.max_score) AS best FROM attempt a JOIN exam e ON e.id = a.exam_id
           WHERE a.student_id IN (SELECT id FROM s) AND a.status = 'graded' AND e.tier_code IS NOT NULL GROUP BY 1, 2) x GROUP BY 1),
  d AS (SELECT student_id, COUNT(*)::int AS drills FROM drill_result WHERE passed AND student_id IN (SELECT id FROM s) GROUP BY 1)
  SELECT s.id, h.hours, e.best, d.drills FROM s LEFT JOIN h ON h.student_id = s.id LEFT JOIN e ON e.student_id = s.id LEFT JOIN d ON d.student_id = s.id`;

async function main() {
  const app = await startApp({ port: 3911, database: DATABASE, env: { VERIFY_PER_MINUTE: '100000', LOG_LEVEL: 'warn' } });
  const db = new Client(pgConnection(DATABASE));
  await db.connect();
  try {
    const admin = await login(app.base, 'admin');
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const ids = {
      admin: (await db.query(`SELECT id FROM app_user WHERE username = 'admin'`)).rows[0].id,
      passwordHash: (await db.query(`SELECT password_hash FROM app_user WHERE username = 'student1'`)).rows[0].password_hash,
      exam: (await db.query(`SELECT id FROM exam WHERE tier_code = 'cxo-1'`)).rows[0].id,
    };
    let t0 = now();
    const cohorts = [];
    for (let c = 0; c < COHORTS; c++) cohorts.push(await loadCohort(db, `bench cohort ${String.fromCharCode(97 + c)}`, STUDENTS, ids));
    // Settle the bulk load (visibility map, statistics) so that autovacuum does not run during the measurements.
    await db.query('VACUUM (ANALYZE)');
    const rows = (await db.query(`SELECT (SELECT COUNT(*) FROM hour_entry)::int AS ledger, (SELECT COUNT(*) FROM attempt)::int AS attempts, (SELECT COUNT(*) FROM drill_submission)::int AS drills`)).rows[0];
    console.log(`loaded ${COHORTS} × ${STUDENTS} students (${rows.ledger} ledger entries, ${rows.attempts} attempts, ${rows.drills} drill submissions) in ${((now() - t0) / 1000).toFixed(1)} s`);

    // ---------------------------------------------------------------- eligibility vs the plain SQL aggregate
    const board = async (cohort) => {
      const start = now();
      const res = await fetch(`${app.base}/api/certification/eligibility?cohortId=${cohort}`, { headers });
      const body = await res.json();
      if (!res.ok || body.students.length !== STUDENTS) throw new Error(`eligibility: ${res.status}`);
      return { ms: now() - start, eligible: body.tiers.find((x) => x.code === 'cxo-1').eligible };
    };
    const baseline = async (cohort) => {
      const start = now();
      const r = await db.query(BASELINE, [cohort]);
      if (r.rowCount !== STUDENTS) throw new Error('baseline rows');
      return now() - start;
    };
    await board(cohorts[0]);
    await baseline(cohorts[0]);
    const eligibilityRows = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const sql = await baseline(cohorts[0]);
      const api = await board(cohorts[0]);
      eligibilityRows.push({ round, 'plain SQL ms': sql, 'eligibility board ms': api.ms, ratio: api.ms / sql, 'eligible for 一段': api.eligible });
    }
    console.log(`\ncohort eligibility, ${STUDENTS} students\n${table(eligibilityRows)}`);
    const eligMs = median(eligibilityRows.map((r) => r['eligibility board ms']));
    const sqlMs = median(eligibilityRows.map((r) => r['plain SQL ms']));

    // ---------------------------------------------------------------- batch issuing, one cohort per round
    const issueRows = [];
    let firstIssued = null;
    for (const [i, cohort] of cohorts.entries()) {
      t0 = now();
      const res = await fetch(`${app.base}/api/certificates/batch`, { method: 'POST', headers, body: JSON.stringify({ tierCode: 'cxo-1', cohortId: cohort }) });
      const body = await res.json();
      const ms = now() - t0;
      if (!res.ok) throw new Error(`batch: ${res.status} ${JSON.stringify(body)}`);
      firstIssued ??= body.results.find((r) => r.outcome === 'issued');
      issueRows.push({ round: i + 1, students: STUDENTS, issued: body.issued, skipped: body.skipped, 'batch ms': ms });
    }
    const audit = (await db.query(`SELECT COUNT(*)::int AS n FROM audit_entry WHERE action LIKE 'certificate.%'`)).rows[0].n;
    console.log(`\nbatch issuing (certificates, serials, audit rows: ${audit})\n${table(issueRows)}`);
    const issueMs = median(issueRows.map((r) => r['batch ms']));
    const issuedAll = issueRows.every((r) => r.issued === STUDENTS);

    // ---------------------------------------------------------------- one PDF
    const pdfRows = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const times = [];
      let bytes = 0;
      for (let i = 0; i < PDFS; i++) {
        t0 = now();
        const res = await fetch(`${app.base}/api/certificates/${firstIssued.certificateId}/pdf`, { headers });
        const pdf = Buffer.from(await res.arrayBuffer());
        times.push(now() - t0);
        if (!res.ok) throw new Error(`pdf: ${res.status}`);
        bytes = Math.max(bytes, pdf.length);
      }
      pdfRows.push({ round, 'median ms': median(times), 'max ms': Math.max(...times), KB: bytes / 1024 });
    }
    console.log(`\nGET /api/certificates/:id/pdf (${PDFS} per round)\n${table(pdfRows)}`);
    const pdfMs = median(pdfRows.map((r) => r['median ms']));
    const pdfKb = Math.max(...pdfRows.map((r) => r.KB));

    // ---------------------------------------------------------------- verification throughput vs the bare route
    const serial = firstIssued.serial;
    await load({ url: `${app.base}/health/live`, duration: 1 });
    await load({ url: `${app.base}/api/verify/${serial}`, duration: 1 });
    const verifyRows = [];
    for (let round = 1; round <= 3; round++) {
      const bare = await load({ url: `${app.base}/health/live`, duration: SECONDS });
      const verify = await load({ url: `${app.base}/api/verify/${serial}`, duration: SECONDS });
      verifyRows.push({ round, 'bare req/s': bare.rps, 'verify req/s': verify.rps, ratio: verify.rps / bare.rps, 'verify p99 ms': verify.p99, 'verify non-2xx': verify.non2xx, errors: verify.errors + bare.errors });
    }
    console.log(`\nGET /api/verify/:serial against the bare route, 50 connections, ${SECONDS} s\n${table(verifyRows)}`);
    const verifyRatio = median(verifyRows.map((r) => r.ratio));
    const verifyClean = verifyRows.every((r) => r['verify non-2xx'] === 0 && r.errors === 0);

    console.log('\nsummary (medians)');
    console.log(
      table([
        { figure: 'cohort eligibility ÷ plain SQL', measured: `${eligMs.toFixed(0)} ms ÷ ${sqlMs.toFixed(0)} ms = ${(eligMs / sqlMs).toFixed(2)}`, target: '≤ 3 × and < 1000 ms', verdict: verdict(eligMs <= 3 * sqlMs && eligMs < 1000) },
        { figure: `batch issuing to ${STUDENTS}`, measured: `${(issueMs / 1000).toFixed(2)} s`, target: '< 10 s, every student issued', verdict: verdict(issueMs < 10_000 && issuedAll) },
        { figure: 'one PDF certificate', measured: `${pdfMs.toFixed(0)} ms, ${pdfKb.toFixed(0)} KB`, target: '≤ 150 ms, ≤ 300 KB', verdict: verdict(pdfMs <= 150 && pdfKb <= 300) },
        { figure: 'verify ÷ bare throughput', measured: verifyRatio.toFixed(2), target: '≥ 0.50, no non-2xx', verdict: verdict(verifyRatio >= 0.5 && verifyClean) },
      ]),
    );
  } finally {
    await db.end();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
