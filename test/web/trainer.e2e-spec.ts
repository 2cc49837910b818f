import type { Locator, Page } from 'playwright-core';
import { caller, makeGeneralCourse, userId } from '../attendance/attendance-fixtures';
import { axeWhenSettled, DESKTOP, loginAs, type Portal, screenshot, startPortal } from '../support/browser';
import { makeSampleVideo, removeDirs, scratchDir } from '../support/media';
import { scenarioIds, seededScenarios, signIn, submitReply, waitUntilGraded } from '../training/drill-fixtures';

/** Picks an option of an antd Select by its label (the dropdown that is open). */
async function pick(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

/** Polls a read until it holds (bounded). */
async function until<T>(read: () => Promise<T>, holds: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (holds(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const suffix = () => Math.random().toString(36).slice(2, 7);

/** The trainer's pages (desktop): course editor, question bank import, exam builder, 质检, class sessions. */
describe('trainer pages (browser)', () => {
  let p: Portal;
  let dataDir: string;
  let trainerToken: string;
  const api = () => ({
    get: (path: string) => p.t.http().get(path).set('Authorization', `Bearer ${trainerToken}`),
    post: (path: string) => p.t.http().post(path).set('Authorization', `Bearer ${trainerToken}`),
  });

  beforeAll(async () => {
    dataDir = scratchDir('trainer-web');
    p = await startPortal({ env: { DATA_DIR: dataDir } });
    trainerToken = await p.t.login('trainer1');
  });
  afterAll(async () => {
    await p?.close();
    removeDirs(dataDir);
  });

  async function trainerPage(path: string): Promise<Page> {
    const page = await p.newPage(DESKTOP);
    await loginAs(page, 'trainer1');
    await page.goto(path);
    return page;
  }

  it('creates a course with a module and two lessons, reorders them, uploads a video with progress, and publishes version 1', async () => {
    const video = await makeSampleVideo(dataDir, 'mp4', 3);
    const page = await trainerPage('/trainer/courses');
    const title = `客服沟通实务 ${suffix()}`;
    await page.getByLabel('课程名称').fill(title);
    await page.getByRole('button', { name: '创建并编辑' }).click();
    await page.waitForURL(/\/trainer\/courses\/[0-9a-f-]{36}$/);
    const courseId = page.url().split('/').pop()!;

    await page.getByLabel('新模块名称').fill('客户体验官基本行为');
    await page.getByRole('button', { name: '添加模块' }).click();
    await page.getByText('1. 客户体验官基本行为').waitFor();

    const titles = page.getByTestId('lesson-title');
    await page.getByLabel('课时名称').fill('首问负责');
    await page.getByLabel('学时（分钟）').fill('30');
    await page.getByRole('button', { name: '添加课时' }).click();
    await page.getByTestId('lesson-title').filter({ hasText: '首问负责' }).waitFor();
    await page.getByLabel('课时名称').fill('投诉处理话术');
    await pick(page, page.getByLabel('形式'), '图文阅读');
    await page.getByLabel('学时（分钟）').fill('20');
    await page.getByRole('button', { name: '添加课时' }).click();
    await page.getByTestId('lesson-title').filter({ hasText: '投诉处理话术' }).waitFor();
    expect(await titles.allTextContents()).toEqual(['首问负责', '投诉处理话术']);

    // Move the first lesson down: the order is saved through PUT …/lessons/order and read back.
    await page.getByRole('button', { name: '下移课时 首问负责' }).click();
    const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
    expect(await until(() => titles.allTextContents(), (v) => same(v, ['投诉处理话术', '首问负责']))).toEqual(['投诉处理话术', '首问负责']);

    // The video: XHR upload with a progress bar that reaches 100 %, then attached to the lesson.
    await page.getByRole('button', { name: '编辑课时 首问负责' }).click();
    await page.locator('#lesson-video-file').setInputFiles(video);
    await page.getByText('视频已上传并关联到课时').waitFor();
    await expect(page.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    await page.getByText('已关联视频，重新上传会替换它。').waitFor();
    await screenshot(page, 'trainer-lesson-upload');
    await page.keyboard.press('Escape');
    await page.getByText('视频 · 30 分钟 · 已上传视频').waitFor();

    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await page.getByText(/已发布：第 1 版/).waitFor();
    await page.getByTestId('course-version').filter({ hasText: '第 1 版' }).waitFor();
    await screenshot(page, 'trainer-course-editor');
    expect(await axeWhenSettled(page)).toEqual([]);

    // The API holds what was typed.
    const course = (await api().get(`/api/courses/${courseId}?view=published`).expect(200)).body;
    expect(course).toMatchObject({ title, version: 1, status: 'published' });
    expect(course.modules).toHaveLength(1);
    expect(course.modules[0].title).toBe('客户体验官基本行为');
    const lessons = course.modules[0].lessons as Array<{ title: string; mode: string; creditMinutes: number; mediaId: string | null }>;
    expect(lessons.map((l) => [l.title, l.mode, l.creditMinutes])).toEqual([
      ['投诉处理话术', 'reading', 20],
      ['首问负责', 'video', 30],
    ]);
    expect(lessons[1].mediaId).toEqual(expect.any(String));
  });

  it('imports a CSV with one bad row into a bank and shows the per-row report in Chinese', async () => {
    const page = await trainerPage('/trainer/banks');
    const title = `服务规范题库 ${suffix()}`;
    await page.getByLabel('题库名称').fill(title);
    await page.getByRole('button', { name: '创建题库' }).click();
    await page.waitForURL(/\/trainer\/banks\/[0-9a-f-]{36}$/);
    const bankId = page.url().split('/').pop()!;

    const csv = [
      'ref,type,stem,option_a,option_b,answer,points,tags',
      'q1,single,客户投诉时首先应该做什么？,致歉并倾听,解释公司政策,A,2,服务',
      'q2,true_false,可以向客户透露其他客户的订单信息。,,,错,2,合规',
      'q3,single,这道题缺少答案,选项一,选项二,,2,服务',
    ].join('\n');
    await page.getByLabel('或粘贴内容').fill(csv);
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByText('共 3 行：新增 2，更新 0，无变化 0，失败 1').first().waitFor();

    const rows = page.getByTestId('import-report').locator('tbody tr.ant-table-row');
    await expect(rows.count()).resolves.toBe(3);
    const failed = rows.filter({ hasText: '失败' });
    await expect(failed.count()).resolves.toBe(1);
    await expect(failed.textContent()).resolves.toContain('4');
    await expect(failed.textContent()).resolves.toContain('题目内容不完整或有误，请检查。');
    await expect(rows.filter({ hasText: '已新增' }).count()).resolves.toBe(2);
    await screenshot(page, 'trainer-bank-import');
    expect(await axeWhenSettled(page)).toEqual([]);

    const questions = (await api().get(`/api/question-banks/${bankId}/questions`).expect(200)).body;
    expect(questions.items.map((q: { ref: string }) => q.ref).sort()).toEqual(['q1', 'q2']);
  });

  it('builds an exam from a bank with a window in a time zone', async () => {
    const bank = (await api().post('/api/question-banks').send({ title: `考试题库 ${suffix()}` }).expect(201)).body;
    const questions = [1, 2, 3].map((i) => ({ ref: `t${i}`, type: 'true_false', stem: `判断题 ${i}`, answer: i % 2 === 0, points: 5, tags: ['基础'] }));
    await api().post(`/api/question-banks/${bank.id}/import`).send(questions).expect(200);

    const page = await trainerPage('/trainer/exams/new');
    const title = `服务规范考试 ${suffix()}`;
    await page.getByLabel('考试名称').fill(title);
    await page.getByLabel('限时（分钟）').fill('30');
    await page.getByLabel('及格线（%）').fill('80');
    await page.getByLabel('可考次数').fill('2');
    await pick(page, page.getByLabel('题库 1'), `${bank.title}（3 题）`);
    await page.getByLabel('抽取题数').fill('2');
    await page.getByLabel('开放时间（可选）').fill('2026-12-01T09:00');
    await page.getByLabel('截止时间（可选）').fill('2027-01-08T18:00');
    await page.getByRole('button', { name: '创建考试' }).click();
    await page.getByText(`考试“${title}”已创建，共 2 题`).waitFor();
    await page.getByRole('cell', { name: title }).waitFor();
    expect(await axeWhenSettled(page)).toEqual([]);

    const exams = (await api().get('/api/exams?limit=200').expect(200)).body.items as Array<Record<string, unknown>>;
    const exam = exams.find((e) => e.title === title);
    expect(exam).toMatchObject({ timeLimitMinutes: 30, passScore: 80, maxAttempts: 2, questionCount: 2, reviewPolicy: 'after_graded' });
    expect(exam!.opensAt).toBe(new Date('2026-12-01T09:00:00+08:00').toISOString());
    expect(exam!.closesAt).toBe(new Date('2027-01-08T18:00:00+08:00').toISOString());
    expect(exam!.draw).toEqual([expect.objectContaining({ bankId: bank.id, count: 2 })]);
  });

  it('reviews a drill submission that went to review, and the student sees the new result', async () => {
    const student = await signIn(p.t, 'student3');
    const trainer = await signIn(p.t, 'trainer1');
    const scenario = seededScenarios().find((s) => s.title === '恶意骚扰')!;
    const ids = await scenarioIds(p.t, trainer);
    const submitted = await submitReply(p.t, student, ids.get(scenario.title)!, scenario.modelReply).expect(202);
    const graded = await waitUntilGraded(p.t, student, submitted.body.id);
    expect(graded).toMatchObject({ status: 'needs_review', score: null, passed: null });

    const page = await trainerPage('/trainer/reviews');
    const card = page.getByTestId('drill-review').filter({ hasText: scenario.modelReply.slice(0, 20) });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(`机器评分：${graded.autoScore} / ${graded.maxScore}`);
    await card.getByLabel(/讲师评分/).fill('40');
    await card.getByLabel('评语').fill('未提示报警渠道，不符合质检要求。');
    await card.getByRole('button', { name: '提交评审' }).click();
    await page.getByText('已评审：40 分，未通过').waitFor();
    await card.waitFor({ state: 'detached' });
    expect(await axeWhenSettled(page)).toEqual([]);

    const seen = (await p.t.http().get(`/api/training/submissions/${graded.id}`).set('Authorization', `Bearer ${student.token}`).expect(200)).body;
    expect(seen).toMatchObject({ status: 'graded', score: 40, passed: false, reviewComment: '未提示报警渠道，不符合质检要求。' });
  });

  it('schedules a class session, opens the check-in screen, and corrects a student’s attendance', async () => {
    const studentToken = await p.t.login('student4');
    const studentId = await userId(p.t, studentToken);
    const courseTitle = `沟通与表达（线下）${suffix()}`;
    const courseId = await makeGeneralCourse(caller(p.t, trainerToken), [studentId], courseTitle, 2);
    const me = (await p.t.http().get('/api/me').set('Authorization', `Bearer ${studentToken}`).expect(200)).body;

    const page = await trainerPage('/trainer/class-sessions');
    await pick(page, page.getByLabel('课程（通用能力）'), courseTitle);
    // Began five minutes ago, on Beijing time.
    const startsLocal = new Date(Date.now() + 8 * 3600_000 - 5 * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('开始时间').fill(startsLocal);
    await page.getByLabel('时长（分钟）').fill('90');
    await page.getByLabel('地点').fill('孵化基地 2 号培训室');
    await page.getByRole('button', { name: '安排课堂' }).click();
    await page.getByRole('cell', { name: '孵化基地 2 号培训室' }).waitFor();

    const sessions = (await api().get(`/api/courses/${courseId}/class-sessions`).expect(200)).body.items;
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ durationMinutes: 90, place: '孵化基地 2 号培训室', startsAt: new Date(`${startsLocal}:00+08:00`).toISOString() });

    // The classroom screen opens in its own window.
    const [screen] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '打开签到二维码' }).click()]);
    await screen.waitForURL(new RegExp(`/class-sessions/${sessions[0].id}/screen`));
    await screen.close();
    await page.getByText('签到中').waitFor();

    await page.getByRole('button', { name: '考勤名单' }).click();
    await pick(page, page.getByLabel(`${me.displayName} 的考勤状态`), '请假');
    await page.getByLabel(`${me.displayName} 的更正原因`).fill('病假，已提交假条');
    await page.getByRole('button', { name: `保存 ${me.displayName} 的考勤` }).click();
    await page.getByText(`已更正 ${me.displayName} 的考勤`).waitFor();
    await page.getByRole('cell', { name: '病假，已提交假条' }).waitFor();
    await screenshot(page, 'trainer-class-sessions');
    expect(await axeWhenSettled(page)).toEqual([]);

    const record = (await p.t.http().get(`/api/class-sessions/${sessions[0].id}/attendance/${studentId}`).set('Authorization', `Bearer ${trainerToken}`).expect(200)).body;
    expect(record).toMatchObject({ status: 'excused' });
    expect(JSON.stringify(record)).toContain('病假，已提交假条');
  });

  it('fits a 375 px screen: the list and builder pages do not scroll sideways and pass axe', async () => {
    const page = await p.newPage({ width: 375, height: 812 });
    await loginAs(page, 'trainer1');
    const tooWide: Array<[string, number]> = [];
    for (const path of ['/trainer/courses', '/trainer/banks', '/trainer/exams/new', '/trainer/class-sessions']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('form').first().waitFor();
      // Measure the page with its data, not the skeleton it shows while the lists load.
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      if (width > 375) tooWide.push([path, width]);
      expect(await axeWhenSettled(page)).toEqual([]);
    }
    expect(tooWide).toEqual([]);
    await screenshot(page, 'trainer-exam-builder-375');
  });
});
