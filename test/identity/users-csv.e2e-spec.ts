import { parse } from 'csv-parse/sync';
import { startTestApp, TestApp } from '../support/test-app';

describe('user CSV: no silently created cohorts, no formulas in what the system writes', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const importCsv = (csv: string, query = '') => t.http().post(`/api/users/import${query}`).set(bearer(admin)).set('Content-Type', 'text/csv').send(csv);
  const cohortNames = async () => ((await t.http().get('/api/cohorts').set(bearer(admin)).expect(200)).body.items as Array<{ name: string }>).map((c) => c.name);

  it('fails a row naming an unknown cohort (UNKNOWN_COHORT) and creates no cohort; known cohorts import', async () => {
    const csv = ['username,display_name,role,cohort,password', 'csv.known,已有队列,student,2022 上半年,csv-pass-01', 'csv.typo,拼错队列,student,2022 上伴年,csv-pass-01', 'csv.none,无队列,student,,csv-pass-01'].join('\n');
    const res = await importCsv(csv).expect(200);
    expect(res.body).toMatchObject({ total: 3, created: 2, failed: 1, cohortsCreated: [] });
    const typo = res.body.rows.find((r: { line: number }) => r.line === 3);
    expect(typo).toMatchObject({ status: 'failed', username: 'csv.typo', code: 'UNKNOWN_COHORT' });
    expect(typo.reason).toContain('2022 上伴年');
    expect(await cohortNames()).not.toContain('2022 上伴年');
    const listed = await t.http().get('/api/users?q=csv.known').set(bearer(admin)).expect(200);
    expect(listed.body.items[0].cohortName).toBe('2022 上半年');
    expect((await t.http().get('/api/users?q=csv.typo').set(bearer(admin)).expect(200)).body.total).toBe(0);
  });

  it('creates missing cohorts only when the import asks (?createCohorts=true)', async () => {
    const csv = ['username,display_name,role,cohort,password', 'csv.new1,新队列一,student,2026 新队列,csv-pass-01', 'csv.new2,新队列二,student,2026 新队列,csv-pass-01'].join('\n');
    const res = await importCsv(csv, '?createCohorts=true').expect(200);
    expect(res.body).toMatchObject({ created: 2, failed: 0, cohortsCreated: ['2026 新队列'] });
    expect(await cohortNames()).toContain('2026 新队列');
    expect((await importCsv(csv, '?createCohorts=maybe').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('exports users as CSV for admins, with cells that would run as formulas neutralised', async () => {
    const evil = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-2+3', '@SUM(A1:A9)'];
    for (const [i, displayName] of evil.entries()) {
      await t.http().post('/api/users').set(bearer(admin)).send({ username: `csv.evil${i}`, displayName, role: 'student', password: 'csv-pass-01' }).expect(201);
    }
    const res = await t.http().get('/api/users?format=csv&q=csv.evil').set(bearer(admin)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('users.csv');
    const rows: string[][] = parse(res.text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['username', 'display_name', 'role', 'status', 'cohort', 'created_at']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(evil.map((name) => `'${name}`));
    for (const cell of rows.slice(1).flat()) expect(cell).not.toMatch(/^[=+\-@]/);

    // The whole list, not a page of it.
    const all = await t.http().get('/api/users?format=csv&limit=1').set(bearer(admin)).expect(200);
    const total = (await t.http().get('/api/users').set(bearer(admin)).expect(200)).body.total;
    expect(parse(all.text.replace(/^\uFEFF/, ''))).toHaveLength(total + 1);
    await t.http().get('/api/users?format=csv').set(bearer(await t.login('trainer1'))).expect(403);
    expect((await t.http().get('/api/users?format=xlsx').set(bearer(admin)).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
