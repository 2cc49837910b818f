import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Demo2022Generator } from '../../src/seeding/demo-2022';
import { BadInputCase, expectRefused } from '../support/bad-input';
import { auth } from '../support/exam-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface TierLine {
  tierCode: string;
  issued: number;
  highestHolders: number;
}
interface ForecastLine {
  tierCode: string;
  eligibleNow: number;
  oneRuleAway: number;
  predicted: number;
}

/** The 2022 demo year recreated through the services, and the reports that read it back. */
describe('reports', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let student: string;
  let annual: Record<string, any>;
  let firstHalfId: string;
  let secondHalfId: string;

  const get = (path: string, token?: string) => (token ? t.http().get(path).set(auth(token)) : t.http().get(path));
  const withoutClock = (body: Record<string, unknown>) => JSON.parse(JSON.stringify(body, (k, v) => (k === 'generatedAt' ? undefined : v)));

  beforeAll(async () => {
    t = await startTestApp({ env: { SELF_PACED_MIN_SECONDS: '0' } });
    admin = await t.login('admin');
    trainer = await t.login('trainer1');
    student = await t.login('student1');
    const started = Date.now();
    const report = await new Demo2022Generator(t.app).run();
    // Fast enough to run in a test: about a minute and a half on a quiet machine; the bound leaves room for a shared one.
    expect(Date.now() - started).toBeLessThan(300_000);
    expect(report).toMatchObject({ accounts: 216, certificates: 96, attempts: 157 });
    annual = (await get('/api/reports/annual?year=2022', admin).expect(200)).body;
    const cohorts = annual.cohorts as Array<{ id: string; name: string }>;
    firstHalfId = cohorts.find((c) => c.name === '2022 上半年')!.id;
    secondHalfId = cohorts.find((c) => c.name === '2022 下半年')!.id;
  }, 480_000);
  afterAll(() => t.close());

  it('reproduces the seed’s certification figures for 2022: 一段 94, 二段 1, pass rate 95 ÷ 116 ≈ 82 %', () => {
    const byTier = annual.certification.byTier as TierLine[];
    expect(byTier.map((x) => [x.tierCode, x.highestHolders])).toEqual([
      ['cxo-1', 94],
      ['cxo-2', 1],
      ['cxo-3', 0],
    ]);
    expect(byTier.map((x) => [x.tierCode, x.issued])).toEqual([
      ['cxo-1', 95],
      ['cxo-2', 1],
      ['cxo-3', 0],
    ]);
    expect(annual.certification).toMatchObject({ sat: 116, certified: 95, passRatePercent: 82 });
    expect(annual.certification.passRate).toBeCloseTo(95 / 116, 3);
    expect(annual.summary[0]).toBe('2022 年度，已获得企业培训认证为“阿里巴巴一段客户体验官”94 人，“阿里巴巴二段客户体验官”1 人，认证通过比例 82%。');
  });

  it('forecasts the cohort still in training: 68 一段, 22 二段, 1 三段', () => {
    expect(annual.cohorts.map((c: { name: string; stage: string }) => [c.name, c.stage])).toEqual([
      ['2022 上半年', 'completed'],
      ['2022 下半年', 'in_training'],
    ]);
    expect(annual.forecast).toHaveLength(1);
    const tiers = annual.forecast[0].tiers as ForecastLine[];
    expect(tiers.map((x) => [x.tierCode, x.eligibleNow, x.oneRuleAway, x.predicted])).toEqual([
      ['cxo-1', 40, 28, 68],
      ['cxo-2', 0, 22, 22],
      ['cxo-3', 0, 1, 1],
    ]);
    expect(annual.summary[1]).toContain('预计通过“阿里巴巴一段客户体验官”68 人，预计通过“阿里巴巴二段客户体验官”22 人，预计通过“阿里巴巴三段客户体验官”1 人');
  });

  it('computes the rest of the year from the records: students, trainers, hours, lessons, exams, drills, attendance', () => {
    expect(annual.students).toBe(5 + 116 + 100);
    expect(annual.trainers).toBeGreaterThanOrEqual(1);
    const hours = Object.fromEntries(annual.hours.map((h: { system: string; minutes: number }) => [h.system, h.minutes]));
    expect(hours.practical).toBe((116 + 68) * 64 * 60 + 32 * 30 * 60);
    expect(hours.general).toBeGreaterThan(0);
    expect(hours.training).toBeGreaterThan(0);
    expect(annual.lessons.completed).toBe(216 * 4);
    const cxo1 = annual.exams.find((e: { tierCode: string | null }) => e.tierCode === 'cxo-1');
    expect(cxo1).toMatchObject({ attempts: 156, graded: 156, passed: 135, students: 156, studentsPassed: 135 });
    expect(annual.drills).toEqual({ distinctPassed: 30 + 22 * 30 + 18 * 5, studentsWithPass: 1 + 22 + 18 });
    expect(annual.attendance.rate).toBeGreaterThan(0);
    expect(annual.attendance.rate).toBeLessThan(1);
    const first = annual.byCohort.find((c: { id: string }) => c.id === firstHalfId).figures;
    expect(first.certification).toMatchObject({ sat: 116, certified: 95 });
  });

  it('changes nothing when the generator runs again', async () => {
    const again = await new Demo2022Generator(t.app).run();
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    const after = (await get('/api/reports/annual?year=2022', admin).expect(200)).body;
    expect(withoutClock(after)).toEqual(withoutClock(annual));
  }, 240_000);

  it('refuses to run the generator with NODE_ENV=production', () => {
    const cli = join(__dirname, '../../dist/src/cli/seed-demo-2022.js');
    expect(existsSync(cli)).toBe(true);
    const run = spawnSync(process.execPath, [cli], { env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refuses to run with NODE_ENV=production');
  });

  it('reports one cohort with ?cohortId, and the year of the cohort', async () => {
    const res = await get(`/api/reports/overview?cohortId=${secondHalfId}`, admin).expect(200);
    expect(res.body).toMatchObject({ year: 2022, cohortId: secondHalfId, students: 100 });
    expect(res.body.forecast[0].tiers.map((x: ForecastLine) => x.predicted)).toEqual([68, 22, 1]);
    const year = await get('/api/reports/overview?year=2022', admin).expect(200);
    expect(year.body.certification).toMatchObject({ sat: 116, certified: 95 });
    const empty = await get('/api/reports/overview?year=2019', admin).expect(200);
    expect(empty.body).toMatchObject({ students: 0, cohorts: [], forecast: [], certification: { sat: 0, passRate: null } });
  });

  it('is for admins only', async () => {
    for (const path of ['/api/reports/overview?year=2022', '/api/reports/annual?year=2022', '/api/reports/annual?year=2022&format=csv']) {
      expect((await get(path).expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect((await get(path, trainer).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await get(path, student).expect(403)).body.code).toBe('FORBIDDEN');
    }
  });

  const A = () => admin;
  const badInput: BadInputCase[] = [
    ['overview: year before 2000', 'get', () => '/api/reports/overview?year=1999', undefined, A, 400, 'VALIDATION_FAILED'],
    ['overview: year after 2100', 'get', () => '/api/reports/overview?year=2101', undefined, A, 400, 'VALIDATION_FAILED'],
    ['overview: year not a number', 'get', () => '/api/reports/overview?year=abc', undefined, A, 400, 'VALIDATION_FAILED'],
    ['overview: year not whole', 'get', () => '/api/reports/overview?year=2022.5', undefined, A, 400, 'VALIDATION_FAILED'],
    ['overview: cohortId not a uuid', 'get', () => '/api/reports/overview?cohortId=abc', undefined, A, 400, 'VALIDATION_FAILED'],
    ['overview: unknown cohort', 'get', () => '/api/reports/overview?cohortId=00000000-0000-4000-8000-000000000000', undefined, A, 404, 'REPORT_COHORT_NOT_FOUND'],
    ['overview: cohort of another year', 'get', () => `/api/reports/overview?year=2021&cohortId=${firstHalfId}`, undefined, A, 400, 'REPORT_COHORT_NOT_IN_YEAR'],
    ['overview: unknown format', 'get', () => '/api/reports/overview?format=xlsx', undefined, A, 400, 'VALIDATION_FAILED'],
    ['overview: unknown parameter', 'get', () => '/api/reports/overview?yaer=2022', undefined, A, 400, 'VALIDATION_FAILED'],
    ['annual: year out of range', 'get', () => '/api/reports/annual?year=20222', undefined, A, 400, 'VALIDATION_FAILED'],
    ['annual: unknown format', 'get', () => '/api/reports/annual?year=2022&format=pdf', undefined, A, 400, 'VALIDATION_FAILED'],
    ['annual: cohortId is not a parameter', 'get', () => `/api/reports/annual?year=2022&cohortId=${firstHalfId}`, undefined, A, 400, 'VALIDATION_FAILED'],
  ];
  it.each(badInput)('refuses bad input: %s', async (...c) => expectRefused(t, c));

  it('answers CSV with a BOM, Chinese headers, and neutralised cells', async () => {
    const csv = await get('/api/reports/annual?year=2022&format=csv', admin).expect(200).expect('Content-Type', /text\/csv/);
    expect(csv.headers['content-disposition']).toContain('annual-2022.csv');
    expect(csv.text.startsWith('\uFEFF范围,类别,指标,数值\r\n')).toBe(true);
    expect(csv.text).toContain('2022 年,认证,认证通过比例,81.9%');
    expect(csv.text).toContain('2022 年,认证,阿里巴巴一段客户体验官：最高认证人数,94');
    expect(csv.text).toContain('2022 年／2022 下半年,认证预测,阿里巴巴二段客户体验官：预计通过,22');

    const cohort = await t.http().post('/api/cohorts').set(auth(admin)).send({ name: '=HYPERLINK("http://evil.example","点我")', year: 2023 }).expect(201);
    await t.http().post('/api/users').set(auth(admin)).send({ username: 'csv2023', displayName: '@SUM(1+1)', role: 'student', cohortId: cohort.body.id, password: 'demo1234' }).expect(201);
    const overview = await get(`/api/reports/overview?cohortId=${cohort.body.id}&format=csv`, admin).expect(200);
    expect(overview.text.startsWith('\uFEFF范围,类别,指标,数值\r\n')).toBe(true);
    expect(overview.text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")",学员,学员人数,1`);
    expect(overview.text.split('\r\n').some((line) => /^[=+\-@]/.test(line))).toBe(false);
  });
});
