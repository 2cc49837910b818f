import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '../../../../src/jobs/job-catalog';
import { tallyWhenGraded } from '../../../support/exam-burst';
import { auth, makeChoiceBank, makeExam, makeStudents } from '../../../support/exam-fixtures';
import { createTestDatabase, dropTestDatabase, startTestApp, TestApp } from '../../../support/test-app';
import { serverConnection } from '../../../support/test-env';

/**
 * Fault: the server is down when an attempt's deadline passes. One attempt's delayed job is
 * still in Redis and fires after the restart; the other's was lost, and the sweep catches it.
 */
describe('fault: the deadline passes while the server is down', () => {
  let database: string;
  const prefix = `lmst-deadline-${process.pid}`;
  const env = { QUEUE_PREFIX: prefix, ATTEMPT_SWEEP_INTERVAL_MS: '300' };
  let second: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await second?.close();
    await dropTestDatabase(database);
  });

  it('submits and grades both attempts once the server is back, with the answers saved in time', async () => {
    const first = await startTestApp({ database, env });
    const [trainer, admin] = [await first.login('trainer1'), await first.login('admin')];
    const bank = await makeChoiceBank(first, trainer, 2, 'deadline');
    const exam = await makeExam(first, trainer, { draw: [{ bankId: bank.id, count: 2 }], timeLimitMinutes: undefined, timeLimitSeconds: 3, passScore: 50 });
    const students = await makeStudents(first, admin, 2, 'dl');
    const attempts: Array<{ id: string; deadline: string }> = [];
    for (const s of students) {
      const a = (await first.http().post(`/api/exams/${exam.id}/attempts`).set(auth(s.token)).expect(201)).body;
      await first.http().put(`/api/attempts/${a.id}/answers/${a.questions[0].id}`).set(auth(s.token)).send({ answer: 'A', clientSeq: 1 }).expect(200);
      attempts.push(a);
    }
    // The server goes down (its Redis keys stay: app.close, not the helper that also clears them).
    await first.app.close();
    const queue = new Queue(QueueName.Grading, { connection: { host: first.config.redis.host, port: first.config.redis.port, maxRetriesPerRequest: null }, prefix });
    try {
      expect(await (await queue.getJob(`autosubmit-${attempts[0].id}`))?.getState()).toBe('delayed');
      await queue.remove(`autosubmit-${attempts[1].id}`); // this one's job is lost
      const latest = Math.max(...attempts.map((a) => new Date(a.deadline).getTime()));
      await new Promise((r) => setTimeout(r, Math.max(0, latest - Date.now() + 300)));
      const db = new Client({ ...serverConnection(), database });
      await db.connect();
      const { rows } = await db.query(`SELECT COUNT(*)::int AS open FROM attempt WHERE status = 'in_progress' AND deadline < now()`);
      await db.end();
      expect(rows[0].open).toBe(2); // past the deadline, and nobody there to submit them
    } finally {
      await queue.close();
    }

    second = await startTestApp({ database, env });
    const ids = attempts.map((a) => a.id);
    const final = await tallyWhenGraded((sql, p) => (second as TestApp).ds.query(sql, p), ids, ids, 20_000);
    expect(final).toEqual({ acknowledged: 2, persisted: 2, graded: 2, gradedTwice: [] });
    const rows = await second.ds.query(`SELECT id, submitted_by, score, submitted_at > deadline AS late FROM attempt WHERE id = ANY($1::uuid[])`, [ids]);
    const byId = Object.fromEntries(rows.map((r: { id: string }) => [r.id, r]));
    // Its delayed job fires after the restart, unless the sweep gets there first: either closes it once.
    expect(byId[attempts[0].id]).toMatchObject({ submitted_by: expect.stringMatching(/^(deadline|sweep)$/), score: 2, late: true });
    expect(byId[attempts[1].id]).toMatchObject({ submitted_by: 'sweep', score: 2, late: true });
  }, 60_000);
});
