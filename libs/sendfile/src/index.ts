import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getSystemErrorName } from 'node:util';

/** The compiled pump (native/sendfile.c), built by `npm run build:native`. */
interface NativePump {
  send(socketFd: number, fileFd: number, offset: number, length: number, stallMs: number, done: (errno: number, endOffset: number) => void): object;
  abort(job: object): void;
}

const ADDON = join('libs', 'sendfile', 'build', 'Release', 'lms_sendfile.node');

/** The addon sits at the same place under the project root, whether this file runs from src or dist. */
function findAddon(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, ADDON);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The addon, or why it cannot be used here (callers then stream without it). */
function load(): { pump?: NativePump; unavailable?: string } {
  if (process.platform !== 'linux') return { unavailable: `sendfile(2) is used on Linux only, not ${process.platform}` };
  const path = findAddon(__dirname);
  if (!path) return { unavailable: `${ADDON} is not built (npm run build:native)` };
  try {
    return { pump: require(path) as NativePump };
  } catch (err) {
    return { unavailable: `${path} does not load: ${(err as Error).message}` };
  }
}

const { pump, unavailable } = load();

/** Whether zero-copy sending is available in this process (Linux, addon built). */
export const sendfileAvailable = pump !== undefined;

/** Why it is not, when it is not. */
export const sendfileUnavailableReason = unavailable;

export interface FileTransfer {
  /** Resolves once every byte has been handed to the socket; rejects with a system error (`code`). */
  readonly done: Promise<void>;
  /** Ends the transfer early (the peer went away); `done` then rejects. Harmless once settled. */
  abort(): void;
}

/**
 * Sends `length` bytes of an open file, from `offset`, to a connected non-blocking socket with
 * sendfile(2) on the pump thread: no byte passes through JavaScript. The caller must not write to
 * the socket until `done` settles. Both descriptors may be closed by their owners meanwhile: the
 * pump works on duplicates.
 *
 * With `stallMs` > 0 on a TCP socket, a peer that takes or acknowledges nothing for that long has
 * its connection aborted by the kernel (TCP_USER_TIMEOUT, kept on the socket), and `done` rejects
 * with ETIMEDOUT.
 */
export function sendFileRange(socketFd: number, fileFd: number, offset: number, length: number, stallMs = 0): FileTransfer {
  if (!pump) throw new Error('sendfile is not available in this process');
  if (!Number.isInteger(stallMs) || stallMs < 0 || stallMs > 0xffffffff) throw new TypeError(`sendFileRange: stallMs must be a 32-bit non-negative integer, got ${stallMs}`);
  for (const [name, value] of Object.entries({ socketFd, fileFd, offset, length })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`sendFileRange: ${name} must be a non-negative integer, got ${value}`);
  }
  let settled = false;
  let settle!: (errno: number, endOffset: number) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (errno, endOffset) => {
      settled = true;
      if (errno === 0) return resolve();
      const code = getSystemErrorName(-errno);
      const what = code === 'ENODATA' ? `the file ended at byte ${endOffset}, before the range did` : `sendfile failed (${code})`;
      reject(Object.assign(new Error(what), { code, errno: -errno }));
    };
  });
  const job = pump.send(socketFd, fileFd, offset, length, stallMs, settle);
  return {
    done,
    abort: () => {
      if (!settled) pump.abort(job);
    },
  };
}
