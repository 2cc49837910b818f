import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { TestApp } from '../support/test-app';

/** A scenario as seeds/training/scenarios.json writes it, with its model and poor replies. */
export interface SeededScenario {
  title: string;
  conversation: string[];
  rubric: { requiresReview?: boolean; passScore: number };
  modelReply: string;
  poorReply: string;
}

export function seededScenarios(): SeededScenario[] {
  return JSON.parse(readFileSync(join(__dirname, '../../seeds/training/scenarios.json'), 'utf8'));
}

export interface Caller {
  id: string;
  token: string;
}

export async function signIn(t: TestApp, username: string): Promise<Caller> {
  const token = await t.login(username);
  const me = await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  return { id: me.body.id, token };
}

/** Scenario ids by title, as the API lists them. */
export async function scenarioIds(t: TestApp, caller: Caller): Promise<Map<string, string>> {
  const res = await t.http().get('/api/training/scenarios?limit=200').set('Authorization', `Bearer ${caller.token}`).expect(200);
  return new Map(res.body.items.map((s: { id: string; title: string }) => [s.title, s.id]));
}

export function submitReply(t: TestApp, student: Caller, scenarioId: string, reply: string, key?: string) {
  const req = t.http().post(`/api/training/scenarios/${scenarioId}/submissions`).set('Authorization', `Bearer ${student.token}`);
  return (key ? req.set('Idempotency-Key', key) : req).send({ reply });
}

/** Polls the submission until grading has run (bounded; no fixed sleep). */
export async function waitUntilGraded(t: TestApp, caller: Caller, submissionId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/api/training/submissions/${submissionId}`).set('Authorization', `Bearer ${caller.token}`).expect(200);
    if (res.body.status !== 'submitted') return res.body;
    if (Date.now() > deadline) throw new Error(`submission ${submissionId} was not graded within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls a condition read from the database until it holds (bounded). */
export async function eventually<T>(read: () => Promise<T>, until: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (until(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** How many times grading ran for the submission, by outcome. */
export async function gradingRuns(ds: DataSource, submissionId: string): Promise<{ graded: number; skipped: number }> {
  const rows: Array<{ outcome: string; n: number }> = await ds.query(
    `SELECT outcome, COUNT(*)::int AS n FROM drill_grading_event WHERE submission_id = $1 GROUP BY outcome`,
    [submissionId],
  );
  const n = (o: string) => rows.find((r) => r.outcome === o)?.n ?? 0;
  return { graded: n('graded'), skipped: n('skipped') };
}

/** The student's training-system ledger entries for drills, oldest first, and their sum. */
export async function drillLedger(ds: DataSource, studentId: string, scenarioId?: string) {
  const rows: Array<{ minutes: number; idempotency_key: string; reference_id: string; author_id: string | null }> = await ds.query(
    `SELECT minutes, idempotency_key, reference_id, author_id FROM hour_entry
      WHERE student_id = $1 AND system_code = 'training' AND source = 'drill_pass' AND ($2::uuid IS NULL OR reference_id = $2)
      ORDER BY created_at, id`,
    [studentId, scenarioId ?? null],
  );
  return { entries: rows, sum: rows.reduce((s, r) => s + r.minutes, 0) };
}
