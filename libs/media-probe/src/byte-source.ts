/**
 * Random access to the bytes of a stored file, supplied by the caller (a file handle, an object
 * store's ranged GET, a Buffer in tests). The probe never reads more than it needs: box and element
 * headers, and the few small metadata blocks that hold the duration and the track types; the media
 * data itself is skipped by its declared size.
 */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Up to `length` bytes at `offset`; fewer (possibly none) at the end of the source. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A ByteSource over bytes already in memory (tests, small inputs). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(Math.max(0, offset), Math.max(0, Math.min(bytes.length, offset + length))),
  };
}

/** Counts the reads made, so that callers and tests can see that probing stays cheap. */
export function countingSource(inner: ByteSource): ByteSource & { reads: number; bytesRead: number } {
  const counted = {
    size: inner.size,
    reads: 0,
    bytesRead: 0,
    read: async (offset: number, length: number) => {
      const bytes = await inner.read(offset, length);
      counted.reads++;
      counted.bytesRead += bytes.length;
      return bytes;
    },
  };
  return counted;
}
