import { startTestApp, TestApp } from '../support/test-app';

describe('user administration', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (p: string) => t.http().get(p).set('Authorization', `Bearer ${token}`),
    post: (p: string) => t.http().post(p).set('Authorization', `Bearer ${token}`),
  });

  it('creates a user with a generated password shown once, and refuses a taken username', async () => {
    const res = await as(admin).post('/api/users').send({ username: 'Wang.Wu', displayName: '王五', role: 'trainer' }).expect(201);
    expect(res.body).toMatchObject({ username: 'wang.wu', role: 'trainer', status: 'active' });
    expect(res.body.initialPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    await t.login('wang.wu', res.body.initialPassword);
    const again = await as(admin).post('/api/users').send({ username: 'wang.wu', displayName: '王五', role: 'trainer' }).expect(409);
    expect(again.body.code).toBe('USERNAME_TAKEN');
  });

  it('creates cohorts and lists users by role and cohort', async () => {
    const cohort = await as(admin).post('/api/cohorts').send({ name: '2022 下半年', year: 2022 }).expect(201);
    expect((await as(admin).post('/api/cohorts').send({ name: '2022 下半年' }).expect(409)).body.code).toBe('COHORT_NAME_TAKEN');
    await as(admin).post('/api/users').send({ username: 'h2.student', displayName: '下半年学员', role: 'student', cohortId: cohort.body.id, password: 'password-123' }).expect(201);
    const list = await as(admin).get(`/api/users?role=student&cohortId=${cohort.body.id}`).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ username: 'h2.student', cohortName: '2022 下半年' }] });
    const trainers = await as(admin).get('/api/users?role=trainer&limit=1').expect(200);
    expect(trainers.body.items).toHaveLength(1);
    expect(trainers.body.total).toBeGreaterThanOrEqual(1);
    const cohorts = await as(admin).get('/api/cohorts').expect(200);
    expect(cohorts.body.items.find((c: { name: string }) => c.name === '2022 上半年').memberCount).toBe(5);
  });

  it('imports a CSV: bad rows are reported by line and reason, good rows are created', async () => {
    const csv = [
      'username,display_name,role,cohort',
      'li.lei,李雷,student,2023 上半年',
      'han.meimei,韩梅梅,学生,2023 上半年',
      'x,太短,student,2023 上半年',
      'bad.role,角色错误,teacher,',
      'li.lei,重复,student,2023 上半年',
      'admin,已存在,admin,',
      ',无用户名,student,',
      'new.trainer,新培训师,trainer,',
      '"quoted,name",引号,student,',
    ].join('\n');
    const res = await as(admin).post('/api/users/import?createCohorts=true').set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(res.body).toMatchObject({ total: 9, created: 3, failed: 6, cohortsCreated: ['2023 上半年'] });
    const byLine = Object.fromEntries(res.body.rows.map((r: { line: number }) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ status: 'created', username: 'li.lei' });
    expect(byLine[3]).toMatchObject({ status: 'created', username: 'han.meimei' });
    expect(byLine[4]).toMatchObject({ status: 'failed', code: 'INVALID_USERNAME' });
    expect(byLine[5]).toMatchObject({ status: 'failed', code: 'INVALID_ROLE' });
    expect(byLine[6]).toMatchObject({ status: 'failed', code: 'DUPLICATE_IN_FILE' });
    expect(byLine[6].reason).toContain('line 2');
    expect(byLine[7]).toMatchObject({ status: 'failed', code: 'USERNAME_TAKEN' });
    expect(byLine[8]).toMatchObject({ status: 'failed', code: 'INVALID_USERNAME' });
    expect(byLine[9]).toMatchObject({ status: 'created', username: 'new.trainer' });
    expect(byLine[10]).toMatchObject({ status: 'failed', code: 'INVALID_USERNAME' });
    await t.login('han.meimei', byLine[3].initialPassword);
    const cohortMembers = await as(admin).get('/api/users?q=li.lei').expect(200);
    expect(cohortMembers.body.items[0]).toMatchObject({ cohortName: '2023 上半年', role: 'student' });
  });

  it('refuses a CSV that cannot be read as a whole, with a code', async () => {
    const post = (body: string, type = 'text/csv') => as(admin).post('/api/users/import').set('Content-Type', type).send(body);
    expect((await post('').expect(400)).body.code).toBe('CSV_EMPTY');
    expect((await post('name,age\n张三,20').expect(400)).body.code).toBe('CSV_MISSING_COLUMNS');
    const unterminated = await post('username,display_name,role\n"oops,名字,student\nok.user,好,student').expect(400);
    expect(unterminated.body.code).toBe('CSV_MALFORMED');
    expect(unterminated.body.message).toMatch(/line/);
    const json = await as(admin).post('/api/users/import').send({ csv: 'x' }).expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('caps the number of rows of one import', async () => {
    const rows = Array.from({ length: 2001 }, (_, i) => `bulk${i},批量${i},student,`);
    const res = await as(admin).post('/api/users/import').set('Content-Type', 'text/csv').send(['username,display_name,role,cohort', ...rows].join('\n')).expect(400);
    expect(res.body.code).toBe('CSV_TOO_MANY_ROWS');
  });

  it('does not let an admin disable themselves', async () => {
    const me = await as(admin).get('/api/me').expect(200);
    expect((await as(admin).post(`/api/users/${me.body.id}/disable`).expect(409)).body.code).toBe('CANNOT_DISABLE_SELF');
  });
});
