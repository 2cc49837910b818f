// Each case reproduces a mismatch between a student's course progress and the hour ledger found
// on main (issue 11): progress must follow the ledger.
import { awayFromStepBoundary, caller, codeOf, lessonsOf, makeGeneralCourse, scheduleSession } from '../attendance/attendance-fixtures';
import { scenarioIds, seededScenarios, signIn, submitReply, waitUntilGraded } from '../training/drill-fixtures';
import { auth, makeChoiceBank, makeExam, waitFor } from '../support/exam-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface LessonProgress {
  lessonId: string;
  mode: string;
  state: string;
  creditMinutes: number;
  creditedMinutes: number;
}

describe('progress follows the hour ledger', () => {
  let t: TestApp;
  let trainer: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { SELF_PACED_MIN_SECONDS: '1' } });
    trainer = await t.login('trainer1');
  });
  afterAll(() => t.close());

  const get = async (token: string, path: string) => (await t.http().get(path).set(auth(token)).expect(200)).body;
  const progressOf = async (token: string, courseId: string) => get(token, `/api/me/progress?courseId=${courseId}`);
  const lessonIn = async (token: string, courseId: string, lessonId: string): Promise<LessonProgress> =>
    (await progressOf(token, courseId)).lessons.find((l: LessonProgress) => l.lessonId === lessonId);
  const myCourse = async (token: string, _system: string, courseId: string) =>
    (await get(token, `/api/me/courses?limit=200`)).items.find((c: { id: string }) => c.id === courseId);
  const systemMinutes = async (token: string, code: string) =>
    (await get(token, '/api/me/transcript')).systems.find((s: { code: string }) => s.code === code).creditedMinutes;

  it('completes an exam lesson when its exam is passed, showing the minutes credited', async () => {
    const student = await t.login('student1');
    const course = (await get(student, '/api/courses?system=practical')).items[0];
    const lesson = (await get(student, `/api/courses/${course.id}`)).modules[4].lessons[0];
    expect(lesson).toMatchObject({ mode: 'exam', creditMinutes: 60 });
    const bank = await makeChoiceBank(t, trainer, 1, '进度');
    const exam = await makeExam(t, trainer, { draw: [{ bankId: bank.id, count: 1 }], passScore: 100, lessonId: lesson.id });
    const attempt = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(auth(student)).expect(201)).body;
    await t.http().put(`/api/attempts/${attempt.id}/answers/${attempt.questions[0].id}`).set(auth(student)).send({ answer: 'A', clientSeq: 1 }).expect(200);
    await t.http().post(`/api/attempts/${attempt.id}/submit`).set(auth(student)).expect(202);
    await waitFor('the attempt graded', async () => (await get(student, `/api/attempts/${attempt.id}`)).status === 'graded');
    expect(await systemMinutes(student, 'practical')).toBe(60);

    expect(await lessonIn(student, course.id, lesson.id)).toMatchObject({ state: 'completed', creditMinutes: 60, creditedMinutes: 60 });
    expect(await myCourse(student, 'practical', course.id)).toMatchObject({ completedLessons: 1, creditedMinutes: 60 });
  });

  it('completes the training course’s drill lesson when the drill is passed (not 0 of 33)', async () => {
    const student = await signIn(t, 'student2');
    const seeded = seededScenarios().find((s) => !s.rubric.requiresReview) as ReturnType<typeof seededScenarios>[number];
    const scenarioId = (await scenarioIds(t, student)).get(seeded.title) as string;
    const submitted = await submitReply(t, student, scenarioId, seeded.modelReply).expect(202);
    const graded = await waitUntilGraded(t, student, submitted.body.id);
    expect(graded.passed).toBe(true);
    expect(await systemMinutes(student.token, 'training')).toBe(60);

    const course = (await get(student.token, '/api/courses?system=training')).items[0];
    const progress = await progressOf(student.token, course.id);
    expect(progress.lessonCount).toBe(33);
    expect(progress.completedLessons).toBe(1);
    expect(progress.creditedMinutes).toBe(60);
    const drill = progress.lessons.find((l: LessonProgress) => l.state === 'completed');
    expect(drill).toMatchObject({ mode: 'drill', creditedMinutes: 60 });
    expect(await myCourse(student.token, 'training', course.id)).toMatchObject({ completedLessons: 1, creditedMinutes: 60 });
  });

  it('completes a general course’s lesson when its class session is attended, and the course shows the hours', async () => {
    const studentToken = await t.login('student3');
    const studentId = (await get(studentToken, '/api/me')).id;
    const staff = caller(t, trainer);
    const courseId = await makeGeneralCourse(staff, [studentId], '沟通与表达（进度）', 2);
    const [first] = await lessonsOf(staff, courseId);
    const sessionId = await scheduleSession(staff, courseId, { lessonId: first.id, creditMinutes: 120 });
    await staff.post(`/api/class-sessions/${sessionId}/check-in-code`).expect(200);
    await awayFromStepBoundary(t);
    await t.http().post(`/api/class-sessions/${sessionId}/check-in`).set(auth(studentToken)).send({ code: codeOf(t, sessionId) }).expect(200);
    expect(await systemMinutes(studentToken, 'general')).toBe(120);

    expect(await lessonIn(studentToken, courseId, first.id)).toMatchObject({ state: 'completed', creditedMinutes: 120 });
    expect(await myCourse(studentToken, 'general', courseId)).toMatchObject({ completedLessons: 1, creditedMinutes: 120 });

    // Corrected to absent: the reversal takes the lesson's completion with it.
    await staff.put(`/api/class-sessions/${sessionId}/attendance/${studentId}`).send({ status: 'absent' }).expect(200);
    expect(await lessonIn(studentToken, courseId, first.id)).toMatchObject({ state: 'not_started', creditedMinutes: 0 });
    expect(await myCourse(studentToken, 'general', courseId)).toMatchObject({ completedLessons: 0, creditedMinutes: 0 });
  });

  it('keeps showing a completed lesson’s credited minutes after a republish changes them', async () => {
    const student = await t.login('student4');
    const studentId = (await get(student, '/api/me')).id;
    const course = (await get(student, '/api/courses?system=practical')).items[0];
    const reading = (await get(student, `/api/courses/${course.id}`)).modules.flatMap((m: { lessons: LessonProgress[] }) => m.lessons).find((l: { mode: string }) => l.mode === 'reading');
    const old = reading.creditMinutes as number;
    await t.http().post(`/api/lessons/${reading.id}/open`).set(auth(student)).expect(200);
    await t.ds.query(`UPDATE lesson_progress SET opened_at = opened_at - interval '5 seconds' WHERE student_id = $1 AND lesson_id = $2`, [studentId, reading.id]);
    await t.http().post(`/api/lessons/${reading.id}/complete`).set(auth(student)).expect(200);

    await t.http().patch(`/api/lessons/${reading.id}`).set(auth(trainer)).send({ creditMinutes: old + 15 }).expect(200);
    await t.http().post(`/api/courses/${course.id}/publish`).set(auth(trainer)).expect(200);
    expect((await get(student, `/api/courses/${course.id}`)).modules.flatMap((m: { lessons: LessonProgress[] }) => m.lessons).find((l: { lessonId?: string; id?: string }) => l.id === reading.id).creditMinutes).toBe(old + 15);

    expect(await lessonIn(student, course.id, reading.id)).toMatchObject({ state: 'completed', creditMinutes: old, creditedMinutes: old });
    expect(await systemMinutes(student, 'practical')).toBe(old);
    const [{ credited }] = await t.ds.query(`SELECT credited_minutes AS credited FROM lesson_progress WHERE student_id = $1 AND lesson_id = $2`, [studentId, reading.id]);
    expect(credited).toBe(old);
  });

  it('never credits a student more than a course is worth, whatever its sessions say', async () => {
    const studentToken = await t.login('student5');
    const studentId = (await get(studentToken, '/api/me')).id;
    const staff = caller(t, trainer);
    // A 4-hour course: two lessons of 2 hours.
    const courseId = await makeGeneralCourse(staff, [studentId], '有效沟通（封顶）', 2);
    const sessions = [
      await scheduleSession(staff, courseId, { startsInMinutes: -600, durationMinutes: 120, creditMinutes: 120 }),
      await scheduleSession(staff, courseId, { startsInMinutes: -400, durationMinutes: 120, creditMinutes: 120 }),
      await scheduleSession(staff, courseId, { startsInMinutes: -200, durationMinutes: 120, creditMinutes: 120 }),
    ];
    for (const id of sessions) await staff.put(`/api/class-sessions/${id}/attendance/${studentId}`).send({ status: 'present' }).expect(200);
    expect(await systemMinutes(studentToken, 'general')).toBe(240);
    const credited = await t.ds.query(`SELECT credited_minutes AS m FROM attendance WHERE student_id = $1 AND session_id = ANY($2::uuid[])`, [studentId, sessions]);
    expect(credited.map((r: { m: number }) => r.m).sort()).toEqual([0, 120, 120]);
    expect(await myCourse(studentToken, 'general', courseId)).toMatchObject({ creditedMinutes: 240 });
  });
});
