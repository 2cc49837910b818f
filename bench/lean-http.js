// The connections of the bench's lean HTTP/1.1 clients (range-load.js, paced-load.js): keep-alive,
// one request at a time, and responses read only as far as the status, Content-Length and the
// number of body bytes, so that the client costs little next to the server it measures.
'use strict';
const net = require('node:net');

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Returns a 'data' handler for a keep-alive connection that carries one response at a time.
 * onHead(status, contentLength | undefined) returns false to stop reading (the caller ends the
 * connection); onBytes(n) counts body bytes; onComplete() runs when a body is whole.
 */
function responseParser({ onHead, onBytes, onComplete }) {
  let head = Buffer.alloc(0);
  let remaining = -1; // body bytes still expected; -1 while reading a head
  return (chunk) => {
    let data = chunk;
    while (data.length > 0) {
      if (remaining < 0) {
        head = head.length ? Buffer.concat([head, data]) : data;
        const at = head.indexOf(HEAD_END);
        if (at < 0) return;
        const text = head.subarray(0, at).toString('latin1');
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
        if (onHead(Number(text.slice(9, 12)), length ? Number(length[1]) : undefined) === false) return;
        remaining = length ? Number(length[1]) : 0;
        data = head.subarray(at + 4);
        head = Buffer.alloc(0);
      } else {
        const take = Math.min(remaining, data.length);
        onBytes(take);
        remaining -= take;
        data = data.subarray(take);
      }
      if (remaining === 0) {
        remaining = -1;
        onComplete();
      }
    }
  };
}

/**
 * Opens a connection. acceptHead(status, contentLength) returns false for a response the caller
 * counts as an error; that, or a socket error, calls onError and closes the connection. Closing
 * (by `close()`, the peer, or an error) calls onClosed once. Bodies are counted through onBytes (optional);
 * onComplete runs for each whole response while the connection is open.
 */
function leanConnection({ host, port, onReady, acceptHead, onBytes = () => undefined, onComplete, onError, onClosed }) {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    socket.destroy();
    onClosed();
  };
  const fail = () => {
    onError();
    close();
  };
  socket.on('connect', onReady);
  socket.on('error', fail);
  socket.on('close', close);
  socket.on(
    'data',
    responseParser({
      onHead: (status, length) => acceptHead(status, length) || (fail(), false),
      onBytes,
      onComplete: () => !closed && onComplete(),
    }),
  );
  return { write: (text) => socket.write(text), close };
}

/** Sorts `latencies` (ms) in place and returns its p50 and p99 (0 when empty). */
function percentiles(latencies) {
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
  return { p50: pct(50), p99: pct(99) };
}

module.exports = { leanConnection, percentiles };
