import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createWriteStream, read } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { ByteRange, MediaStorage, StoredObject } from './media-storage';
import { OpenFiles } from './open-files';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const PART_SUFFIX = '.part';
/** Partial files older than this are leftovers of a crash mid-upload and are swept at start-up. */
const STALE_PART_MS = 24 * 3600 * 1000;
/**
 * Read size per chunk when streaming. Each read is a round trip through libuv's thread pool; at
 * 64 KiB (Node's file-stream default) those round trips held one process to ~0.4 of nginx's
 * throughput on random 1 MiB ranges, at 512 KiB to ~0.6 (docs/benchmarks.md). Pooled, so memory
 * stays bounded: at most POOLED_CHUNKS × 512 KiB are kept.
 */
const STREAM_CHUNK_BYTES = 512 * 1024;
/** Chunks kept for reuse; beyond this, chunks are allocated and left to the garbage collector. */
const POOLED_CHUNKS = 128;

/**
 * Reusable read buffers. Streaming allocated a fresh 64 KiB buffer per chunk before: at hundreds of
 * MB/s that is thousands of external allocations a second, and V8 answered with a full garbage
 * collection every ~70 ms, halving throughput. A chunk goes back to the pool once the destination
 * has taken it (its write callback), so a steady stream allocates nothing.
 */
class ChunkPool {
  private readonly free: Buffer[] = [];

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(STREAM_CHUNK_BYTES);
  }

  give(chunk: Buffer): void {
    if (this.free.length < POOLED_CHUNKS) this.free.push(chunk);
  }
}

/** Descriptors kept open across requests: more than the media a replica serves at once on a busy day. */
const OPEN_FILES = 256;

const readAt = promisify(read);

export interface LocalDiskOptions {
  /**
   * A destination that takes no bytes for this long fails the range (a stalled viewer would
   * otherwise hold its descriptors and the transfer for as long as TCP keeps the connection); 0: never.
   */
  stallTimeoutMs: number;
}

/** The error a range fails with when its destination stalls. */
function stalled(ms: number): Error {
  return Object.assign(new Error(`the destination took nothing for ${ms} ms`), { code: 'ETIMEDOUT' });
}

/**
 * Media as plain files under `<DATA_DIR>/media/`. An upload is written to a uniquely named
 * `.part` file beside its target, flushed to disk, and renamed into place, so a reader never sees a
 * half-written object and a failed upload leaves nothing behind.
 */
export class LocalDiskStorage implements MediaStorage, OnApplicationShutdown {
  private readonly logger = new Logger(LocalDiskStorage.name);
  private readonly chunks = new ChunkPool();
  private readonly openFiles = new OpenFiles(OPEN_FILES);
  readonly root: string;
  private readonly stallTimeoutMs: number;

  constructor(dataDir: string, options: LocalDiskOptions = { stallTimeoutMs: 60_000 }) {
    this.root = resolve(dataDir, 'media');
    this.stallTimeoutMs = options.stallTimeoutMs;
  }

  onApplicationShutdown(): void {
    this.openFiles.closeAll();
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const now = Date.now();
    for (const name of await readdir(this.root)) {
      if (!name.endsWith(PART_SUFFIX)) continue;
      const path = join(this.root, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_PART_MS) {
        await unlink(path).catch(() => undefined);
        this.logger.warn(`removed a stale partial upload: ${name}`);
      }
    }
  }

  async put(key: string, body: Readable): Promise<StoredObject> {
    const target = this.path(key);
    const part = `${target}.${randomBytes(6).toString('hex')}${PART_SUFFIX}`;
    try {
      await pipeline(body, createWriteStream(part, { flags: 'wx', flush: true }));
      await rename(part, target);
    } catch (err) {
      await unlink(part).catch(() => undefined);
      throw err;
    }
    return (await this.stat(key)) as StoredObject;
  }

  async read(key: string, offset: number, length: number): Promise<Buffer> {
    const handle = await open(this.path(key), 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, length));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /**
   * Node's own streaming: reads the range in pooled chunks from a descriptor kept open across
   * requests and writes them to the destination as it drains. (For many viewers, MEDIA_DELIVERY=nginx
   * leaves the bytes to nginx's sendfile instead.)
   */
  async sendRange(key: string, range: ByteRange, destination: Writable, ready: () => void): Promise<void> {
    await this.openFiles.use(this.path(key), async (fd) => {
      ready();
      await this.copy(fd, range, destination);
    });
  }

  /** Reads ahead while the destination accepts, waits for 'drain' (at most the stall timeout) when it does not. */
  private async copy(fd: number, range: ByteRange, destination: Writable): Promise<void> {
    let gone: Error | undefined;
    let wake: (() => void) | undefined;
    const onClose = () => {
      gone ??= new Error('the destination closed before the range was sent');
      wake?.();
    };
    const onDrain = () => wake?.();
    destination.on('close', onClose);
    destination.on('drain', onDrain);
    try {
      for (let position = range.start; position <= range.end; ) {
        if (gone) throw gone;
        const chunk = this.chunks.take();
        const { bytesRead } = await readAt(fd, chunk, 0, Math.min(chunk.length, range.end - position + 1), position);
        if (bytesRead === 0) {
          this.chunks.give(chunk);
          throw new Error(`${range.end + 1} bytes expected, the file ends at ${position}`);
        }
        position += bytesRead;
        const accepted = destination.write(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead), () => this.chunks.give(chunk));
        if (!accepted && !gone) await this.drained((resolve) => (wake = resolve), destination);
        wake = undefined;
      }
      if (gone) throw gone;
      destination.end();
    } finally {
      destination.off('close', onClose);
      destination.off('drain', onDrain);
    }
  }

  /** Waits for `arm`'s wake-up; a destination still full after the stall timeout is destroyed and the wait fails. */
  private async drained(arm: (wake: () => void) => void, destination: Writable): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const woken = new Promise<void>(arm);
    if (this.stallTimeoutMs === 0) return woken;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = stalled(this.stallTimeoutMs);
        destination.destroy(error);
        reject(error);
      }, this.stallTimeoutMs);
    });
    try {
      await Promise.race([woken, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    const info = await stat(this.path(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    return info ? { size: info.size, modifiedAt: info.mtime } : null;
  }

  async delete(key: string): Promise<void> {
    this.openFiles.forget(this.path(key));
    await unlink(this.path(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  private path(key: string): string {
    if (!KEY.test(key) || key.endsWith(PART_SUFFIX)) throw new Error(`invalid storage key: ${key}`);
    return join(this.root, key);
  }
}
