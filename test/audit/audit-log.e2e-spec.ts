import type { Response } from 'supertest';
import { makeGeneralCourse, caller as attendanceCaller, scheduleSession } from '../attendance/attendance-fixtures';
import { addQuestion, auth, makeBank, makeChoiceBank, makeExam, makeStudents, SAMPLE_QUESTIONS, Student, waitFor } from '../support/exam-fixtures';
import { makeAccount } from '../support/staff';
import { startTestApp, TestApp } from '../support/test-app';
import { scenarioIds, seededScenarios, submitReply, waitUntilGraded } from '../training/drill-fixtures';

interface Entry {
  id: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  changes: Record<string, unknown>;
  createdAt: string;
}

/** Grading fails for good while this trigger exists (as in test/assessment/grading/failed-jobs). */
const BLOCK_GRADING = `
  CREATE FUNCTION test_block_grading() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'grading blocked by the test'; END $$;
  CREATE TRIGGER test_block_grading BEFORE UPDATE ON attempt FOR EACH ROW
    WHEN (NEW.status IN ('graded', 'needs_review')) EXECUTE FUNCTION test_block_grading();`;
const UNBLOCK_GRADING = `DROP TRIGGER test_block_grading ON attempt; DROP FUNCTION test_block_grading();`;

const suffix = () => Math.random().toString(36).slice(2, 8);

/**
 * Every admin and trainer action that changes someone's record writes one audit entry, in the
 * transaction of the change, with its actor, target, request id and what changed; failures and
 * rollbacks write none; the log is read by admins only, filtered and paged.
 */
