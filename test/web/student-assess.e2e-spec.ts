import { readFileSync } from 'node:fs';
import { auth, cohortIdOf, makeChoiceBank, makeExam, makeStudents, type Student, waitFor } from '../support/exam-fixtures';
import { loginAs, PHONE, type Portal, screenshot, seriousAxeViolations, startPortal } from '../support/browser';
import { seededScenarios } from '../training/drill-fixtures';

const PASSWORD = 'exam-pass-2022'; // makeStudents' password
const COHORT = '页面考试测试队列';

describe('student exam, drill and certificate pages (browser, phone)', () => {
  let p: Portal;
  let admin: string;
  let trainer: string;
  let students: Student[];
  let examTitle: string;
  let tierExamTitle: string;

  beforeAll(async () => {
    p = await startPortal();
    admin = await p.t.login('admin');
    trainer = await p.t.login('trainer1');
    students = await makeStudents(p.t, admin, 3, 'pagex', COHORT);
    const cohortId = await cohortIdOf(p.t, admin, COHORT);
    const bank = await makeChoiceBank(p.t, trainer, 3, '页面');
    examTitle = '页面测试考试';
    await makeExam(p.t, trainer, { title: examTitle, draw: [{ bankId: bank.id, count: 3 }], cohortIds: [cohortId], reviewPolicy: 'after_graded', shuffle: false });
    tierExamTitle = '一段认证考试（页面测试）';
    await makeExam(p.t, trainer, { title: tierExamTitle, draw: [{ bankId: bank.id, count: 3 }], cohortIds: [cohortId], tierCode: 'cxo-1' });
  });
  afterAll(() => p?.close());

  const getAttempt = async (id: string, token: string) =>
    (await p.t.http().get(`/api/attempts/${id}`).set(auth(token)).expect(200)).body as {
      status: string;
      score?: number;
      questions: Array<{ id: string; position: number }>;
      answers: Record<string, { answer: unknown; clientSeq: number }>;
    };

  it('takes an exam: autosaves, keeps an answer changed offline and resends it, lists the unanswered question, shows the graded result', async () => {
    const [s] = students;
    const page = await p.newPage(PHONE);
    await loginAs(page, s.username, PASSWORD);
    await page.goto('/student/exams');
    const card = page.getByRole('region', { name: examTitle });
    await card.getByRole('button', { name: '开始考试' }).click();
    await page.waitForURL(/\/student\/attempts\/[0-9a-f-]{36}$/);
    const attemptId = new URL(page.url()).pathname.split('/').pop() as string;
    const status = page.getByRole('status', { name: '保存状态' });
    await page.getByRole('timer', { name: '剩余时间' }).getByText(/剩余 (29|30):\d\d/).waitFor();

    const byPosition = new Map((await getAttempt(attemptId, s.token)).questions.map((q) => [q.position, q.id]));
    await page.getByRole('region', { name: '第 1 题' }).getByText('A. 客户第一').click();
    await status.getByText('已保存').waitFor();
    expect((await getAttempt(attemptId, s.token)).answers[byPosition.get(1)!]).toMatchObject({ answer: 'A' });

    // Offline: the change stays in the browser and the badge says so; the server does not have it yet.
    await page.context().setOffline(true);
    await page.getByRole('region', { name: '第 2 题' }).getByText('B. 先完成业绩').click();
    await status.getByText('离线').waitFor();
    expect((await getAttempt(attemptId, s.token)).answers[byPosition.get(2)!]).toBeUndefined();
    const stored = await page.evaluate((id) => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem(`lms.attempt.${id}`), attemptId);
    expect(JSON.parse(stored!).answers[byPosition.get(2)!]).toMatchObject({ answer: 'B', saved: false });
    await screenshot(page, 'student-attempt-offline-390');

    // Back online: the change is resent without touching anything.
    await page.context().setOffline(false);
    await waitFor('the answer changed offline to reach the server', async () => (await getAttempt(attemptId, s.token)).answers[byPosition.get(2)!]?.answer === 'B');
    await status.getByText('已保存').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A reload resumes the attempt with the saved answers and the same deadline.
    await page.reload();
    await expect(page.getByRole('region', { name: '第 2 题' }).getByRole('radio', { name: 'B. 先完成业绩' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: '第 1 题' }).getByRole('radio', { name: 'A. 客户第一' }).isChecked()).resolves.toBe(true);
    await page.getByRole('timer', { name: '剩余时间' }).getByText(/剩余 (29|30):\d\d/).waitFor();
    // The options are reachable from the keyboard: focus option A of question 2 and choose it with Space.
    await page.getByRole('region', { name: '第 2 题' }).getByRole('radio', { name: 'A. 客户第一' }).focus();
    await page.keyboard.press('Space');
    await waitFor('the keyboard choice to be saved', async () => (await getAttempt(attemptId, s.token)).answers[byPosition.get(2)!]?.answer === 'A');
    await page.getByRole('region', { name: '第 2 题' }).getByText('B. 先完成业绩').click();
    await waitFor('the answer B to be saved again', async () => (await getAttempt(attemptId, s.token)).answers[byPosition.get(2)!]?.answer === 'B');

    // Submit: the confirmation names the question left blank.
    await page.getByRole('button', { name: '交卷' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('list', { name: '未作答的题目' }).getByText('第 3 题').waitFor();
    expect(await dialog.getByRole('list', { name: '未作答的题目' }).getByRole('listitem').count()).toBe(1);
    await dialog.getByRole('button', { name: '交卷' }).click();

    // The result once graded: one right answer of three (2 points each), below the pass score.
    await page.getByText('得分 2/6').waitFor({ timeout: 20_000 });
    await page.getByText('未通过').first().waitFor();
    const graded = await getAttempt(attemptId, s.token);
    expect(graded).toMatchObject({ status: 'graded', score: 2 });
    // The review policy (after_graded) allows the keys: each question shows the correct answer.
    await page.getByText('正确答案：A').first().waitFor();
    await screenshot(page, 'student-attempt-result-390');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('refuses the tier exam to a student without the hours, with the unmet rule in Chinese', async () => {
    const page = await p.newPage(PHONE);
    await loginAs(page, students[1].username, PASSWORD);
    await page.goto('/student/exams');
    const card = page.getByRole('region', { name: tierExamTitle });
    await card.getByRole('button', { name: '开始考试' }).click();
    const alert = card.getByRole('alert');
    await alert.getByText('实务技巧学时还差 64 小时').waitFor();
    await expect(alert.textContent()).resolves.toContain('尚未满足参加该段位考试的条件');
    await screenshot(page, 'student-exams-refused-390');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('submits a drill reply, shows the result point by point, then the trainer’s 质检 comment', async () => {
    const s = students[2];
    const scenario = seededScenarios().find((x) => x.rubric.requiresReview !== true)!;
    const page = await p.newPage(PHONE);
    await loginAs(page, s.username, PASSWORD);
    await page.goto('/student/drills');
    await page.getByText(scenario.title, { exact: true }).click();
    await page.getByRole('list', { name: '客户对话' }).getByText(scenario.conversation[0]).waitFor();
    await page.getByLabel('我的回复').fill(scenario.modelReply);
    await page.getByRole('button', { name: '提交回复' }).click();
    await page.waitForURL(/\/student\/drills\/submissions\/[0-9a-f-]{36}$/);
    const submissionId = new URL(page.url()).pathname.split('/').pop() as string;

    await page.getByText('评分要点').waitFor({ timeout: 20_000 });
    const graded = (await p.t.http().get(`/api/training/submissions/${submissionId}`).set(auth(s.token)).expect(200)).body;
    expect(graded).toMatchObject({ status: 'graded', passed: true, reply: scenario.modelReply });
    await expect(page.getByLabel('实训成绩').textContent()).resolves.toBe(`得分 ${graded.score}/${graded.maxScore}`);
    await page.getByText('实训通过').waitFor();
    // Point by point: each rubric point with whether the reply made it.
    const points = graded.result.points as Array<{ label: string; found: boolean }>;
    expect(points.length).toBeGreaterThan(0);
    for (const point of points) await page.getByText(point.label, { exact: false }).first().waitFor();
    expect(await page.getByText('做到', { exact: true }).count()).toBe(points.filter((x) => x.found).length);
    await screenshot(page, 'student-drill-result-390');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A trainer's 质检 decision shows with its comment.
    await p.t.http().post(`/api/training/submissions/${submissionId}/review`).set(auth(trainer)).send({ score: graded.score, comment: '回复完整，语气亲切。' }).expect(200);
    await page.reload();
    await page.getByText('质检意见：回复完整，语气亲切。').first().waitFor();
  });

  it('lists an issued certificate with a working PDF, the credential and the public verification link', async () => {
    const [s] = students;
    const issued = (
      await p.t.http().post('/api/certificates').set(auth(admin)).send({ studentId: s.id, tierCode: 'cxo-1', override: { reason: '页面测试' } }).expect(201)
    ).body as { id: string; serial: string };

    const page = await p.newPage(PHONE);
    await loginAs(page, s.username, PASSWORD);
    await page.goto('/student/certificates');
    const card = page.getByRole('region', { name: `证书 ${issued.serial}` });
    await card.getByText('有效', { exact: true }).waitFor();

    const [pdf] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '下载 PDF 证书' }).click()]);
    expect(pdf.suggestedFilename()).toBe(`${issued.serial}.pdf`);
    expect(readFileSync(await pdf.path()).subarray(0, 4).toString('latin1')).toBe('%PDF');

    const [jwt] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '下载数字凭证' }).click()]);
    expect(jwt.suggestedFilename()).toBe(`${issued.serial}.jwt`);
    const credential = (await p.t.http().get(`/api/certificates/${issued.id}/credential`).set(auth(s.token)).expect(200)).body;
    expect(readFileSync(await jwt.path(), 'utf8')).toBe(credential.jwt);

    await screenshot(page, 'student-certificates-390');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const [verify] = await Promise.all([page.context().waitForEvent('page'), card.getByRole('link', { name: /\/verify\// }).click()]);
    await verify.waitForLoadState();
    expect(new URL(verify.url()).pathname).toBe(`/verify/${issued.serial}`);
    await verify.getByRole('heading', { name: '证书核验结果' }).waitFor();
    await expect(verify.textContent('body')).resolves.toContain(issued.serial);
    await expect(verify.textContent('body')).resolves.toContain('有效');
  });
});
