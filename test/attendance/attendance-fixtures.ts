// Factories and helpers shared by the attendance tests. Time is never mocked: sessions are
// scheduled relative to now, and codes are computed with the same pure function the server uses.
import { deriveCode, stepStartMs, timeStep } from '@lms/checkin-code';
import type { TestApp } from '../support/test-app';

export interface Caller {
  get: (path: string) => ReturnType<ReturnType<TestApp['http']>['get']>;
  post: (path: string) => ReturnType<ReturnType<TestApp['http']>['post']>;
  put: (path: string) => ReturnType<ReturnType<TestApp['http']>['put']>;
  del: (path: string) => ReturnType<ReturnType<TestApp['http']>['delete']>;
}

export function caller(t: TestApp, token: string): Caller {
  const auth = `Bearer ${token}`;
  return {
    get: (p) => t.http().get(p).set('Authorization', auth),
    post: (p) => t.http().post(p).set('Authorization', auth),
    put: (p) => t.http().put(p).set('Authorization', auth),
    del: (p) => t.http().delete(p).set('Authorization', auth),
  };
}

export async function userId(t: TestApp, token: string): Promise<string> {
  return (await caller(t, token).get('/api/me').expect(200)).body.id;
}

/**
 * A new, published general-ability course of `lessons` offline lessons of two hours each (what the
 * course is worth caps its attendance credit), with the given students enrolled.
 */
export async function makeGeneralCourse(trainer: Caller, studentIds: string[], title = '沟通与表达（线下）', lessons = 10): Promise<string> {
  const course = await trainer.post('/api/courses').send({ systemCode: 'general', title, delivery: 'offline' }).expect(201);
  const module = await trainer.post(`/api/courses/${course.body.id}/modules`).send({ title: '课程内容' }).expect(201);
  for (let i = 1; i <= lessons; i++) {
    await trainer.post(`/api/modules/${module.body.id}/lessons`).send({ title: `第 ${i} 讲`, mode: 'offline', creditMinutes: 120 }).expect(201);
  }
  await trainer.post(`/api/courses/${course.body.id}/publish`).expect(200);
  if (studentIds.length > 0) await trainer.post(`/api/courses/${course.body.id}/enrollments`).send({ studentIds }).expect(200);
  return course.body.id;
}

/** The lessons of a course in order, as staff read it. */
export async function lessonsOf(trainer: Caller, courseId: string): Promise<Array<{ id: string; creditMinutes: number }>> {
  const course = await trainer.get(`/api/courses/${courseId}`).expect(200);
  return course.body.modules.flatMap((m: { lessons: Array<{ id: string; creditMinutes: number }> }) => m.lessons);
}

export interface SessionOptions {
  /** Minutes from now to the start; negative for a session that has begun. */
  startsInMinutes?: number;
  durationMinutes?: number;
  creditMinutes?: number;
  lessonId?: string;
}

export async function scheduleSession(trainer: Caller, courseId: string, o: SessionOptions = {}): Promise<string> {
  const startsAt = new Date(Date.now() + (o.startsInMinutes ?? -5) * 60_000).toISOString();
  const body = { courseId, startsAt, durationMinutes: o.durationMinutes ?? 120, place: '孵化基地 2 号培训室', delivery: 'offline', creditMinutes: o.creditMinutes, lessonId: o.lessonId };
  const res = await trainer.post('/api/class-sessions').send(body).expect(201);
  return res.body.id;
}

/** Schedules a session that has begun and opens its check-in. */
export async function openSession(trainer: Caller, courseId: string, o: SessionOptions = {}): Promise<string> {
  const id = await scheduleSession(trainer, courseId, o);
  await trainer.post(`/api/class-sessions/${id}/check-in-code`).expect(200);
  return id;
}

/** The code of a session `back` steps before the current one (0: the code on the screen now). */
export function codeOf(t: TestApp, sessionId: string, back = 0): string {
  const { checkInSecret, codeStepSeconds } = t.config.attendance;
  return deriveCode(checkInSecret, sessionId, timeStep(Date.now(), codeStepSeconds) - back);
}

/** A six-digit code that is none of the session's codes from 10 steps back to 1 step ahead. */
export function wrongCode(t: TestApp, sessionId: string): string {
  const taken = new Set(Array.from({ length: 12 }, (_, i) => codeOf(t, sessionId, i - 1)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Waits, when the current step ends within `marginMs`, until the next one begins, so that a
 * code computed now is still of the same step when the server checks it.
 */
export async function awayFromStepBoundary(t: TestApp, marginMs = 10_000): Promise<void> {
  const step = t.config.attendance.codeStepSeconds;
  const now = Date.now();
  const left = stepStartMs(timeStep(now, step) + 1, step) - now;
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** The sum of a student's ledger entries in the general system written for one class session. */
export async function ledgerMinutes(t: TestApp, studentId: string, sessionId: string): Promise<{ sum: number; entries: number[] }> {
  const rows: Array<{ minutes: number }> = await t.ds.query(
    `SELECT minutes FROM hour_entry WHERE student_id = $1 AND reference_id = $2 AND source = 'attendance' AND system_code = 'general' ORDER BY created_at, id`,
    [studentId, sessionId],
  );
  const entries = rows.map((r) => r.minutes);
  return { sum: entries.reduce((a, b) => a + b, 0), entries };
}
