import { type FileHandle, open } from 'node:fs/promises';

interface OpenFile {
  handle: Promise<FileHandle>;
  users: number;
  evicted: boolean;
}

/**
 * Read-only descriptors of recently used files, kept open across requests: opening and closing the
 * file around every range request was a tenth of the streaming process's time. Stored objects never
 * change, so a descriptor stays valid for as long as it is kept. It is closed once it has been
 * evicted (least recently used beyond `capacity`, or forgotten) and no use of it is still running.
 */
export class OpenFiles {
  private readonly files = new Map<string, OpenFile>();

  constructor(private readonly capacity: number) {}

  /** Runs `use` with an open descriptor of `path`; the descriptor stays open until `use` settles. */
  async use<T>(path: string, use: (fd: number) => Promise<T> | T): Promise<T> {
    const file = this.acquire(path);
    try {
      return await use((await file.handle).fd);
    } finally {
      file.users--;
      if (file.evicted && file.users === 0) this.close(file);
    }
  }

  /** Closes the descriptor of `path` once its uses end (the file is being deleted). */
  forget(path: string): void {
    const file = this.files.get(path);
    if (file) this.evict(path, file);
  }

  /** Closes every descriptor no use holds (shutdown). */
  closeAll(): void {
    for (const [path, file] of [...this.files]) this.evict(path, file);
  }

  private acquire(path: string): OpenFile {
    let file = this.files.get(path);
    if (file) {
      this.files.delete(path); // most recently used goes last
    } else {
      const opened: OpenFile = { handle: open(path, 'r'), users: 0, evicted: false };
      // A failed open is not kept: the next request tries again (and sees its own error).
      opened.handle.catch(() => this.files.get(path) === opened && this.files.delete(path));
      file = opened;
    }
    this.files.set(path, file);
    file.users++;
    for (const [oldest, entry] of this.files) {
      if (this.files.size <= this.capacity) break;
      this.evict(oldest, entry);
    }
    return file;
  }

  private evict(path: string, file: OpenFile): void {
    if (this.files.get(path) === file) this.files.delete(path);
    file.evicted = true;
    if (file.users === 0) this.close(file);
  }

  private close(file: OpenFile): void {
    file.handle.then((handle) => handle.close()).catch(() => undefined);
  }
}
