import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendFileRange, sendfileAvailable } from './index';

/** A connected pair of TCP sockets on loopback: `server` is the side bytes are sent from. */
async function socketPair(): Promise<{ server: Socket; client: Socket; close: () => void }> {
  let listener: Server | undefined;
  const accepted = new Promise<Socket>((resolve) => {
    listener = createServer(resolve);
  });
  await new Promise<void>((resolve) => listener!.listen(0, '127.0.0.1', resolve));
  const { port } = listener!.address() as { port: number };
  const client = new Socket();
  await new Promise<void>((resolve) => client.connect(port, '127.0.0.1', resolve));
  const server = await accepted;
  listener!.close();
  // Resets and aborts are what some tests are about: the sockets' own error events are expected.
  server.on('error', () => undefined);
  client.on('error', () => undefined);
  return {
    server,
    client,
    close: () => {
      server.destroy();
      client.destroy();
    },
  };
}

/** Collects what arrives on `socket` until `bytes` have come (or the socket ends). */
function receive(socket: Socket, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  return new Promise((resolve) => {
    const done = () => resolve(Buffer.concat(chunks));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= bytes) done();
    });
    socket.on('end', done);
    socket.on('close', done);
  });
}

const fdOf = (socket: Socket) => (socket as unknown as { _handle: { fd: number } })._handle.fd;
const openDescriptors = () => readdirSync('/proc/self/fd').length;

describe('sendFileRange (sendfile(2) on the pump threads)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lms-sendfile-'));
  const data = randomBytes(24 * 1024 * 1024 + 17); // far beyond a socket buffer: the pump must wait for room
  const path = join(dir, 'object');
  writeFileSync(path, data);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is available on this machine (Linux, addon built by npm run build)', () => {
    expect(sendfileAvailable).toBe(true);
  });

  it('sends exactly the bytes of a range, through a reader slower than the sender', async () => {
    const { server, client, close } = await socketPair();
    const fd = openSync(path, 'r');
    try {
      for (const [offset, length] of [
        [0, data.length],
        [12_345, 3_000_000],
        [data.length - 1, 1],
      ]) {
        client.pause();
        const arriving = receive(client, length);
        const transfer = sendFileRange(fdOf(server), fd, offset, length);
        setTimeout(() => client.resume(), 50); // the socket fills up first
        await transfer.done;
        expect((await arriving).equals(data.subarray(offset, offset + length))).toBe(true);
        client.removeAllListeners('data');
      }
    } finally {
      closeSync(fd);
      close();
    }
  });

  it('keeps working when the caller closes its descriptors right after starting (the pump holds duplicates)', async () => {
    const { server, client, close } = await socketPair();
    const fd = openSync(path, 'r');
    const arriving = receive(client, 5_000_000);
    const transfer = sendFileRange(fdOf(server), fd, 1000, 5_000_000);
    closeSync(fd);
    await transfer.done;
    expect((await arriving).equals(data.subarray(1000, 5_001_000))).toBe(true);
    close();
  });

  it('rejects with ENODATA when the file ends before the range does, after sending what there is', async () => {
    const { server, client, close } = await socketPair();
    const fd = openSync(path, 'r');
    const arriving = receive(client, 100);
    const transfer = sendFileRange(fdOf(server), fd, data.length - 100, 1000);
    await expect(transfer.done).rejects.toMatchObject({ code: 'ENODATA' });
    expect((await arriving).equals(data.subarray(data.length - 100))).toBe(true);
    closeSync(fd);
    close();
  });

  it('stops on abort while the reader is stalled, and leaves no descriptor behind', async () => {
    const before = openDescriptors();
    const { server, client, close } = await socketPair();
    const fd = openSync(path, 'r');
    client.pause(); // never reads: the transfer waits for room that never comes
    const transfer = sendFileRange(fdOf(server), fd, 0, data.length);
    await new Promise((r) => setTimeout(r, 100));
    transfer.abort();
    await expect(transfer.done).rejects.toMatchObject({ code: expect.stringMatching(/^(EPIPE|ECONNRESET|ENOTCONN)$/) });
    transfer.abort(); // settled: harmless
    closeSync(fd);
    close();
    await new Promise((r) => setTimeout(r, 50));
    expect(openDescriptors()).toBe(before);
  });

  it('gives up with ETIMEDOUT on a reader that takes nothing for the stall timeout, and leaves no descriptor behind', async () => {
    const before = openDescriptors();
    const { server, client, close } = await socketPair();
    const fd = openSync(path, 'r');
    client.pause(); // a viewer whose player stopped reading: the window closes and stays closed
    const started = Date.now();
    const transfer = sendFileRange(fdOf(server), fd, 0, data.length, 300);
    // The kernel aborts the connection with ETIMEDOUT; when Node's reading side of the same socket
    // picks that error up first, sendfile sees the connection already gone (EPIPE).
    await expect(transfer.done).rejects.toMatchObject({ code: expect.stringMatching(/^(ETIMEDOUT|EPIPE)$/) });
    // The kernel checks at its zero-window probes (backing off from 200 ms), so "about" the timeout.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    closeSync(fd);
    close();
    await new Promise((r) => setTimeout(r, 50));
    expect(openDescriptors()).toBe(before);
  });

  it('keeps sending to a reader that pauses for less than the stall timeout each time', async () => {
    const { server, client, close } = await socketPair();
    const fd = openSync(path, 'r');
    const arriving = receive(client, data.length);
    // Reads for 10 ms, then stops for 150 ms, over and over: slow, but never stalled for 400 ms.
    let tick = 0;
    const reader = setInterval(() => (tick++ % 16 === 0 ? client.resume() : client.pause()), 10);
    await sendFileRange(fdOf(server), fd, 0, data.length, 400).done;
    clearInterval(reader);
    client.resume();
    expect((await arriving).equals(data)).toBe(true);
    closeSync(fd);
    close();
  });

  it('rejects when the peer goes away mid-range', async () => {
    const { server, client, close } = await socketPair();
    const fd = openSync(path, 'r');
    client.pause();
    const transfer = sendFileRange(fdOf(server), fd, 0, data.length);
    await new Promise((r) => setTimeout(r, 50));
    client.resetAndDestroy();
    await expect(transfer.done).rejects.toMatchObject({ code: expect.stringMatching(/^(EPIPE|ECONNRESET)$/) });
    closeSync(fd);
    close();
  });

  it('refuses bad arguments synchronously', () => {
    expect(() => sendFileRange(-1, 0, 0, 10)).toThrow(TypeError);
    expect(() => sendFileRange(0, 0, -5, 10)).toThrow(TypeError);
    expect(() => sendFileRange(Number.NaN, 0, 0, 10)).toThrow(TypeError);
    expect(() => sendFileRange(0, 0, 0, 10, -1)).toThrow(TypeError);
  });
});
