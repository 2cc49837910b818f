// npm run bench — every benchmark in turn (one at a time: they measure the machine), each in its own
// process; each prints its targets as met / missed. Exits non-zero when any target was missed or a
// benchmark failed. Never run by CI. BENCH_SKIP=playback,exams leaves some out.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { loadNote } = require('./harness');

const BENCHES = ['catalog', 'playback', 'exams', 'certificate-pdf', 'certification', 'portal'];
const skip = new Set((process.env.BENCH_SKIP || '').split(',').filter(Boolean));

const results = [];
for (const name of BENCHES) {
  const file = join(__dirname, `${name}.js`);
  if (!existsSync(file) || skip.has(name)) continue;
  console.log(`\n=== bench:${name} (${new Date().toISOString()}, ${loadNote()}) ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  const status = run.status === 0 ? 'all targets met' : run.status === 1 ? 'target missed or failed' : `exited ${run.status ?? run.signal}`;
  results.push({ name, ok: run.status === 0, status, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'met   ' : 'MISSED'}  bench:${r.name}  ${r.status}  (${r.seconds} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
