import type { Locator, Page } from 'playwright-core';
import { auth } from '../support/exam-fixtures';
import { axeWhenSettled, DESKTOP, loginAs, type Portal, screenshot, startPortal } from '../support/browser';

/** Picks an option of an antd Select by its label (the dropdown that is open). */
async function pick(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

const tag = Math.random().toString(36).slice(2, 6);
const COHORT = `管理测试班 ${tag}`;
const GOOD_A = `adm-${tag}-a`;
const GOOD_B = `adm-${tag}-b`;

/** The admin's pages in a browser: user import, tier rules, the eligibility board, issuing and revoking, the queue dashboard. */
describe('admin pages (browser)', () => {
  let p: Portal;
  let admin: string;
  let page: Page;

  beforeAll(async () => {
    p = await startPortal();
    admin = await p.t.login('admin');
    page = await p.newPage(DESKTOP);
    await loginAs(page, 'admin');
  });
  afterAll(() => p?.close());

  const get = (path: string) => p.t.http().get(path).set(auth(admin));

  it('imports users from a CSV with one bad row and shows the per-row report in Chinese', async () => {
    await page.goto('/admin/users/import');
    const csv = ['username,display_name,role,cohort', `${GOOD_A},导入甲,student,${COHORT}`, `not ok!,坏行,student,${COHORT}`, `${GOOD_B},导入乙,学员,${COHORT}`].join('\n');
    await page.getByLabel('或粘贴 CSV 内容').fill(csv);
    await page.getByLabel('自动创建文件中不存在的班级').check();
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('status').filter({ hasText: '共 3 行：成功 2，失败 1' }).waitFor();
    const rows = page.getByTestId('user-import-report').locator('tbody tr.ant-table-row');
    await expect(rows.nth(0).textContent()).resolves.toMatch(new RegExp(`^2${GOOD_A}已创建`));
    await expect(rows.nth(1).textContent()).resolves.toContain('用户名不符合要求。');
    await expect(rows.nth(1).textContent()).resolves.toContain('失败');
    await expect(rows.nth(2).textContent()).resolves.toMatch(new RegExp(`^4${GOOD_B}已创建`));
    await screenshot(page, 'admin-import');
    const users = (await get(`/api/users?q=adm-${tag}`).expect(200)).body.items;
    expect(users.map((u: { cohortName: string }) => u.cohortName)).toEqual([COHORT, COHORT]);
  });

  it('enrols the new cohort into two courses at once and shows the result per course', async () => {
    const courses = (await get('/api/courses?limit=2').expect(200)).body.items as Array<{ id: string; title: string }>;
    await page.goto('/admin/cohorts');
    const form = page.locator('form#cohort-enrol');
    await pick(page, form.getByLabel('班级'), COHORT);
    const field = form.getByLabel('课程（可多选）');
    for (const c of courses) {
      await field.click();
      await page.locator('.ant-select-dropdown:visible').getByTitle(new RegExp(`^${c.title}（`)).click();
    }
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: /^报\s*名$/ }).click();
    const rows = page.getByTestId('enrol-report').locator('tbody tr.ant-table-row');
    await rows.nth(1).waitFor();
    await expect(rows.allTextContents()).resolves.toEqual(courses.map((c) => `${c.title}新报名 2 人，已在课程中 0 人`));
  });

  it('edits a tier’s rules: the API’s problems show next to the field, then a valid list saves', async () => {
    await page.goto('/admin/tiers');
    const hours = page.getByLabel('最少学时').first();
    await hours.fill('-1');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '不能是负数。' }).waitFor();

    await hours.fill('1');
    await page.getByRole('button', { name: '删除规则 2' }).click();
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.getByText('当前规则版本：2').waitFor();
    const tiers = (await get('/api/certification/tiers').expect(200)).body;
    expect(tiers[0].rules).toEqual([{ kind: 'hours', system: 'practical', minHours: 1 }]);
  });

  it('issues a certificate from the eligibility board; the verification page shows it valid, then revoked after revocation', async () => {
    const [a] = (await get(`/api/users?q=${GOOD_A}`).expect(200)).body.items;
    await p.t.http().post(`/api/students/${a.id}/hour-adjustments`).set(auth(admin)).send({ system: 'practical', minutes: 60, reason: '测试补录学时' }).expect(201);

    await page.goto('/admin/eligibility');
    await pick(page, page.getByLabel('班级'), COHORT);
    await page.getByRole('button', { name: '查看资格' }).click();
    const board = page.getByTestId('eligibility-board');
    await board.getByText('实务技巧学时还差 1 小时').waitFor();
    await screenshot(page, 'admin-eligibility');
    expect(await axeWhenSettled(page)).toEqual([]);
    await board.getByRole('button', { name: '发放证书：导入甲，阿里巴巴一段客户体验官' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '发放证书' }).click();
    await board.getByText('已持证').waitFor();

    // The other student reaches the hours too: the batch issues to them and skips the holder.
    const [b] = (await get(`/api/users?q=${GOOD_B}`).expect(200)).body.items;
    await p.t.http().post(`/api/students/${b.id}/hour-adjustments`).set(auth(admin)).send({ system: 'practical', minutes: 60, reason: '测试补录学时' }).expect(201);
    await page.getByRole('button', { name: '查看资格' }).click();
    await page.getByRole('button', { name: '批量发证' }).first().click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '批量发证' }).click();
    await page.getByRole('status').filter({ hasText: '发放 1 张，跳过 1 人' }).waitFor();
    const report = await page.getByTestId('batch-report').locator('tbody tr.ant-table-row').allTextContents();
    expect(report.sort()).toEqual([expect.stringMatching(/^导入乙已发放CXO1-/), '导入甲跳过—已持有该段位证书'].sort());

    const cert = ((await get(`/api/certificates?cohortId=${a.cohortId}`).expect(200)).body.items as Array<{ studentId: string }>).find((c) => c.studentId === a.id) as {
      studentId: string;
      serial: string;
    };
    expect(cert).toMatchObject({ studentId: a.id, tierCode: 'cxo-1', status: 'valid' });
    const verify = await p.newPage(DESKTOP);
    await verify.goto(`/verify/${cert.serial}`);
    await expect(verify.locator('.status').textContent()).resolves.toBe('有效');

    await page.goto('/admin/certificates');
    await page.getByRole('button', { name: `撤销证书 ${cert.serial}` }).click();
    await page.getByLabel('撤销原因').fill('测试：信息录入错误，撤销重发');
    await page.locator('.ant-modal').getByRole('button', { name: /^撤\s*销$/ }).click();
    await page.getByTestId('certificates').getByText('已撤销').waitFor();
    await verify.reload();
    await expect(verify.locator('.status').textContent()).resolves.toBe('已撤销');
  }, 120_000);

  it('opens the queue dashboard in a new tab from the menu', async () => {
    await page.goto('/admin');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('menuitem', { name: '任务队列（新标签页）' }).click()]);
    await tab.waitForURL(/\/admin\/queues/);
    await tab.locator('#root').getByText(/grading/).first().waitFor();
    await tab.close();
  });

  it('passes axe and does not scroll sideways at 375 px on the main admin pages', async () => {
    // The signed-in page at phone width (a new context would cost another login).
    const phone = page;
    await phone.setViewportSize({ width: 375, height: 812 });
    const pages: Array<[string, string]> = [
      ['/admin/users', '查找用户'],
      ['/admin/users/import', '从 CSV 导入用户'],
      ['/admin/cohorts', '班级批量报名课程'],
      ['/admin/tiers', '认证段位规则'],
      ['/admin/eligibility', '选择班级'],
      ['/admin/certificates', '筛选'],
      ['/admin/reports', '年度报表'],
      ['/admin/audit', '审计日志（共'],
    ];
    const problems: Record<string, unknown> = {};
    for (const [path, text] of pages) {
      await phone.goto(path);
      await phone.getByText(text).first().waitFor();
      await phone.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      const width = await phone.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      const violations = await axeWhenSettled(phone);
      if (width > 375 || violations.length > 0) problems[path] = { width, violations };
      await screenshot(phone, `admin-375${path.replace(/\//g, '-')}`);
    }
    expect(problems).toEqual({});
  }, 120_000);
});
