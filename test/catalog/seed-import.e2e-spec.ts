import { CurriculumSeeder } from '../../src/seeding/curriculum-seeder.service';
import { startTestApp, TestApp } from '../support/test-app';

interface LessonBody {
  id: string;
  title: string;
  mode: string;
  creditMinutes: number;
}
interface ModuleBody {
  title: string;
  hours: number;
  creditMinutes: number;
  lessons: LessonBody[];
}

describe('seed import (the curriculum of the seed document)', () => {
  let t: TestApp;
  let student: string;
  let trainer: string;

  beforeAll(async () => {
    t = await startTestApp();
    student = await t.login('student1');
    trainer = await t.login('trainer1');
  });
  afterAll(() => t.close());

  const get = (path: string, token = student) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  it('reports the four course systems with their published courses and hours', async () => {
    const res = await get('/api/course-systems').expect(200);
    const byCode = Object.fromEntries(res.body.items.map((s: { code: string }) => [s.code, s]));
    expect(Object.keys(byCode)).toEqual(['practical', 'general', 'training', 'professional']);
    expect(byCode.practical).toMatchObject({ name: '实务技巧课程', requiredHours: 64, courseCount: 1, totalHours: 64 });
    expect(byCode.general).toMatchObject({ name: '通用能力课程', requiredHours: 40, courseCount: 14, totalHours: 40 });
    expect(byCode.training).toMatchObject({ courseCount: 1, totalHours: 33, requiredHoursIsDefault: true });
    expect(byCode.professional).toMatchObject({ courseCount: 24, totalHours: 48, requiredHoursIsDefault: true });
  });

  it('builds the practical course from the 8 modules of 附件一 with exact whole-minute credit', async () => {
    const list = await get('/api/courses?system=practical').expect(200);
    expect(list.body.total).toBe(1);
    const course = await get(`/api/courses/${list.body.items[0].id}`).expect(200);
    expect(course.body).toMatchObject({ title: '客户体验官实务技巧', systemCode: 'practical', hours: 64, status: 'published', version: 1 });
    const modules: ModuleBody[] = course.body.modules;
    expect(modules.map((m) => m.hours)).toEqual([1, 4, 7, 5, 1, 16, 12, 18]);
    for (const m of modules) {
      const sum = m.lessons.reduce((s, l) => s + l.creditMinutes, 0);
      expect(sum).toBe(m.hours * 60);
      for (const l of m.lessons) expect(Number.isInteger(l.creditMinutes)).toBe(true);
    }
    expect(modules.map((m) => m.lessons.length)).toEqual([2, 3, 8, 5, 1, 3, 6, 37]);
    const modes = modules.flatMap((m) => m.lessons.map((l) => l.mode));
    expect(modes.filter((m) => m === 'video')).toHaveLength(59);
    expect(modes.filter((m) => m === 'reading')).toHaveLength(3);
    expect(modes.filter((m) => m === 'exam')).toHaveLength(2);
    expect(modes.filter((m) => m === 'self_study')).toHaveLength(1);
    const titles = modules.flatMap((m) => m.lessons.map((l) => l.title));
    expect(titles).toContain('无理由拒签');
    expect(titles.some((x) => /^\d+\s/.test(x))).toBe(false);
    expect(new Set(modules[7].lessons.map((l) => l.title)).size).toBe(37);
  });

  it('makes the 14 general-ability courses with objectives, content and delivery, adding up to 40 h', async () => {
    const res = await get('/api/courses?system=general&limit=100').expect(200);
    expect(res.body.total).toBe(14);
    const hours = res.body.items.map((c: { hours: number }) => c.hours);
    expect(hours).toEqual([2, 2, 2, 4, 4, 2, 3, 2, 6, 2, 2, 3, 2, 4]);
    for (const c of res.body.items) {
      expect(c.objectives.length).toBeGreaterThan(0);
      expect(c.content.length).toBeGreaterThan(0);
      expect(['offline', 'blended']).toContain(c.delivery);
    }
    expect(res.body.items.filter((c: { delivery: string }) => c.delivery === 'offline')).toHaveLength(2);
  });

  it('lists the 33 distinct training scenarios, each with a Chinese customer message', async () => {
    const res = await get('/api/training/scenarios?limit=100').expect(200);
    expect(res.body.total).toBe(33);
    const titles = res.body.items.map((s: { title: string }) => s.title);
    expect(new Set(titles).size).toBe(33);
    expect(titles).toContain('恶意骚扰');
    for (const s of res.body.items) {
      expect(s.customerMessage).toMatch(/[\u4e00-\u9fff]/);
      expect(s).toMatchObject({ hours: 1, hoursIsDefault: true });
      expect(s).not.toHaveProperty('rubric');
    }
  });

  it('makes the 24 professional courses in 4 directions with their outlines as video lessons', async () => {
    const res = await get('/api/courses?system=professional&limit=100').expect(200);
    expect(res.body.total).toBe(24);
    const directions = new Map<string, number>();
    for (const c of res.body.items) directions.set(c.direction, (directions.get(c.direction) ?? 0) + 1);
    expect(Object.fromEntries(directions)).toEqual({ visual_design: 6, marketing: 6, store_operations: 6, content_marketing: 6 });
    const one = await get('/api/courses?system=professional&direction=visual_design&limit=1').expect(200);
    const course = await get(`/api/courses/${one.body.items[0].id}`).expect(200);
    expect(course.body.title).toBe('日常图片设计');
    expect(course.body.modules[0].lessons.map((l: LessonBody) => [l.title, l.mode])).toEqual([
      ['主图', 'video'],
      ['详情图片', 'video'],
      ['海报图', 'video'],
      ['店招图片', 'video'],
    ]);
  });

  it('changes nothing when run a second time', async () => {
    const counts = () =>
      t.ds.query(`SELECT (SELECT COUNT(*) FROM course) c, (SELECT COUNT(*) FROM lesson) l, (SELECT COUNT(*) FROM course_version) v,
                         (SELECT COUNT(*) FROM app_user) u, (SELECT COUNT(*) FROM enrollment) e, (SELECT COUNT(*) FROM training_scenario) s,
                         (SELECT MAX(updated_at) FROM course) cu, (SELECT MAX(updated_at) FROM lesson) lu,
                         (SELECT COUNT(*) FROM question_bank) b, (SELECT COUNT(*) FROM question_version) qv, (SELECT COUNT(*) FROM exam) x`);
    const before = await counts();
    const report = await t.app.get(CurriculumSeeder).run();
    expect(Object.values(report.created).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('imports the question banks and the exams: the practical exam lessons and the three certification exams', async () => {
    const banks = (await get('/api/question-banks', trainer).expect(200)).body.items;
    expect(banks.map((b: { code: string; questionCount: number }) => [b.code, b.questionCount]).sort()).toEqual([
      ['certification', 44],
      ['practical', 80],
    ]);
    const practical = banks.find((b: { code: string }) => b.code === 'practical');
    const modules = ['客户体验官和企业文化', '客户体验官基本行为', '客户体验官基本业务范围', '客户体验官工具使用技巧', '客户体验官模拟实践', '客户体验官专题技能', '客户体验官疑难场景处理策略'];
    for (const tag of modules) {
      const tagged = await get(`/api/question-banks/${practical.id}/questions?tag=${encodeURIComponent(tag)}&limit=1`, trainer).expect(200);
      expect({ tag, n: tagged.body.total >= 9 }).toEqual({ tag, n: true });
    }
    const order = ['入门测试', '实务技巧阶段考试', '阿里巴巴一段客户体验官认证考试', '阿里巴巴二段客户体验官认证考试', '阿里巴巴三段客户体验官认证考试'];
    const exams = (await get('/api/exams?limit=50', trainer).expect(200)).body.items.sort(
      (a: { title: string }, b: { title: string }) => order.indexOf(a.title) - order.indexOf(b.title),
    );
    const summary = exams.map((e: { title: string; tierCode: string | null; passScore: number; questionCount: number; lessonId: string | null }) => [
      e.title,
      e.tierCode,
      e.passScore,
      e.questionCount,
      e.lessonId !== null,
    ]);
    expect(summary).toEqual([
      ['入门测试', null, 60, 10, true],
      ['实务技巧阶段考试', null, 60, 20, true],
      ['阿里巴巴一段客户体验官认证考试', 'cxo-1', 80, 35, false],
      ['阿里巴巴二段客户体验官认证考试', 'cxo-2', 85, 22, false],
      ['阿里巴巴三段客户体验官认证考试', 'cxo-3', 90, 22, false],
    ]);
    const list = await get('/api/courses?system=practical').expect(200);
    const course = (await get(`/api/courses/${list.body.items[0].id}`).expect(200)).body;
    const lessonIds = [course.modules[1], course.modules[4]].map((m: { lessons: Array<{ id: string; mode: string }> }) => m.lessons.find((l) => l.mode === 'exam')?.id);
    expect(exams.slice(0, 2).map((e: { lessonId: string }) => e.lessonId)).toEqual(lessonIds);
    // Students see the exams they may take: the demo students are enrolled in the practical course.
    const mine = (await get('/api/exams?limit=50').expect(200)).body;
    expect(mine.total).toBe(5);
    expect(mine.items[0]).not.toHaveProperty('draw');
  });

  it('creates the demo accounts and enrols the demo students in every seeded course', async () => {
    const users = await get('/api/users?limit=50', await t.login('admin')).expect(200);
    expect(users.body.items.map((u: { username: string }) => u.username).sort()).toEqual(
      ['admin', 'student1', 'student2', 'student3', 'student4', 'student5', 'trainer1'].sort(),
    );
    const mine = await get('/api/courses?limit=100').expect(200);
    expect(mine.body.total).toBe(40);
    const staff = await get('/api/courses?limit=1', trainer).expect(200);
    expect(staff.body.total).toBe(40);
  });
});

describe('seed import outside demo mode', () => {
  it('creates the curriculum but no account with a known password', async () => {
    const t = await startTestApp({ seeded: false, env: { DEMO_MODE: 'false' } });
    try {
      const report = await t.app.get(CurriculumSeeder).run();
      expect(report.created).toMatchObject({ courses: 40, scenarios: 33, users: 0, enrollments: 0 });
      const [{ n }] = await t.ds.query(`SELECT COUNT(*)::int AS n FROM app_user`);
      expect(n).toBe(0);
      const login = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'demo1234' });
      expect(login.status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
