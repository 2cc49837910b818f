import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { LocalDiskStorage } from './local-disk.storage';

/** A destination that takes `perTick` bytes per event-loop turn, so backpressure really happens. */
function slowSink(opts: { failAfter?: number } = {}) {
  const chunks: Buffer[] = [];
  let received = 0;
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk)); // a copy: the storage reuses its buffers once written
      received += chunk.length;
      if (opts.failAfter !== undefined && received >= opts.failAfter) {
        setImmediate(() => sink.destroy());
        return;
      }
      setImmediate(done);
    },
  });
  return { sink, bytes: () => Buffer.concat(chunks) };
}

describe('LocalDiskStorage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lms-storage-'));
  const storage = new LocalDiskStorage(dir);
  const data = randomBytes(1_000_003);

  beforeAll(async () => {
    await storage.init();
    await storage.put('object', Readable.from([data.subarray(0, 400_000), data.subarray(400_000)]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends exactly the bytes of a range through a slow destination, calling ready first', async () => {
    for (const [start, end] of [
      [0, data.length - 1],
      [12_345, 900_000],
      [data.length - 1, data.length - 1],
    ]) {
      const { sink, bytes } = slowSink();
      let readyBeforeBytes: boolean | undefined;
      await storage.sendRange('object', { start, end }, sink, () => (readyBeforeBytes = bytes().length === 0));
      expect(readyBeforeBytes).toBe(true);
      expect(bytes().equals(data.subarray(start, end + 1))).toBe(true);
    }
  });

  it('rejects without calling ready for a missing object', async () => {
    const ready = jest.fn();
    await expect(storage.sendRange('missing', { start: 0, end: 10 }, slowSink().sink, ready)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(ready).not.toHaveBeenCalled();
  });

  it('stops and rejects when the destination goes away mid-range, and keeps serving afterwards', async () => {
    const { sink } = slowSink({ failAfter: 200_000 });
    await expect(storage.sendRange('object', { start: 0, end: data.length - 1 }, sink, () => undefined)).rejects.toThrow(/closed/);
    const again = slowSink();
    await storage.sendRange('object', { start: 0, end: 99 }, again.sink, () => undefined);
    expect(again.bytes().equals(data.subarray(0, 100))).toBe(true);
  });

  it('leaves nothing behind when a put fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(randomBytes(10_000));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put('never', failing)).rejects.toThrow('client went away');
    expect(readdirSync(join(dir, 'media'))).toEqual(['object']);
  });
});

describe('LocalDiskStorage streaming into HTTP responses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lms-storage-http-'));
  // More than loopback socket buffers can hold (here up to 32 MiB received + 4 MiB sent).
  const data = randomBytes(64 * 1024 * 1024 + 5);
  const outcomes: Array<'sent' | Error> = [];
  let server: Server;
  let port: number;
  let storage: LocalDiskStorage;

  /** Serves `Range: bytes=a-b` of the stored object with whichever storage is current. */
  beforeAll(async () => {
    const seed = new LocalDiskStorage(dir);
    await seed.init();
    await seed.put('object', Readable.from([data]));
    server = createServer((req, res) => {
      const [start, end] = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '')!.slice(1).map(Number);
      storage
        .sendRange('object', { start, end }, res, () => res.writeHead(206, { 'Content-Length': String(end - start + 1) }))
        .then(
          () => outcomes.push('sent'),
          (err: Error) => {
            outcomes.push(err);
            res.destroy();
          },
        );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => jest.restoreAllMocks());

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 250 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  };
  const get = async (start: number, end: number) => {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { range: `bytes=${start}-${end}` } });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };
  const ranges = [
    [0, data.length - 1],
    [777, 1_048_576],
    [data.length - 1, data.length - 1],
  ];

  it('answers every range byte for byte, over one kept-alive connection', async () => {
    storage = new LocalDiskStorage(dir, { stallTimeoutMs: 60_000 });
    for (const [start, end] of ranges) {
      const { status, body } = await get(start, end);
      expect(status).toBe(206);
      expect(body.equals(data.subarray(start, end + 1))).toBe(true);
    }
    storage.onApplicationShutdown();
  });

  it('answers pipelined requests in order (the second waits for the first to finish on the socket)', async () => {
    storage = new LocalDiskStorage(dir, { stallTimeoutMs: 60_000 });
    const [first, second] = [
      [100, 3_000_099],
      [9, 17],
    ];
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write([first, second].map(([a, b]) => `GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=${a}-${b}\r\n\r\n`).join(''));
    /** The complete response bodies received so far. */
    const bodies = () => {
      const raw = Buffer.concat(chunks);
      const complete: Buffer[] = [];
      for (let at = 0; ; ) {
        const headEnd = raw.indexOf('\r\n\r\n', at);
        if (headEnd < 0) return complete;
        const length = Number(/content-length: (\d+)/i.exec(raw.subarray(at, headEnd).toString('latin1'))![1]);
        if (raw.length < headEnd + 4 + length) return complete;
        complete.push(raw.subarray(headEnd + 4, headEnd + 4 + length));
        at = headEnd + 4 + length;
      }
    };
    await until(() => bodies().length === 2);
    socket.destroy();
    const [one, two] = bodies();
    expect(one.equals(data.subarray(first[0], first[1] + 1))).toBe(true);
    expect(two.equals(data.subarray(second[0], second[1] + 1))).toBe(true);
    storage.onApplicationShutdown();
  });

  it('gives up on a viewer who goes away mid-range, keeps serving others and leaks no descriptor', async () => {
    storage = new LocalDiskStorage(dir, { stallTimeoutMs: 60_000 });
    outcomes.length = 0;
    await get(0, 0); // the object's descriptor is now open and kept
    await until(() => outcomes.length === 1); // the server may settle after the client has read the bytes
    const descriptors = readdirSync('/proc/self/fd').length;
    outcomes.length = 0;
    const viewer = connect(port, '127.0.0.1');
    viewer.pause(); // reads nothing: the socket buffers fill and the sender has to wait
    viewer.write(`GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=0-${data.length - 1}\r\n\r\n`);
    await new Promise((r) => setTimeout(r, 200));
    expect(outcomes).toEqual([]);
    viewer.destroy(); // the viewer seeks elsewhere and closes the connection
    await until(() => outcomes.length > 0);
    expect(outcomes).toEqual([expect.any(Error)]);
    const { body } = await get(5, 1_000_004);
    expect(body.equals(data.subarray(5, 1_000_005))).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(descriptors);
    storage.onApplicationShutdown();
  });

  it('disconnects a viewer who takes nothing for the stall timeout, and leaks no descriptor', async () => {
    storage = new LocalDiskStorage(dir, { stallTimeoutMs: 400 });
    outcomes.length = 0;
    await get(0, 0);
    await until(() => outcomes.length === 1);
    const descriptors = readdirSync('/proc/self/fd').length;
    outcomes.length = 0;
    const viewer = connect(port, '127.0.0.1');
    viewer.on('error', () => undefined); // the server's side goes away: a reset is expected
    const closed = new Promise((resolve) => viewer.on('close', resolve));
    viewer.pause(); // a player that stopped reading and never comes back
    viewer.write(`GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=0-${data.length - 1}\r\n\r\n`);
    await until(() => outcomes.length > 0);
    expect(outcomes).toEqual([expect.objectContaining({ code: 'ETIMEDOUT' })]);
    viewer.resume(); // takes what was buffered, then sees the connection end
    await closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(descriptors);
    storage.onApplicationShutdown();
  });
});
