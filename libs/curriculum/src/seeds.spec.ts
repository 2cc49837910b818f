// Checks the reviewed seed files in seeds/curriculum/ against the source's figures.
import * as fs from 'fs';
import * as path from 'path';
import { distinctRows } from './distinct';
import { splitModuleMinutes } from './split';
import type { GeneralCurriculum, PracticalCurriculum, ProfessionalCurriculum, TrainingCurriculum } from './types';
import {
  compareTrainingWithPractical,
  validateGeneral,
  validatePractical,
  validateProfessional,
  validateTraining,
} from './validate';

const seedDir = path.join(__dirname, '../../../seeds/curriculum');
const raw = (file: string): string => fs.readFileSync(path.join(seedDir, file), 'utf8');
const load = <T>(file: string): T => JSON.parse(raw(file)) as T;

const files = ['practical.json', 'general.json', 'training.json', 'professional.json'];
const practical = load<PracticalCurriculum>('practical.json');
const general = load<GeneralCurriculum>('general.json');
const training = load<TrainingCurriculum>('training.json');
const professional = load<ProfessionalCurriculum>('professional.json');

/** Every string value found under the given keys, anywhere in a JSON value. */
function valuesOf(value: unknown, keys: string[]): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, keys));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(keys.includes(k) && typeof v === 'string' ? [v] : []),
    ...valuesOf(v, keys),
  ]);
}

describe('seed files', () => {
  it.each(files)('%s is UTF-8 JSON with 2-space indentation and a final newline', (file) => {
    const text = raw(file);
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
  });

  it('no title anywhere starts with a digit followed by a space, or keeps 《》 or HTML', () => {
    const titles = files.flatMap((f) => valuesOf(JSON.parse(raw(f)), ['title', 'name', 'systemName']));
    expect(titles.length).toBeGreaterThan(150);
    for (const title of titles) {
      expect(title).not.toMatch(/^\d+\s/);
      expect(title).not.toMatch(/[《》<>]/);
      expect(title).toBe(title.trim());
    }
  });

  it('no list item keeps its source numbering or HTML', () => {
    const items = [
      ...general.courses.flatMap((c) => [...c.objectives, ...c.content]),
      ...professional.directions.flatMap((d) => d.courses.flatMap((c) => c.outline)),
    ];
    for (const item of items) {
      expect(item).not.toMatch(/^\d+\s*[.、．]/);
      expect(item).not.toMatch(/<\/?[a-z]/i);
      expect(item).toBe(item.trim());
      expect(item).not.toMatch(/[；;、，,。]$/);
    }
  });
});

describe('practical.json (附件一)', () => {
  it('has 8 modules with the source hours 1,4,7,5,1,16,12,18 summing to the required 64', () => {
    expect(practical.modules).toHaveLength(8);
    expect(practical.modules.map((m) => m.hours)).toEqual([1, 4, 7, 5, 1, 16, 12, 18]);
    expect(practical.requiredHours).toBe(64);
    expect(practical.modules.reduce((a, m) => a + m.hours, 0)).toBe(practical.requiredHours);
    expect(practical.statedBreakdown).toMatchObject({ preTrainingHours: 48, inTrainingHours: 12 });
  });

  it('validates without errors and reports the 64 vs 48+12 disagreement', () => {
    const { errors, findings } = validatePractical(practical);
    expect(errors).toEqual([]);
    expect(findings).toContain('附件一: stated 64 h vs 48+12=60; module hours sum to 64 (1+4+7+5+1+16+12+18)');
  });

  it('keeps every lesson row and marks the three repeats of module 8', () => {
    expect(practical.modules.map((m) => m.lessons.length)).toEqual([2, 3, 8, 5, 1, 3, 6, 40]);
    expect(practical.modules.map((m) => distinctRows(m.lessons).length)).toEqual([2, 3, 8, 5, 1, 3, 6, 37]);
    const repeats = practical.modules[7].lessons
      .filter((l) => l.duplicateOfRow !== undefined)
      .map((l) => [l.row, l.title, l.duplicateOfRow]);
    expect(repeats).toEqual([
      [21, '如何删除物流签收显示', 20],
      [35, '信息泄露被骗怎么办', 31],
      [38, '服务底线', 32],
    ]);
  });

  it('maps the source modes and cleans "1 无理由拒签"', () => {
    const lessons = practical.modules.flatMap((m) => m.lessons);
    const modeOf = { 视频: 'video', 书面: 'reading', 考试: 'exam', 自学: 'self_study' };
    for (const l of lessons) expect(l.mode).toBe(modeOf[l.sourceMode]);
    expect(practical.modules[4]).toMatchObject({ title: '考试', hours: 1, lessons: [{ title: '考试', mode: 'exam' }] });
    expect(practical.modules[7].lessons[9]).toMatchObject({ row: 10, title: '无理由拒签', sourceTitle: '1 无理由拒签' });
  });

  it('splits each module into lesson credits that add up to the module', () => {
    for (const m of practical.modules) {
      const credits = splitModuleMinutes(m);
      expect(credits.reduce((a, c) => a + c.minutes, 0)).toBe(m.hours * 60);
    }
    expect(splitModuleMinutes(practical.modules[7]).filter((c) => c.minutes === 30)).toHaveLength(7);
  });
});

