// A lean HTTP/1.1 load generator for large ranged GETs: keep-alive connections that parse only the
// response head and then count body bytes, so that the client, not the servers, is never what is
// measured (autocannon's per-chunk parsing tops out far below a file server on this machine).
'use strict';
const net = require('node:net');
const { randomInt } = require('node:crypto');

const HEAD_END = Buffer.from('\r\n\r\n');

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
      latencies.sort((a, b) => a - b);
      const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
      resolve({ rps: latencies.length / elapsed, bytesPerSec: bytes / elapsed, p50: pct(50), p99: pct(99), errors, total: latencies.length });
    };

    for (let c = 0; c < connections; c++) {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      let head = Buffer.alloc(0);
      let remaining = -1; // body bytes still expected; -1 while reading the head
      let sentAt = 0;
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        socket.destroy();
        finish();
      };
      const send = () => {
        if (Date.now() >= deadline) return end();
        const start = randomInt(0, size - rangeBytes);
        sentAt = performance.now();
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nRange: bytes=${start}-${start + rangeBytes - 1}\r\n\r\n`);
      };
      const completed = () => {
        latencies.push(performance.now() - sentAt);
        remaining = -1;
        send();
      };
      socket.on('connect', send);
      socket.on('error', () => {
        errors++;
        end();
      });
      socket.on('close', end);
      socket.on('data', (chunk) => {
        let data = chunk;
        while (data.length > 0 && !done) {
          if (remaining < 0) {
            head = head.length ? Buffer.concat([head, data]) : data;
            const at = head.indexOf(HEAD_END);
            if (at < 0) return;
            const text = head.subarray(0, at).toString('latin1');
            const status = Number(text.slice(9, 12));
            const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
            if (status !== 206 || !length) {
              errors++;
              return end();
            }
            remaining = Number(length[1]);
            data = head.subarray(at + 4);
            head = Buffer.alloc(0);
            if (remaining === 0) completed();
            continue;
          }
          const take = Math.min(remaining, data.length);
          bytes += take;
          remaining -= take;
          data = data.subarray(take);
          if (remaining === 0) completed();
        }
      });
    }
  });
}

module.exports = { rangeLoad };
