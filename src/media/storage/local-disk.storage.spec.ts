import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
