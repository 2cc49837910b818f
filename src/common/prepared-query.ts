import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';

/**
 * Runs a hot statement as a named prepared statement, so that PostgreSQL parses and plans it
 * once per connection instead of on every call (planning a join or a CTE can cost more than
 * running it). Pass a transaction's EntityManager to run it inside that transaction. Errors come
 * out as TypeORM's QueryFailedError, like those of any other query. Each name must belong to
 * exactly one statement text.
 */
export async function preparedQuery<T extends QueryResultRow>(on: DataSource | EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  // TypeORM's query() has no statement names, so the statement goes to the driver's client, which
  // QueryRunner.connect() hands out: the transaction's own, or one borrowed from the pool.
  const own: QueryRunner | undefined = on instanceof EntityManager ? on.queryRunner : undefined;
  const runner = own ?? (on instanceof EntityManager ? on.connection : on).createQueryRunner();
  try {
    const client: PoolClient = await runner.connect();
    return (await client.query<T>({ name, text, values })).rows;
  } catch (err) {
    if (err instanceof Error && 'code' in err) throw new QueryFailedError(text, values, err);
    throw err;
  } finally {
    if (!own) await runner.release();
  }
}