describe('audit log', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let trainer: string;
  let trainerId: string;
  let students: Student[];

  const get = (path: string, token: string) => t.http().get(path).set(auth(token));
  const post = (path: string, token: string, body?: object) => t.http().post(path).set(auth(token)).send(body);

  async function entries(query: string): Promise<{ items: Entry[]; total: number }> {
    const res = await get(`/api/audit?${query}`, admin);
    if (res.status !== 200) throw new Error(`audit: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The one entry of `action` on `targetId`, checked against the request that made it. */
  async function theEntry(res: Response, actorId: string, action: string, targetType: string, targetId: string): Promise<Entry> {
    const found = await entries(`action=${action}&targetId=${encodeURIComponent(targetId)}`);
    expect(found.total).toBe(1);
    const [entry] = found.items;
    expect(entry).toMatchObject({ actorId, action, targetType, targetId });
    expect(entry.requestId).toBeTruthy();
    expect(entry.requestId).toBe(res.headers['x-request-id']);
    return entry;
  }

  const count = async (query = '') => (await entries(`limit=1&${query}`)).total;

  beforeAll(async () => {
    t = await startTestApp({
      env: { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '50', FAILED_JOB_RETRY_AFTER_MS: '3600000', ATTEMPT_SWEEP_INTERVAL_MS: '200', GRADING_STUCK_AFTER_MS: '500' },
    });
    admin = await t.login('admin');
    trainer = await t.login('trainer1');
    adminId = (await get('/api/me', admin).expect(200)).body.id;
    trainerId = (await get('/api/me', trainer).expect(200)).body.id;
    students = await makeStudents(t, admin, 4, 'aud', '审计测试队列');
  });
  afterAll(() => t.close());

  describe('user accounts', () => {
    let userId: string;
    const password = 'audit-test-2022';

    it('records a user created by an admin, without the password', async () => {
      const username = `aud-new-${suffix()}`;
      const res = await post('/api/users', admin, { username, displayName: '审计新用户', role: 'student', password }).expect(201);
      userId = res.body.id;
      const entry = await theEntry(res, adminId, 'user.create', 'user', userId);
      expect(entry.changes).toEqual({ after: { username, displayName: '审计新用户', role: 'student', cohortId: null }, passwordGenerated: false });
      expect(JSON.stringify(entry)).not.toContain(password);
    });

    it('records a name and role change with before and after, and nothing for an edit that changes nothing', async () => {
      const res = await t.http().patch(`/api/users/${userId}`).set(auth(admin)).send({ displayName: '审计改名', role: 'trainer' }).expect(200);
      const entry = await theEntry(res, adminId, 'user.update', 'user', userId);
      expect(entry.changes).toEqual({ before: { displayName: '审计新用户', role: 'student' }, after: { displayName: '审计改名', role: 'trainer' } });
      await t.http().patch(`/api/users/${userId}`).set(auth(admin)).send({ displayName: '审计改名' }).expect(200);
      expect(await count(`action=user.update&targetId=${userId}`)).toBe(1);
    });

    it('records disable and enable with the status before and after', async () => {
      const off = await post(`/api/users/${userId}/disable`, admin).expect(200);
      expect((await theEntry(off, adminId, 'user.disable', 'user', userId)).changes).toEqual({ before: { status: 'active' }, after: { status: 'disabled' } });
      const on = await post(`/api/users/${userId}/enable`, admin).expect(200);
      expect((await theEntry(on, adminId, 'user.enable', 'user', userId)).changes).toEqual({ before: { status: 'disabled' }, after: { status: 'active' } });
    });

    it('records the end of one login and sign-out-everywhere with the logins ended', async () => {
      const username = `aud-sess-${suffix()}`;
      const id = (await post('/api/users', admin, { username, displayName: '会话用户', role: 'student', password }).expect(201)).body.id;
      await t.login(username, password);
      await t.login(username, password);
      await t.login(username, password);
      const sessions = (await get(`/api/users/${id}/sessions`, admin).expect(200)).body.items as Array<{ id: string }>;
      expect(sessions).toHaveLength(3);
      const ended = await t.http().delete(`/api/users/${id}/sessions/${sessions[0].id}`).set(auth(admin)).expect(204);
      expect((await theEntry(ended, adminId, 'user.session_end', 'user', id)).changes).toEqual({ sessionId: sessions[0].id });
      const all = await post(`/api/users/${id}/sign-out-everywhere`, admin).expect(200);
      expect(all.body.ended).toBe(2);
      const entry = await theEntry(all, adminId, 'user.sign_out_everywhere', 'user', id);
      expect([...(entry.changes.sessionsEnded as string[])].sort()).toEqual([sessions[1].id, sessions[2].id].sort());
    });

    it('records one entry per user an import created, all with the import’s request id', async () => {
      const [a, b] = [`aud-imp-a-${suffix()}`, `aud-imp-b-${suffix()}`];
      const csv = ['username,display_name,role,cohort', `${a},导入甲,student,审计测试队列`, `${b},导入乙,trainer,`, `${a},重复,student,`].join('\n');
      const res = await t.http().post('/api/users/import').set(auth(admin)).set('Content-Type', 'text/csv').send(csv).expect(200);
      expect([res.body.created, res.body.failed]).toEqual([2, 1]);
      const ids = new Map((res.body.rows as Array<{ username: string; userId?: string }>).filter((r) => r.userId).map((r) => [r.username, r.userId as string]));
      const ea = await theEntry(res, adminId, 'user.import', 'user', ids.get(a) as string);
      expect(ea.changes).toEqual({ after: { username: a, displayName: '导入甲', role: 'student', cohort: '审计测试队列' }, line: 2, passwordGenerated: true });
      const eb = await theEntry(res, adminId, 'user.import', 'user', ids.get(b) as string);
      expect(eb.changes).toMatchObject({ after: { username: b, role: 'trainer', cohort: null }, line: 3 });
      expect(JSON.stringify([ea, eb])).not.toMatch(new RegExp((res.body.rows as Array<{ initialPassword?: string }>).find((r) => r.initialPassword)?.initialPassword as string));
    });
  });

  it('records an hour adjustment with the entry, system, minutes and reason', async () => {
    const s = students[0];
    const res = await post(`/api/students/${s.id}/hour-adjustments`, admin, { system: 'practical', minutes: 90, reason: '线下补课补录学时' }).expect(201);
    const entry = await theEntry(res, adminId, 'hours.adjust', 'user', s.id);
    expect(entry.changes).toEqual({ entryId: res.body.id, system: 'practical', minutes: 90, reason: '线下补课补录学时' });
  });

  describe('enrolment', () => {
    it('records each student an enrolment put on the course, not those already on it, and an unenrolment', async () => {
      const [s1, s2] = students;
      const trainerCall = attendanceCaller(t, trainer);
      const courseId = await makeGeneralCourse(trainerCall, [s1.id], '审计选课课程', 1);
      const again = await post(`/api/courses/${courseId}/enrollments`, trainer, { studentIds: [s1.id, s2.id] }).expect(200);
      expect(again.body).toEqual({ enrolled: 1, alreadyEnrolled: 1 });
      const entry = await theEntry(again, trainerId, 'enrollment.create', 'user', s2.id);
      expect(entry.changes).toEqual({ courseId, cohortId: null });
      // s1's one entry is from the first enrolment (made by makeGeneralCourse), none from this one.
      expect((await entries(`action=enrollment.create&targetId=${s1.id}`)).items.map((e) => e.requestId)).not.toContain(again.headers['x-request-id']);
      const off = await t.http().delete(`/api/courses/${courseId}/enrollments/${s2.id}`).set(auth(trainer)).expect(204);
      expect((await theEntry(off, trainerId, 'enrollment.delete', 'user', s2.id)).changes).toEqual({ courseId });
    });
  });

  it('records attendance corrections with the record before (none at first) and after', async () => {
    const s = students[1];
    const trainerCall = attendanceCaller(t, trainer);
    const courseId = await makeGeneralCourse(trainerCall, [s.id], '审计考勤课程', 2);
    const sessionId = await scheduleSession(trainerCall, courseId, { startsInMinutes: -5 });
    const first = await trainerCall.put(`/api/class-sessions/${sessionId}/attendance/${s.id}`).send({ status: 'present', note: '现场点名' }).expect(200);
    const attendanceId = first.body.id as string;
    expect(attendanceId).toBeTruthy();
    const found1 = await entries(`action=attendance.correct&targetId=${attendanceId}`);
    expect(found1.total).toBe(1);
    expect(found1.items[0]).toMatchObject({ actorId: trainerId, targetType: 'attendance', requestId: first.headers['x-request-id'] });
    expect(found1.items[0].changes).toEqual({ sessionId, studentId: s.id, before: null, after: { status: 'present', source: 'trainer', note: '现场点名', creditedMinutes: 120 } });
    const second = await trainerCall.put(`/api/class-sessions/${sessionId}/attendance/${s.id}`).send({ status: 'absent', note: '核实未到场' }).expect(200);
    const found2 = await entries(`action=attendance.correct&targetId=${attendanceId}`);
    expect(found2.total).toBe(2);
    expect(found2.items[0]).toMatchObject({ requestId: second.headers['x-request-id'] });
    expect(found2.items[0].changes).toEqual({
      sessionId,
      studentId: s.id,
      before: { status: 'present', source: 'trainer', note: '现场点名', creditedMinutes: 120 },
      after: { status: 'absent', source: 'trainer', note: '核实未到场', creditedMinutes: 0 },
    });
    // The same status and note again changes nothing and records nothing.
    await trainerCall.put(`/api/class-sessions/${sessionId}/attendance/${s.id}`).send({ status: 'absent', note: '核实未到场' }).expect(200);
    expect(await count(`action=attendance.correct&targetId=${attendanceId}`)).toBe(2);
  });

  describe('exams', () => {
    let singleId: string;
    let attemptId: string;

    it('records a trainer’s review score over the grader’s, with what it did to the attempt', async () => {
      const bank = await makeBank(t, trainer, '审计复核题库');
      singleId = (await addQuestion(t, trainer, bank.id, SAMPLE_QUESTIONS.single)).id;
      await addQuestion(t, trainer, bank.id, SAMPLE_QUESTIONS.scenario);
      const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 2 }], passScore: 50 });
      const s = students[2];
      const attempt = (await post(`/api/exams/${exam.id}/attempts`, s.token).expect(201)).body;
      attemptId = attempt.id;
      for (const q of attempt.questions as Array<{ id: string; type: string }>) {
        const answer = q.type === 'scenario' ? '非常抱歉，理解您的心情，鞋子不影响二次销售就可以退' : 'A';
        await t.http().put(`/api/attempts/${attempt.id}/answers/${q.id}`).set(auth(s.token)).send({ answer, clientSeq: 1 }).expect(200);
      }
      await post(`/api/attempts/${attempt.id}/submit`, s.token).expect(202);
      const review = await waitFor('the review task', async () => (await get(`/api/reviews?status=pending&examId=${exam.id}`, trainer)).body.items[0]);
      const res = await post(`/api/reviews/${review.id}`, trainer, { score: 15, comment: '没有说明申请售后的路径' }).expect(200);
      const entry = await theEntry(res, trainerId, 'exam_review.score', 'attempt', attemptId);
      expect(entry.changes).toEqual({
        reviewId: review.id,
        studentId: s.id,
        questionId: review.questionId,
        maxScore: 20,
        before: { score: 20, attemptStatus: 'needs_review', attemptScore: 22, passed: null },
        after: { score: 15, comment: '没有说明申请售后的路径', attemptStatus: 'graded', attemptScore: 17, passed: true },
      });
    });

    it('records an answer-key correction with the key before and after and the attempts to regrade', async () => {
      const res = await post(`/api/questions/${singleId}/answer-key-corrections`, trainer, { answer: 'B', reason: '原答案有误，应为 B' }).expect(201);
      const entry = await theEntry(res, trainerId, 'answer_key.correct', 'question', singleId);
      expect(entry.changes).toEqual({
        correctionId: res.body.id,
        version: 1,
        keyRevision: { before: 1, after: 2 },
        before: 'A',
        after: 'B',
        reason: '原答案有误，应为 B',
        attemptsToRegrade: 1,
      });
    });
  });

  it('records a drill review (质检) with the standing it replaced', async () => {
    const s = students[3];
    const reviewed = seededScenarios().find((x) => x.title === '恶意骚扰')!;
    const ids = await scenarioIds(t, { id: trainerId, token: trainer });
    const submitted = await submitReply(t, { id: s.id, token: s.token }, ids.get(reviewed.title)!, reviewed.modelReply).expect(202);
    const graded = await waitUntilGraded(t, { id: s.id, token: s.token }, submitted.body.id);
    expect(graded.status).toBe('needs_review');
    const res = await post(`/api/training/submissions/${graded.id}/review`, trainer, { score: 50, comment: '未提示报警渠道。', passed: false }).expect(200);
    const entry = await theEntry(res, trainerId, 'drill_review.decide', 'drill_submission', graded.id);
    expect(entry.changes).toMatchObject({
      studentId: s.id,
      scenarioId: ids.get(reviewed.title),
      before: { status: 'needs_review', score: null, passed: null },
      after: { status: 'graded', score: 50, passed: false, comment: '未提示报警渠道。' },
    });
  });

  it('writes nothing for an action that is refused', async () => {
    const before = await count(`actor=${adminId}`);
    const beforeTrainer = await count(`actor=${trainerId}`);
    const none = '00000000-0000-4000-8000-000000000000';
    await post('/api/users', admin, { username: students[0].username, displayName: '重名', role: 'student' }).expect(409);
    await post(`/api/users/${adminId}/disable`, admin).expect(409);
    await t.http().patch(`/api/users/${none}`).set(auth(admin)).send({ displayName: '无此人' }).expect(404);
    await post(`/api/users/${none}/sign-out-everywhere`, admin).expect(404);
    await t.http().delete(`/api/users/${students[0].id}/sessions/${none}`).set(auth(admin)).expect(404);
    await post(`/api/students/${none}/hour-adjustments`, admin, { system: 'practical', minutes: 60, reason: '不存在的学员' }).expect(404);
    await post(`/api/students/${students[0].id}/hour-adjustments`, admin, { system: 'magic', minutes: 60, reason: '未知体系' }).expect(400);
    await post('/api/admin/jobs/grade-00000000-0000-4000-8000-000000000000/retry', admin).expect(404);
    await post('/api/admin/jobs/grade-x/retry', trainer).expect(403);
    await post(`/api/reviews/${none}`, trainer, { score: 1, comment: '无此复核' }).expect(404);
    await post(`/api/training/submissions/${none}/review`, trainer, { score: 1, comment: '无此提交' }).expect(404);
    await post(`/api/courses/${none}/enrollments`, trainer, { studentIds: [students[0].id] }).expect(404);
    expect(await count(`actor=${adminId}`)).toBe(before);
    expect(await count(`actor=${trainerId}`)).toBe(beforeTrainer);
  });

  describe('transactions', () => {
    it('leaves no entry when the change’s transaction rolls back after the entry was written', async () => {
      const username = `aud-rb-${suffix()}`;
      const id = (await post('/api/users', admin, { username, displayName: '回滚用户', role: 'student', password: 'audit-test-2022' }).expect(201)).body.id;
      await t.login(username, 'audit-test-2022');
      // Disabling writes the status and the audit line, then ends the user's logins: make that last step fail.
      await t.ds.query(`
        CREATE FUNCTION test_block_session_end() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'session end blocked by the test'; END $$;
        CREATE TRIGGER test_block_session_end BEFORE UPDATE ON auth_session FOR EACH ROW
          WHEN (OLD.user_id = '${id}') EXECUTE FUNCTION test_block_session_end();`);
      try {
        const res = await post(`/api/users/${id}/disable`, admin);
        expect(res.status).toBe(500);
      } finally {
        await t.ds.query(`DROP TRIGGER test_block_session_end ON auth_session; DROP FUNCTION test_block_session_end();`);
      }
      expect((await get(`/api/users/${id}`, admin).expect(200)).body.status).toBe('active');
      expect(await count(`targetId=${id}&action=user.disable`)).toBe(0);
    });

    it('does not make the change when its audit entry cannot be written', async () => {
      const username = `aud-nolog-${suffix()}`;
      await t.ds.query(`
        CREATE FUNCTION test_block_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit blocked by the test'; END $$;
        CREATE TRIGGER test_block_audit BEFORE INSERT ON audit_entry FOR EACH ROW
          WHEN (NEW.changes -> 'after' ->> 'username' = '${username}') EXECUTE FUNCTION test_block_audit();`);
      try {
        const res = await post('/api/users', admin, { username, displayName: '无日志用户', role: 'student' });
        expect(res.status).toBe(500);
      } finally {
        await t.ds.query(`DROP TRIGGER test_block_audit ON audit_entry; DROP FUNCTION test_block_audit();`);
      }
      expect((await get(`/api/users?q=${username}`, admin).expect(200)).body.total).toBe(0);
    });
  });

  describe('reading the log', () => {
    let other: { id: string; token: string };
    const created: Entry[] = [];

    beforeAll(async () => {
      other = await makeAccount(t, admin, 'admin', 'aud-admin');
      for (let i = 0; i < 3; i++) {
        const res = await post('/api/users', other.token, { username: `aud-page-${i}-${suffix()}`, displayName: `分页${i}`, role: 'student' }).expect(201);
        created.push(await theEntry(res, other.id, 'user.create', 'user', res.body.id));
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    it('filters by actor and by action, newest first', async () => {
      const mine = await entries(`actor=${other.id}`);
      expect(mine.total).toBe(3);
      expect(mine.items.map((e) => e.id)).toEqual([...created].reverse().map((e) => e.id));
      const creations = await entries(`action=user.create&limit=200`);
      expect(creations.items.every((e) => e.action === 'user.create')).toBe(true);
      expect(creations.total).toBeGreaterThanOrEqual(3);
      expect(await count(`action=user.create&actor=${other.id}`)).toBe(3);
      expect(await count(`action=user.disable&actor=${other.id}`)).toBe(0);
    });

    it('filters by target', async () => {
      const one = await entries(`targetId=${created[1].targetId}`);
      expect(one.items.map((e) => e.id)).toEqual([created[1].id]);
      expect(await count('targetId=nothing-has-this-id')).toBe(0);
    });

    it('filters by time: from is inclusive, to is exclusive', async () => {
      const at = created[1].createdAt;
      const from = await entries(`actor=${other.id}&from=${encodeURIComponent(at)}`);
      expect(from.items.map((e) => e.id)).toEqual([created[2].id, created[1].id]);
      const to = await entries(`actor=${other.id}&to=${encodeURIComponent(at)}`);
      expect(to.items.map((e) => e.id)).toEqual([created[0].id]);
      const between = await entries(`actor=${other.id}&from=${encodeURIComponent(created[0].createdAt)}&to=${encodeURIComponent(created[2].createdAt)}`);
      expect(between.items.map((e) => e.id)).toEqual([created[1].id, created[0].id]);
      // The same instant written with another offset selects the same entries.
      const shanghai = new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
      expect((await entries(`actor=${other.id}&from=${encodeURIComponent(shanghai)}`)).total).toBe(2);
    });

    it('pages with limit and offset, each entry once', async () => {
      const first = await entries(`actor=${other.id}&limit=2&offset=0`);
      const second = await entries(`actor=${other.id}&limit=2&offset=2`);
      expect([first.total, second.total]).toEqual([3, 3]);
      expect([first.items.length, second.items.length]).toEqual([2, 1]);
      expect([...first.items, ...second.items].map((e) => e.id)).toEqual([...created].reverse().map((e) => e.id));
      expect((await entries(`actor=${other.id}&offset=3`)).items).toEqual([]);
    });

    it('is for admins only', async () => {
      expect((await get('/api/audit', trainer).expect(403)).body.code).toBeTruthy();
      await get('/api/audit', students[0].token).expect(403);
      await t.http().get('/api/audit').expect(401);
      await get('/api/audit', other.token).expect(200);
    });
  });

  it('records an admin’s retry of a failed job', async () => {
    const bank = await makeChoiceBank(t, trainer, 1, '审计重试');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], passScore: 1 });
    const [s] = await makeStudents(t, admin, 1, 'audjob');
    const attempt = (await post(`/api/exams/${exam.id}/attempts`, s.token).expect(201)).body;
    const jobId = `grade-${attempt.id}`;
    await t.ds.query(BLOCK_GRADING);
    try {
      await post(`/api/attempts/${attempt.id}/submit`, s.token).expect(202);
      await waitFor('the grading job to fail for good', async () => {
        const res = await get('/api/admin/jobs?state=failed&limit=50', admin).expect(200);
        return (res.body.items as Array<{ id: string }>).find((j) => j.id === jobId);
      });
    } finally {
      await t.ds.query(UNBLOCK_GRADING);
    }
    const res = await post(`/api/admin/jobs/${jobId}/retry`, admin).expect(202);
    const entry = await theEntry(res, adminId, 'job.retry', 'job', jobId);
    expect(entry.changes).toMatchObject({ queue: res.body.queue, name: 'grade-attempt', before: { state: 'failed', attemptsMade: 2 }, after: { state: res.body.state } });
    expect(String((entry.changes.before as { error: string }).error)).toContain('grading blocked by the test');
    await waitFor('the retried attempt to be graded', async () => (await get(`/api/attempts/${attempt.id}`, s.token)).body.status === 'graded');
    // A second retry is refused (the job is no longer failed) and writes nothing.
    await post(`/api/admin/jobs/${jobId}/retry`, admin).expect(409);
    expect(await count(`action=job.retry&targetId=${jobId}`)).toBe(1);
  }, 60_000);
});
