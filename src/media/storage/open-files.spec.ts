import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenFiles } from './open-files';

/** Paths of this process's open descriptors under `dir`. */
function openUnder(dir: string): string[] {
  const paths: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir)) paths.push(target);
    } catch {
      // closed meanwhile
    }
  }
  return paths.sort();
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('OpenFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lms-open-files-'));
  const file = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, name);
    return path;
  };
  const [a, b, c] = ['a', 'b', 'c'].map(file);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a file once and lends the same descriptor to later uses', async () => {
    const files = new OpenFiles(4);
    const first = await files.use(a, (fd) => fd);
    const second = await files.use(a, (fd) => fd);
    expect(second).toBe(first);
    expect(openUnder(dir)).toEqual([a]);
    files.closeAll();
    await settle();
    expect(openUnder(dir)).toEqual([]);
  });

  it('closes the least recently used beyond capacity, but only once no use holds it', async () => {
    const files = new OpenFiles(2);
    let release!: () => void;
    const holding = files.use(a, () => new Promise<void>((r) => (release = r)));
    await settle();
    await files.use(b, () => undefined);
    await files.use(c, () => undefined); // a is the oldest: evicted, but still in use
    await settle();
    expect(openUnder(dir)).toEqual([a, b, c]);
    release();
    await holding;
    await settle();
    expect(openUnder(dir)).toEqual([b, c]);
    files.closeAll();
  });

  it('does not keep a failed open: the next use tries again', async () => {
    const files = new OpenFiles(2);
    const later = join(dir, 'later');
    await expect(files.use(later, (fd) => fd)).rejects.toMatchObject({ code: 'ENOENT' });
    writeFileSync(later, 'now here');
    await expect(files.use(later, (fd) => fd)).resolves.toEqual(expect.any(Number));
    files.closeAll();
  });

  it('forgets a file (deleted) and closes it once its use ends', async () => {
    const files = new OpenFiles(2);
    await files.use(a, () => undefined);
    files.forget(a);
    await settle();
    expect(openUnder(dir)).toEqual([]);
  });
});
