import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

/** Serialization failure and deadlock: the transaction lost a race and can simply be run again. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

export interface TransactionOptions {
  /** Tries in all when the transaction hits a serialization failure or deadlock (default 1: no retry). */
  tries?: number;
  /** Told before each retry, with the SQLSTATE and the number of the next try. */
  onRetry?: (sqlState: string, nextTry: number) => void;
}

function sqlStateOf(err: unknown): string | undefined {
  return err instanceof QueryFailedError ? (err as QueryFailedError & { driverError?: { code?: string } }).driverError?.code : undefined;
}

/**
 * Runs `work` in a transaction and returns its result. Given a DataSource (or a manager outside any
 * transaction) it starts one, committed when `work` resolves and rolled back when it throws; given
 * the manager of a transaction already open, `work` joins it (callers that may or may not hold one
 * pass `tx ?? dataSource`). Retries apply only to a transaction started here. The isolation is
 * PostgreSQL's READ COMMITTED, which every caller relies on; row and advisory locks are taken by
 * the repositories inside `work`.
 */
export async function inTransaction<T>(on: DataSource | EntityManager, work: (tx: EntityManager) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  if (on instanceof EntityManager && on.queryRunner?.isTransactionActive) return work(on);
  const tries = opts.tries ?? 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await on.transaction(work);
    } catch (err) {
      const sqlState = sqlStateOf(err);
      if (attempt >= tries || !sqlState || !RETRYABLE_SQLSTATES.has(sqlState)) throw err;
      opts.onRetry?.(sqlState, attempt + 1);
    }
  }
}
