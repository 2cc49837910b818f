import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HourLedger } from '../../src/hours/hour-ledger.service';
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

  const ledgerOf = () => t.app.get(HourLedger);
  const entriesOf = async (referenceId: string): Promise<number[]> =>
    (await t.ds.query(`SELECT minutes FROM hour_entry WHERE student_id = $1 AND reference_id = $2 ORDER BY created_at, id`, [studentId, referenceId])).map(
      (r: { minutes: number }) => r.minutes,
    );
  /** A lesson of the seeded practical course (worth 64 hours): credit references it. */
  const practical = async () => {
    const course = (await as(student).get('/api/courses?system=practical').expect(200)).body.items[0];
    const detail = (await as(student).get(`/api/courses/${course.id}`).expect(200)).body;
    return { courseId: course.id as string, lessons: detail.modules.flatMap((m: { lessons: Array<{ id: string }> }) => m.lessons) as Array<{ id: string }> };
  };

  it('records a source’s net credit once even when many writers race, and a reversal as a new negative entry', async () => {
    const { courseId, lessons } = await practical();
    const lessonId = lessons[0].id;
    const credit = (minutes: number) =>
      t.ds.transaction((tx) =>
        ledgerOf().record(tx, { studentId, systemCode: 'practical', courseId, lessonId, source: 'lesson_completion', referenceType: 'lesson', referenceId: lessonId, minutes }),
      );
    const results = await Promise.all(Array.from({ length: 20 }, () => credit(30)));
    expect(results.filter((r) => r.entry !== null)).toHaveLength(1);
    expect(results.every((r) => r.minutes === 30)).toBe(true);
    expect(await entriesOf(lessonId)).toEqual([30]);

    // The same net again writes nothing; a lower net writes the difference; 0 reverses it all.
    expect((await credit(30)).entry).toBeNull();
    await Promise.all(Array.from({ length: 5 }, () => credit(0)));
    expect(await entriesOf(lessonId)).toEqual([30, -30]);
    expect((await credit(30)).minutes).toBe(30);
    expect(await entriesOf(lessonId)).toEqual([30, -30, 30]);
    const keys = (await t.ds.query(`SELECT idempotency_key AS k FROM hour_entry WHERE reference_id = $1 ORDER BY created_at, id`, [lessonId])).map((r: { k: string }) => r.k);
    expect(keys).toEqual([1, 2, 3].map((n) => `lesson_completion:lesson:${lessonId}:${studentId}:${n}`));
  });

  it('never credits a student more from a course than the course is worth', async () => {
    const staff = (await as(trainer).post('/api/courses').send({ systemCode: 'general', title: '有效沟通（封顶测试）', delivery: 'offline' }).expect(201)).body;
    const module = (await as(trainer).post(`/api/courses/${staff.id}/modules`).send({ title: '课程内容' }).expect(201)).body;
    await as(trainer).post(`/api/modules/${module.id}/lessons`).send({ title: '第 1 讲', mode: 'offline', creditMinutes: 120 }).expect(201);
    await as(trainer).post(`/api/modules/${module.id}/lessons`).send({ title: '第 2 讲', mode: 'offline', creditMinutes: 120 }).expect(201);
    await as(trainer).post(`/api/courses/${staff.id}/publish`).expect(200);
    const refs = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
    const recorded = [];
    for (const ref of refs) {
      recorded.push(
        await t.ds.transaction((tx) =>
          ledgerOf().record(tx, { studentId, systemCode: 'general', courseId: staff.id, source: 'attendance', referenceType: 'class_session', referenceId: ref, minutes: 150 }),
        ),
      );
    }
    expect(recorded.map((r) => r.minutes)).toEqual([150, 90, 0]);
    const [{ sum }] = await t.ds.query(`SELECT SUM(minutes)::int AS sum FROM hour_entry WHERE student_id = $1 AND course_id = $2`, [studentId, staff.id]);
    expect(sum).toBe(240);
  });

  it('is the only writer of the hour ledger: no code outside src/hours touches its table or repository', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.includes(`${join('src', 'hours')}`) && !path.includes(join('src', 'database'))) {
          const text = readFileSync(path, 'utf8');
          if (/hour_entry|hours\.repository|HourEntry\b/.test(text)) offenders.push(path);
        }
      }
    };
    walk(join(__dirname, '../../src'));
    expect(offenders).toEqual([]);
  });
});
