import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../src/common/transaction';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase, dropTestDatabase, testConfig } from '../support/test-app';

/** The one transaction helper, against real PostgreSQL (a table of its own in a fresh database). */
describe('inTransaction', () => {
  let name: string;
  let ds: DataSource;

  beforeAll(async () => {
    name = await createTestDatabase({ seeded: false });
    ds = await new DataSource(dataSourceOptions(testConfig(name).database)).initialize();
    await ds.query('CREATE TABLE tx_probe (id int PRIMARY KEY, n int NOT NULL)');
  });
  afterAll(async () => {
    await ds.destroy();
    await dropTestDatabase(name);
  });
  beforeEach(async () => {
    await ds.query('TRUNCATE tx_probe');
    await ds.query('INSERT INTO tx_probe VALUES (1, 0), (2, 0)');
  });

  const bump = (tx: EntityManager, id: number) => tx.query('UPDATE tx_probe SET n = n + 1 WHERE id = $1', [id]);
  const counts = async () => (await ds.query('SELECT n FROM tx_probe ORDER BY id')).map((r: { n: number }) => r.n);

  it('commits what the work wrote and returns its result; rolls everything back when it throws', async () => {
    expect(await inTransaction(ds, async (tx) => (await bump(tx, 1), 'done'))).toBe('done');
    await expect(
      inTransaction(ds, async (tx) => {
        await bump(tx, 2);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await counts()).toEqual([1, 0]);
  });

  it('joins the transaction of the manager it is given, so the caller’s rollback undoes the work', async () => {
    await expect(
      inTransaction(ds, async (outer) => {
        await inTransaction(outer, async (inner) => {
          expect(inner).toBe(outer);
          await bump(inner, 1);
        });
        expect(await counts()).toEqual([0, 0]); // not committed yet: seen from outside
        throw new Error('caller fails');
      }),
    ).rejects.toThrow('caller fails');
    expect(await counts()).toEqual([0, 0]);
  });

  /** Two transactions that lock rows 1 and 2 in opposite orders: PostgreSQL aborts one of them (40P01). */
  async function deadlock(tries: number) {
    let arrived = 0;
    let release!: () => void;
    const bothHoldTheirFirstRow = new Promise<void>((r) => (release = r));
    const retries: Array<{ code: string; nextTry: number }> = [];
    let runs = 0;
    const work = (first: number, second: number) => async (tx: EntityManager) => {
      runs++;
      await bump(tx, first);
      if (++arrived === 2) release();
      await bothHoldTheirFirstRow;
      await bump(tx, second);
    };
    const outcomes = await Promise.allSettled([
      inTransaction(ds, work(1, 2), { tries, onRetry: (code, nextTry) => retries.push({ code, nextTry }) }),
      inTransaction(ds, work(2, 1), { tries, onRetry: (code, nextTry) => retries.push({ code, nextTry }) }),
    ]);
    return { outcomes: outcomes.map((o) => o.status), retries, runs };
  }

  it('runs the whole work again after a deadlock when asked to, and says so', async () => {
    const { outcomes, retries, runs } = await deadlock(2);
    expect(outcomes).toEqual(['fulfilled', 'fulfilled']);
    expect(retries).toEqual([{ code: '40P01', nextTry: 2 }]);
    expect(runs).toBe(3);
    expect(await counts()).toEqual([2, 2]);
  });

  it('does not retry by default, nor on an error that another try would not cure', async () => {
    const { outcomes, retries } = await deadlock(1);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    expect(retries).toEqual([]);
    expect(await counts()).toEqual([1, 1]);

    let runs = 0;
    await expect(
      inTransaction(ds, async (tx) => {
        runs++;
        await tx.query('INSERT INTO tx_probe VALUES (1, 0)');
      }, { tries: 3 }),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(runs).toBe(1);
  });
});