describe('general.json (附件二)', () => {
  it('has 14 courses whose hours sum to 40', () => {
    expect(general.courses).toHaveLength(14);
    expect(general.courses.map((c) => c.hours)).toEqual([2, 2, 2, 4, 4, 2, 3, 2, 6, 2, 2, 3, 2, 4]);
    expect(general.courses.reduce((a, c) => a + c.hours, 0)).toBe(40);
    expect(general.requiredHours).toBe(40);
  });

  it('validates without errors and reports 16 × 2 = 32 vs 40', () => {
    const { errors, findings } = validateGeneral(general);
    expect(errors).toEqual([]);
    expect(findings[0]).toMatch(/^附件二: stated 16 sessions × 2 h = 32 h vs stated 40 h; course hours sum to 40/);
  });

  it('keeps the delivery of each row', () => {
    expect(general.courses.filter((c) => c.delivery === 'offline').map((c) => c.row)).toEqual([1, 10]);
    for (const c of general.courses) expect(c.delivery).toBe(c.sourceDelivery === '线下授课' ? 'offline' : 'blended');
  });
});

describe('training.json (附件三)', () => {
  it('has 35 rows and 33 distinct titles, repeats at rows 21 and 35', () => {
    expect(training.rows).toHaveLength(35);
    expect(distinctRows(training.rows)).toHaveLength(33);
    expect(new Set(training.rows.map((r) => r.title)).size).toBe(33);
    expect(training.rows.filter((r) => r.duplicateOfRow).map((r) => [r.row, r.duplicateOfRow])).toEqual([
      [21, 20],
      [35, 31],
    ]);
    expect(training).toMatchObject({ defaultHoursPerScenario: 1, hoursIsDefault: true });
  });

  it('validates without errors', () => {
    const { errors, findings } = validateTraining(training);
    expect(errors).toEqual([]);
    expect(findings[0]).toMatch(/^附件三: 35 rows, 33 distinct titles; repeats: /);
  });

  it('is the first 35 rows of practical module 8', () => {
    expect(training.rows.map((r) => r.title)).toEqual(practical.modules[7].lessons.slice(0, 35).map((l) => l.title));
    expect(compareTrainingWithPractical(practical, training)[0]).toContain('附件三 rows 1–35 equal');
  });
});

describe('professional.json (附件四)', () => {
  it('has 4 directions × 6 courses = 24, each with a non-empty outline', () => {
    expect(professional.directions.map((d) => [d.code, d.name])).toEqual([
      ['visual_design', '视觉设计'],
      ['marketing', '营销推广'],
      ['store_operations', '店铺运营'],
      ['content_marketing', '内容营销'],
    ]);
    const courses = professional.directions.flatMap((d) => d.courses);
    expect(professional.directions.map((d) => d.courses.length)).toEqual([6, 6, 6, 6]);
    expect(courses).toHaveLength(24);
    for (const c of courses) {
      expect(c.outline.length).toBeGreaterThan(0);
      expect(c).toMatchObject({ sourceMode: '录播', mode: 'video' });
    }
    expect(professional).toMatchObject({ defaultHoursPerCourse: 2, hoursIsDefault: true });
  });

  it('reassembles the outlines split over a page', () => {
    const byTitle = new Map(professional.directions.flatMap((d) => d.courses.map((c) => [c.title, c.outline] as const)));
    expect(byTitle.get('智钻点击率的提升')).toEqual([
      '钻展的点击率与扣费',
      '高点击率创意图的特点',
      '如何制作高点击率钻展图片',
      '创意图测试方法',
    ]);
    expect(byTitle.get('手淘公域主流渠道介绍-上')).toEqual(['主流大渠道介绍：淘宝头条、有好货、必买清单等']);
    expect(byTitle.get('手淘公域主流渠道介绍-下')).toEqual(['类目渠道介绍：爱逛街、极有家、生活家等']);
    expect(byTitle.get('日常图片设计')).toEqual(['主图', '详情图片', '海报图', '店招图片']);
  });

  it('validates without errors', () => {
    expect(validateProfessional(professional).errors).toEqual([]);
  });
});
