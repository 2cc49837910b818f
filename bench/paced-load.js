// An open-loop HTTP/1.1 load generator: requests go out on a fixed schedule, whatever the server's
// answers, so latency is measured the way a user meets it at a given load. A closed loop
// (autocannon) sends the next request when the last answer comes, and at saturation its latency is
// only the number of connections divided by the throughput.
'use strict';
const { leanConnection, percentiles } = require('./lean-http');

/**
 * Sends `rate` requests/s, spread evenly over `connections` keep-alive connections, for `seconds`.
 * `next()` gives each request: { method, path, headers, body, onResponse(status) }. A connection
 * carries one request at a time; a request due while the previous one is still out waits for it, and
 * its latency counts from when it was due (no coordinated omission).
 * Resolves { rps, p50, p99, errors, non2xx, total, late } (late: requests sent ≥ 1 ms after due).
 */
function pacedLoad({ host = '127.0.0.1', port, rate, connections, seconds, next }) {
  return new Promise((resolve) => {
    const latencies = [];
    let errors = 0;
    let non2xx = 0;
    let late = 0;
    let open = connections;
    const interval = (1000 * connections) / rate; // ms between two requests of one connection
    const started = performance.now();
    const until = started + seconds * 1000;

    const finish = () => {
      if (--open > 0) return;
      const elapsed = (performance.now() - started) / 1000;
      resolve({ rps: latencies.length / elapsed, ...percentiles(latencies), errors, non2xx, total: latencies.length, late });
    };

    for (let c = 0; c < connections; c++) {
      let due = started + (c * interval) / connections; // this connection's next slot
      let inFlight; // { due, onResponse }
      let status = 0;
      let timer;
      const connection = leanConnection({
        host,
        port,
        onReady: () => schedule(),
        acceptHead: (code, length) => {
          status = code;
          return length !== undefined;
        },
        onComplete: () => {
          latencies.push(performance.now() - inFlight.due);
          if (status < 200 || status >= 300) non2xx++;
          inFlight.onResponse(status);
          inFlight = undefined;
          schedule();
        },
        onError: () => errors++,
        onClosed: () => {
          clearTimeout(timer);
          finish();
        },
      });
      const send = () => {
        if (due >= until) return connection.close();
        if (performance.now() - due >= 1) late++;
        const r = next();
        const body = r.body ?? '';
        const headers = Object.entries({ host: `${host}:${port}`, 'content-length': Buffer.byteLength(body), ...r.headers })
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('');
        inFlight = { due, onResponse: r.onResponse };
        due += interval;
        connection.write(`${r.method} ${r.path} HTTP/1.1\r\n${headers}\r\n${body}`);
      };
      const schedule = () => {
        const wait = due - performance.now();
        if (wait <= 0) send();
        else timer = setTimeout(send, wait);
      };
    }
  });
}

module.exports = { pacedLoad };
