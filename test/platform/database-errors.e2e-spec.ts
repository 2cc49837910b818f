import type { ArgumentsHost } from '@nestjs/common';
import { AllExceptionsFilter } from '../../src/common/all-exceptions.filter';
import { answerForDatabaseError, declaredConstraintErrors } from '../../src/common/constraint-errors';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Integrity (SQLSTATE class 23) and data (class 22) errors are the caller's, not the server's:
 * each is answered 4xx with the code its context declared for the constraint, or a common code.
 * The errors here are real ones, raised by PostgreSQL on the app's own schema.
 */
describe('database errors', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Runs a statement that must fail in a transaction that is rolled back, and returns its error. */
  async function failure(sql: string, params: unknown[] = []): Promise<unknown> {
    const runner = t.ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(sql, params);
    } catch (err) {
      return err;
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    throw new Error(`expected ${sql} to fail`);
  }

  /** The response the global filter sends for an error. */
  function respond(err: unknown): { status: number; body: Record<string, unknown> } {
    const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
    const res = {
      headersSent: false,
      setHeader: () => undefined,
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: Record<string, unknown>) {
        sent.body = body;
      },
    };
    const req = { method: 'POST', originalUrl: '/api/test' };
    const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
    new AllExceptionsFilter().catch(err, host);
    return sent;
  }

  const anyUser = async () => (await t.ds.query(`SELECT id FROM app_user LIMIT 1`))[0].id as string;
  const anyExam = async () => (await t.ds.query(`SELECT id FROM exam LIMIT 1`))[0].id as string;

  it.each([
    ['a declared check constraint (ck_exam_window)', 400, 'INVALID_EXAM', async () =>
      failure(`UPDATE exam SET opens_at = now(), closes_at = now() - interval '1 day' WHERE id = $1`, [await anyExam()])],
    ['a declared check constraint (ck_exam_pass_score)', 400, 'INVALID_EXAM', async () => failure(`UPDATE exam SET pass_score = 101 WHERE id = $1`, [await anyExam()])],
    ['a declared unique constraint (uq_app_user_username)', 409, 'USERNAME_TAKEN', async () =>
      failure(`INSERT INTO app_user (username, display_name, role, password_hash) SELECT username, 'x', role, password_hash FROM app_user LIMIT 1`)],
    ['a declared foreign key to a missing row (fk_exam_lesson)', 404, 'LESSON_NOT_FOUND', async () =>
      failure(`UPDATE exam SET lesson_id = '00000000-0000-4000-8000-000000000000' WHERE id = $1`, [await anyExam()])],
    ['a foreign key still referenced (deleting a cohort with users)', 409, 'CONFLICT', async () =>
      failure(`DELETE FROM cohort WHERE id IN (SELECT cohort_id FROM app_user WHERE cohort_id IS NOT NULL)`)],
    ['an undeclared not-null violation', 400, 'VALIDATION_FAILED', async () => failure(`UPDATE app_user SET display_name = NULL WHERE id = $1`, [await anyUser()])],
    ['an undeclared check constraint (ck_app_user_role)', 400, 'VALIDATION_FAILED', async () => failure(`UPDATE app_user SET role = 'king' WHERE id = $1`, [await anyUser()])],
    ['an undeclared foreign key to a missing row', 404, 'NOT_FOUND', async () =>
      failure(`INSERT INTO enrollment (course_id, student_id) SELECT id, '00000000-0000-4000-8000-000000000000' FROM course LIMIT 1`)],
    ['a malformed uuid (22P02)', 400, 'VALIDATION_FAILED', async () => failure(`SELECT * FROM app_user WHERE id = $1`, ['not-a-uuid'])],
    ['an integer out of range (22003)', 400, 'VALIDATION_FAILED', async () => failure(`SELECT $1::int`, ['99999999999'])],
    ['a string too long (22001)', 400, 'VALIDATION_FAILED', async () => failure(`UPDATE app_user SET username = $1 WHERE id = $2`, ['x'.repeat(500), await anyUser()])],
    ['a NUL character (22021)', 400, 'VALIDATION_FAILED', async () => failure(`SELECT $1::text`, ['a\u0000b'])],
    ['a date out of range (22008)', 400, 'VALIDATION_FAILED', async () => failure(`SELECT $1::timestamptz`, ['294277-01-01T00:00:00Z'])],
    ['a malformed date (22007)', 400, 'VALIDATION_FAILED', async () => failure(`SELECT $1::timestamptz`, ['2026-13-45'])],
    ['a division by zero (22012)', 400, 'VALIDATION_FAILED', async () => failure(`SELECT 1 / $1::int`, [0])],
  ])('%s is answered %d %s', async (_name, status, code, make) => {
    const err = await make();
    const sent = respond(err);
    expect({ status: sent.status, code: sent.body.code }).toEqual({ status, code });
    expect(typeof sent.body.message).toBe('string');
    expect(JSON.stringify(sent.body)).not.toMatch(/SELECT|UPDATE|INSERT|DELETE|at .*\.(ts|js):\d+/);
  });

  it('leaves errors that are not the input\'s (a syntax error, a deadlock code) to 500', async () => {
    const err = await failure(`SELEKT 1`);
    expect(answerForDatabaseError(err)).toBeUndefined();
    expect(respond(err).status).toBe(500);
    expect(answerForDatabaseError({ code: '40P01', severity: 'ERROR' })).toBeUndefined();
  });

  it('every declared constraint name exists in the schema (a renamed constraint would silently fall back)', async () => {
    const names = [...declaredConstraintErrors().keys()];
    expect(names.length).toBeGreaterThan(10);
    const found: { name: string }[] = await t.ds.query(
      `SELECT conname AS name FROM pg_constraint WHERE conname = ANY($1)
       UNION SELECT relname FROM pg_class WHERE relkind = 'i' AND relname = ANY($1)`,
      [names],
    );
    expect(found.map((r) => r.name).sort()).toEqual([...names].sort());
  });

  it('every class-23 and class-22 SQLSTATE is a 4xx, including ones nobody declared', () => {
    for (const code of ['23000', '23001', '23502', '23503', '23505', '23514', '23P01', '22000', '22023', '2202E', '22P03']) {
      const answer = answerForDatabaseError({ code, severity: 'ERROR', message: 'x' });
      expect(answer?.status).toBeGreaterThanOrEqual(400);
      expect(answer?.status).toBeLessThan(500);
    }
  });
});
