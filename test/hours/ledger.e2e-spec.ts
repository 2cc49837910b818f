import { HoursRepository } from '../../src/hours/hours.repository';
import { startTestApp, TestApp } from '../support/test-app';

describe('hour ledger and transcripts', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let student: string;
  let studentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    trainer = await t.login('trainer1');
    student = await t.login('student2');
    studentId = (await t.http().get('/api/me').set('Authorization', `Bearer ${student}`)).body.id;
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (p: string) => t.http().get(p).set('Authorization', `Bearer ${token}`),
    post: (p: string) => t.http().post(p).set('Authorization', `Bearer ${token}`),
  });

  it('shows every system against its required hours, starting at zero', async () => {
    const res = await as(student).get('/api/me/transcript').expect(200);
    expect(res.body.systems.map((s: { code: string; requiredHours: number; creditedMinutes: number }) => [s.code, s.requiredHours, s.creditedMinutes])).toEqual([
      ['practical', 64, 0],
      ['general', 40, 0],
      ['training', 33, 0],
      ['professional', 12, 0],
    ]);
    expect(res.body.entries).toEqual([]);
  });

  it('records an admin adjustment with its reason and author, and a negative one as a new entry', async () => {
    const adminId = (await as(admin).get('/api/me')).body.id;
    const add = await as(admin).post(`/api/students/${studentId}/hour-adjustments`).send({ system: 'general', minutes: 120, reason: '补录线下课考勤' }).expect(201);
    expect(add.body).toMatchObject({ systemCode: 'general', minutes: 120, source: 'adjustment', reason: '补录线下课考勤', authorId: adminId });
    await as(admin).post(`/api/students/${studentId}/hour-adjustments`).send({ system: 'general', minutes: -30, reason: '重复补录，冲正' }).expect(201);
    const transcript = await as(trainer).get(`/api/students/${studentId}/transcript`).expect(200);
    const general = transcript.body.systems.find((s: { code: string }) => s.code === 'general');
    expect(general).toMatchObject({ creditedMinutes: 90, creditedHours: 1.5, met: false });
    expect(transcript.body.entries.map((e: { minutes: number }) => e.minutes)).toEqual([-30, 120]);
  });

  it('refuses bad adjustments with a code', async () => {
    const bad = async (body: object) => (await as(admin).post(`/api/students/${studentId}/hour-adjustments`).send(body).expect(400)).body.code;
    expect(await bad({ system: 'magic', minutes: 60, reason: '原因原因' })).toBe('VALIDATION_FAILED');
    expect(await bad({ system: 'general', minutes: 0, reason: '原因原因' })).toBe('VALIDATION_FAILED');
    expect(await bad({ system: 'general', minutes: 1.5, reason: '原因原因' })).toBe('VALIDATION_FAILED');
    expect(await bad({ system: 'general', minutes: 60 })).toBe('VALIDATION_FAILED');
    const trainerId = (await as(trainer).get('/api/me')).body.id;
    const notStudent = await as(admin).post(`/api/students/${trainerId}/hour-adjustments`).send({ system: 'general', minutes: 60, reason: '原因原因' }).expect(404);
    expect(notStudent.body.code).toBe('STUDENT_NOT_FOUND');
  });

  it('never updates or deletes an entry (the database refuses)', async () => {
    await expect(t.ds.query(`UPDATE hour_entry SET minutes = 9999`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM hour_entry`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`TRUNCATE hour_entry`)).rejects.toThrow(/append-only/);
  });

  it('credits a source once even when many writers race with the same key', async () => {
    const repo = t.app.get(HoursRepository);
    const key = `lesson:race-test:${studentId}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        repo.transaction((tx) => repo.append(tx, { studentId, systemCode: 'practical', minutes: 30, source: 'lesson_completion', idempotencyKey: key })),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM hour_entry WHERE idempotency_key = $1`, [key]);
    expect(n).toBe(1);
  });
});
