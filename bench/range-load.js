// A lean HTTP/1.1 load generator for large ranged GETs: keep-alive connections that parse only the
// response head and then count body bytes, so that the client, not the servers, is never what is
// measured (autocannon's per-chunk parsing tops out far below a file server on this machine).
'use strict';
const { randomInt } = require('node:crypto');
const { leanConnection, percentiles } = require('./lean-http');

/**
 * Runs `connections` keep-alive connections for `seconds`, each sending GET `path` with a random
 * `Range: bytes=a-(a+rangeBytes-1)` inside `size`, one request at a time.
 * Resolves { rps, bytesPerSec, p50, p99, errors, total }.
 */
function rangeLoad({ host = '127.0.0.1', port, path, size, rangeBytes, connections, seconds }) {
  return new Promise((resolve) => {
    const latencies = [];
    let bytes = 0;
    let errors = 0;
    let open = connections;
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();

    const finish = () => {
      if (--open > 0) return;
      const elapsed = (Date.now() - started) / 1000;
      resolve({ rps: latencies.length / elapsed, bytesPerSec: bytes / elapsed, ...percentiles(latencies), errors, total: latencies.length });
    };

    for (let c = 0; c < connections; c++) {
      let sentAt = 0;
      const connection = leanConnection({
        host,
        port,
        onReady: () => send(),
        acceptHead: (status, length) => status === 206 && length !== undefined,
        onBytes: (n) => (bytes += n),
        onComplete: () => {
          latencies.push(performance.now() - sentAt);
          send();
        },
        onError: () => errors++,
        onClosed: finish,
      });
      const send = () => {
        if (Date.now() >= deadline) return connection.close();
        const start = randomInt(0, size - rangeBytes);
        sentAt = performance.now();
        connection.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nRange: bytes=${start}-${start + rangeBytes - 1}\r\n\r\n`);
      };
    }
  });
}

module.exports = { rangeLoad };
