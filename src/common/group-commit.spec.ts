import { GroupCommit, Outcome } from './group-commit';

const ok = <R>(value: R): Outcome<R> => ({ ok: true, value });
const tick = () => new Promise((r) => setImmediate(r));

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}

describe('GroupCommit', () => {
  it('answers each caller only after the commit holding its item has finished', async () => {
    const gate = deferred();
    const commits: number[][] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      commits.push(items);
      await gate.promise;
      return items.map((i) => ok(i * 10));
    }, { maxBatch: 100, lingerMs: 0, maxConcurrent: 1 });
    let answered = false;
    const answers = Promise.all([group.submit(1), group.submit(2), group.submit(3)]).then((a) => {
      answered = true;
      return a;
    });
    await tick();
    await tick();
    expect(commits).toEqual([[1, 2, 3]]);
    expect(answered).toBe(false);
    gate.release();
    expect(await answers).toEqual([10, 20, 30]);
  });

  it('queues items while a commit is in flight and sends them together next', async () => {
    const gates = [deferred(), deferred()];
    const commits: number[][] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      const gate = gates[commits.length];
      commits.push(items);
      await gate.promise;
      return items.map(ok);
    }, { maxBatch: 100, lingerMs: 0, maxConcurrent: 1 });
    const first = group.submit(1);
    await tick();
    const later = [group.submit(2), group.submit(3), group.submit(4)];
    await tick();
    expect(commits).toEqual([[1]]);
    gates[0].release();
    await first;
    await tick();
    expect(commits).toEqual([[1], [2, 3, 4]]);
    gates[1].release();
    expect(await Promise.all(later)).toEqual([2, 3, 4]);
  });

  it('splits at maxBatch and runs up to maxConcurrent commits at once', async () => {
    const gate = deferred();
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      sizes.push(items.length);
      most = Math.max(most, ++running);
      await gate.promise;
      running--;
      return items.map(ok);
    }, { maxBatch: 3, lingerMs: 1, maxConcurrent: 2 });
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));
    await new Promise((r) => setTimeout(r, 20));
    gate.release();
    expect(await all).toEqual([...Array(10).keys()]);
    expect(most).toBe(2);
    expect(sizes.every((n) => n <= 3)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('rejects every item of a failed commit and only the failed items of a partial one', async () => {
    let call = 0;
    const group = new GroupCommit<number, number>(async (items) => {
      if (call++ === 0) throw new Error('database down');
      return items.map((i) => (i % 2 ? ok(i) : { ok: false as const, error: new Error(`item ${i}`) }));
    }, { maxBatch: 10, lingerMs: 0, maxConcurrent: 1 });
    await expect(Promise.all([group.submit(1), group.submit(2)])).rejects.toThrow('database down');
    const [odd, even] = await Promise.allSettled([group.submit(3), group.submit(4)]);
    expect(odd).toEqual({ status: 'fulfilled', value: 3 });
    expect(even).toMatchObject({ status: 'rejected', reason: new Error('item 4') });
  });

  it('drains: resolves once nothing is pending or in flight', async () => {
    const group = new GroupCommit<number, number>(async (items) => {
      await new Promise((r) => setTimeout(r, 5));
      return items.map(ok);
    }, { maxBatch: 2, lingerMs: 0, maxConcurrent: 1 });
    const settled: number[] = [];
    for (const i of [1, 2, 3, 4, 5]) void group.submit(i).then((v) => settled.push(v));
    await group.drain();
    expect(settled.sort()).toEqual([1, 2, 3, 4, 5]);
    await group.drain();
  });
});
