// A cohort's attempts prepared for a burst of submissions, the burst, and the tally the fault
// tests assert on: acknowledged (202), persisted (no longer in progress), graded, graded twice.
import { auth, Http, makeChoiceBank, makeExam, makeStudents } from './exam-fixtures';

export interface OpenAttempt {
  id: string;
  token: string;
}

export interface SubmitResult {
  id: string;
  status: number;
  code?: string;
  retryAfter?: string;
}

export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** Runs `work` over `items` with at most `concurrency` at a time, keeping the order of results. */
export async function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

/** `n` students, each with an open attempt (3 single-choice questions) and one answer saved. */
export async function prepareAttempts(t: Http, trainer: string, admin: string, n: number, prefix: string, examOverrides: Record<string, unknown> = {}): Promise<{ examId: string; attempts: OpenAttempt[] }> {
  const bank = await makeChoiceBank(t, trainer, 3, prefix);
  const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 3 }], timeLimitMinutes: 60, passScore: 30, ...examOverrides });
  const students = await makeStudents(t, admin, n, prefix);
  const attempts = await pool(students, 8, async (s) => {
    const res = await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s.token));
    if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
    const q = res.body.questions[0].id;
    const saved = await t.http().put(`/api/attempts/${res.body.id}/answers/${q}`).set(auth(s.token)).send({ answer: 'A', clientSeq: 1 });
    if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
    return { id: res.body.id as string, token: s.token };
  });
  return { examId: exam.id, attempts };
}

/** One submit; a network error (connection refused or reset) is reported as status 0. */
export async function submit(t: Http, a: OpenAttempt): Promise<SubmitResult> {
  try {
    const res = await t.http().post(`/api/attempts/${a.id}/submit`).set(auth(a.token)).timeout(15_000);
    return { id: a.id, status: res.status, code: res.body?.code, retryAfter: res.headers['retry-after'] };
  } catch {
    return { id: a.id, status: 0 };
  }
}

export interface Tally {
  acknowledged: number;
  persisted: number;
  graded: number;
  /** Attempts with more than one first grading in the audit. */
  gradedTwice: string[];
}

/** Counts, for the given attempts, what the database holds. `acknowledged` are the ids that got a 202. */
export async function tally(query: Query, ids: string[], acknowledged: string[]): Promise<Tally> {
  const [row] = await query(
    `SELECT COUNT(*) FILTER (WHERE status <> 'in_progress')::int AS persisted, COUNT(*) FILTER (WHERE status = 'graded')::int AS graded
       FROM attempt WHERE id = ANY($1::uuid[]) AND id = ANY($2::uuid[])`,
    [ids, acknowledged],
  );
  const twice = await query(
    `SELECT attempt_id FROM grading_run WHERE kind = 'auto' AND attempt_id = ANY($1::uuid[]) GROUP BY attempt_id HAVING COUNT(*) > 1`,
    [ids],
  );
  return { acknowledged: acknowledged.length, persisted: row.persisted as number, graded: row.graded as number, gradedTwice: twice.map((r) => r.attempt_id as string) };
}

/** Waits until every acknowledged attempt is graded (or the time is up), then returns the tally. */
export async function tallyWhenGraded(query: Query, ids: string[], acknowledged: string[], timeoutMs: number): Promise<Tally> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const t = await tally(query, ids, acknowledged).catch(() => undefined);
    if (t && t.graded === acknowledged.length) return t;
    if (Date.now() > until) return t ?? tally(query, ids, acknowledged);
    await new Promise((r) => setTimeout(r, 200));
  }
}
