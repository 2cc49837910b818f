import type { Readable, Writable } from 'node:stream';

/** Injection token of the configured storage driver. */
export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

export interface StoredObject {
  size: number;
  modifiedAt: Date;
}

/** An inclusive byte range, as HTTP writes it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes live. Keys are opaque to callers. Every method is asynchronous and works on
 * whole objects or byte ranges, so an S3-compatible driver (PutObject via multipart upload, ranged
 * GetObject, HeadObject, DeleteObject) fits without touching the callers.
 */
export interface MediaStorage {
  /**
   * Streams `body` into a new object. The object becomes visible only once complete and durable;
   * if `body` fails (too large, wrong content, client gone) the promise rejects and nothing is left.
   */
  put(key: string, body: Readable): Promise<StoredObject>;
  /** Up to `length` bytes at `offset` (fewer at the end): random access for probing. */
  read(key: string, offset: number, length: number): Promise<Buffer>;
  /**
   * Writes the bytes of `range` into `destination` as it drains (never the whole object in memory)
   * and ends it. `ready` is called once the object is known to be readable and before the first
   * byte is written, so that a caller can still answer an error instead (e.g. send headers in
   * `ready`). Resolves when everything was handed over; rejects if the destination goes away.
   */
  sendRange(key: string, range: ByteRange, destination: Writable, ready: () => void): Promise<void>;
  stat(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
}
