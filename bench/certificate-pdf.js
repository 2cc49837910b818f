// node bench/certificate-pdf.js (after npm run build) — issue 12: one certificate PDF, rendered
// by a warm renderer (fonts parsed once), median of several rounds, against a renderer created
// anew per document (the font collection parsed every time). Budget: median <= 150 ms, <= 300 KB.
'use strict';
const { join } = require('node:path');
const { table, verdict } = require('./harness');
const { createCertificateRenderer } = require(join(__dirname, '../dist/libs/certificate/src'));

const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const DOCS = Number(process.env.BENCH_DOCS || 20);
const names = ['欧阳小明', '张小三', '李四', '司马相如', '买买提·艾力', 'John Smith'];

const input = (i) => ({
  holderName: names[i % names.length],
  tierName: ['阿里巴巴一段客户体验官', '阿里巴巴二段客户体验官', '阿里巴巴三段客户体验官'][i % 3],
  serial: `CXO${(i % 3) + 1}-2022-${String(i + 1).padStart(6, '0')}`,
  issuedAt: new Date('2022-06-30T16:00:00Z'),
  expiresAt: i % 2 ? '2025-06-30' : null,
  verificationUrl: `https://lms.example.cn/verify/CXO${(i % 3) + 1}-2022-${String(i + 1).padStart(6, '0')}`,
  issuerName: '校企合作客户体验官孵化基地',
});

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main() {
  let t0 = performance.now();
  const renderer = createCertificateRenderer();
  const createMs = performance.now() - t0;
  t0 = performance.now();
  await renderer.warmUp();
  const firstMs = performance.now() - t0;
  console.log(`renderer created in ${createMs.toFixed(0)} ms; warm-up (first document) ${firstMs.toFixed(0)} ms`);

  const rows = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const times = [];
    let maxBytes = 0;
    for (let i = 0; i < DOCS; i++) {
      const start = performance.now();
      const pdf = await renderer.render(input(round * DOCS + i));
      times.push(performance.now() - start);
      maxBytes = Math.max(maxBytes, pdf.length);
    }
    const fresh = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await createCertificateRenderer().render(input(i));
      fresh.push(performance.now() - start);
    }
    rows.push({
      round,
      'warm median ms': median(times).toFixed(1),
      'warm max ms': Math.max(...times).toFixed(1),
      'max KB': (maxBytes / 1024).toFixed(0),
      'fonts parsed per document, median ms': median(fresh).toFixed(1),
    });
  }
  console.log(table(rows));
  console.log(`median of round medians: ${median(rows.map((r) => Number(r['warm median ms']))).toFixed(1)} ms`);
  verdict('bench:certificate-pdf', [
    { name: 'one certificate, warm renderer (ms)', rounds: rows.map((r) => Number(r['warm median ms'])), target: '≤ 150', met: (m) => m <= 150 },
    { name: 'largest PDF (KB)', rounds: rows.map((r) => Number(r['max KB'])), target: '≤ 300', met: (m) => m <= 300 },
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
