import * as fs from 'fs';
import * as path from 'path';
import type { GeneralCurriculum, PracticalCurriculum, ProfessionalCurriculum, TrainingCurriculum } from './types';
import {
  CurriculumValidationError,
  parsePractical,
  parseTraining,
  textProblem,
  validateGeneral,
  validatePractical,
  validateProfessional,
  validateTraining,
} from './validate';

const seedDir = path.join(__dirname, '../../../seeds/curriculum');
// A fresh deep copy for each test, to mutate freely.
const load = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(seedDir, file), 'utf8')) as T;

describe('textProblem', () => {
  it.each([
    ['1 无理由拒签', /number followed by a space/],
    ['2.主图', /numbering/],
    ['3、让学生了解', /numbering/],
    ['<li>1.主图</li>', /HTML/],
    [' 服务底线', /whitespace/],
    ['服务  底线', /whitespace/],
  ])('flags %p', (text, problem) => {
    expect(textProblem(text)).toMatch(problem);
  });

  it('flags 《》 in titles only', () => {
    expect(textProblem('《日常图片设计》', { isTitle: true })).toMatch(/《》/);
    expect(textProblem('《日常图片设计》')).toBeUndefined();
  });

  it.each(['X-space 平台操作培训', '七天无理由退货', 'PC 端店铺首页设计', '2022年'])('accepts %p', (text) => {
    expect(textProblem(text, { isTitle: true })).toBeUndefined();
  });
});

describe('validatePractical', () => {
  it('rejects what is not an object', () => {
    for (const bad of [null, 42, 'x', []]) {
      expect(validatePractical(bad).errors).toEqual(['附件一 $: must be an object']);
    }
  });

  it('reports missing fields', () => {
    const p = load<PracticalCurriculum>('practical.json') as Partial<PracticalCurriculum>;
    delete p.modules;
    delete p.requiredHours;
    const { errors, findings } = validatePractical(p);
    expect(errors).toEqual(expect.arrayContaining(['附件一 $.modules: missing', '附件一 $.requiredHours: missing']));
    expect(findings).toEqual([]);
  });

  it('rejects an unknown mode and a mode that contradicts the source mode', () => {
    const p = load<PracticalCurriculum>('practical.json');
    (p.modules[0].lessons[0] as { mode: string }).mode = 'podcast';
    p.modules[1].lessons[0].mode = 'video'; // sourceMode 书面
    (p.modules[2].lessons[0] as { sourceMode: string }).sourceMode = '直播';
    const { errors } = validatePractical(p);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/modules\[0\]\.lessons\[0\]\.mode: unknown value "podcast"/);
    expect(errors[1]).toMatch(/modules\[1\]\.lessons\[0\]\.mode: video does not match sourceMode 书面 \(reading\)/);
    expect(errors[2]).toMatch(/modules\[2\]\.lessons\[0\]\.sourceMode: unknown value "直播"/);
  });

  it.each([0, -4, Number.NaN, '4', 0.001])('rejects module hours %p', (hours) => {
    const p = load<PracticalCurriculum>('practical.json');
    (p.modules[1] as { hours: unknown }).hours = hours;
    const { errors } = validatePractical(p);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^附件一 \$\.modules\[1\]\.hours: must be positive hours/);
  });

  it('rejects bad duplicateOfRow references', () => {
    const cases: Array<[(p: PracticalCurriculum) => void, RegExp]> = [
      [(p) => (p.modules[7].lessons[20].duplicateOfRow = 25), /does not refer to an earlier row/],
      [(p) => (p.modules[7].lessons[20].duplicateOfRow = 99), /does not refer to an earlier row/],
      [(p) => (p.modules[7].lessons[20].duplicateOfRow = 19), /refers to "淘金币签到", not "如何删除物流签收显示"/],
      [(p) => delete p.modules[7].lessons[20].duplicateOfRow, /repeats row 20 but has no duplicateOfRow/],
      [(p) => (p.modules[0].lessons[1].duplicateOfRow = 1), /refers to "服务小二介绍短片"/],
    ];
    for (const [mutate, message] of cases) {
      const p = load<PracticalCurriculum>('practical.json');
      mutate(p);
      const { errors } = validatePractical(p);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
    }
  });

  it('rejects a duplicateOfRow that is not a positive integer', () => {
    const p = load<PracticalCurriculum>('practical.json');
    (p.modules[7].lessons[20] as { duplicateOfRow: unknown }).duplicateOfRow = 0;
    expect(validatePractical(p).errors).toEqual([
      '附件一 $.modules[7].lessons[20].duplicateOfRow: must be a positive integer, got 0',
      '附件一 $.modules[7].lessons[20]: "如何删除物流签收显示" repeats row 20 but has no duplicateOfRow',
    ]);
  });

  it('requires a mark to point at the first occurrence', () => {
    const p = load<PracticalCurriculum>('practical.json');
    const lessons = p.modules[7].lessons;
    lessons.push({ ...lessons[20], row: lessons.length + 1, duplicateOfRow: 21 });
    expect(validatePractical(p).errors).toEqual([
      '附件一 $.modules[7].lessons[40].duplicateOfRow: 21 is a repeat itself; the first occurrence is row 20',
    ]);
  });

  it('rejects rows out of source order and uncleaned titles', () => {
    const p = load<PracticalCurriculum>('practical.json');
    p.modules[3].lessons[1].row = 5;
    p.modules[7].lessons[9].title = '1 无理由拒签';
    const { errors } = validatePractical(p);
    expect(errors).toEqual([
      '附件一 $.modules[3].lessons[1].row: is 5, expected 2 (source order)',
      '附件一 $.modules[7].lessons[9].title: "1 无理由拒签" starts with a number followed by a space (OCR row-number noise)',
    ]);
  });

  it('computes its findings from the data', () => {
    const p = load<PracticalCurriculum>('practical.json');
    p.modules[7].hours = 14;
    p.requiredHours = 60;
    p.statedBreakdown.preTrainingHours = 46;
    p.statedBreakdown.inTrainingHours = 14;
    p.modules[7].lessons.splice(37, 1); // drop the repeated 服务底线 (row 38)
    p.modules[7].lessons.forEach((l, i) => (l.row = i + 1));
    const { errors, findings } = validatePractical(p);
    expect(errors).toEqual([]);
    expect(findings[0]).toBe('附件一: stated 60 h = 46+14=60; module hours sum to 60 (1+4+7+5+1+16+12+14)');
    expect(findings[1]).toBe('附件一: modules 1–7 make the 46 h pre-training part, the rest the 14 h in-training part');
    expect(findings.join('\n')).toContain('39 rows, 37 distinct titles; repeats: row 21 "如何删除物流签收显示" (= row 20), row 35 "信息泄露被骗怎么办" (= row 31)');
    expect(findings.join('\n')).toContain('module 8: 840 min / 37 → 26 × 23 min, 11 × 22 min');
  });

  it('parsePractical throws with every error', () => {
    const p = load<PracticalCurriculum>('practical.json');
    p.modules[0].hours = 0;
    expect(() => parsePractical(p)).toThrow(CurriculumValidationError);
    expect(parsePractical(load('practical.json')).curriculum.modules).toHaveLength(8);
  });
});

describe('validateGeneral', () => {
  it('rejects an unknown delivery, empty lists and numbered items', () => {
    const g = load<GeneralCurriculum>('general.json');
    (g.courses[0] as { delivery: string }).delivery = 'online';
    g.courses[1].objectives = [];
    g.courses[2].content[0] = '1、客户体验基本流程';
    g.courses[3].delivery = 'offline'; // sourceDelivery 线上+线下
    expect(validateGeneral(g).errors).toEqual([
      '附件二 $.courses[0].delivery: unknown value "online" (expected one of offline, blended)',
      '附件二 $.courses[1].objectives: must be a non-empty array of strings',
      '附件二 $.courses[2].content[0]: "1、客户体验基本流程" keeps its source numbering',
      '附件二 $.courses[3].delivery: offline does not match sourceDelivery 线上+线下 (blended)',
    ]);
  });

  it('computes its findings from the data', () => {
    const g = load<GeneralCurriculum>('general.json');
    g.statedSessions = 20;
    g.courses[6].hours = 2;
    g.courses[11].hours = 4;
    const { findings } = validateGeneral(g);
    expect(findings[0]).toBe(
      '附件二: stated 20 sessions × 2 h = 40 h = stated 40 h; course hours sum to 40 (2+2+2+4+4+2+2+2+6+2+2+4+2+4)',
    );
    expect(findings[1]).toBe('附件二: at 2 h a session the 14 courses need 20 sessions (20 if sessions could be shared), as 20 stated');
    expect(findings.join('\n')).not.toContain('not a whole number');
  });
});

describe('validateTraining', () => {
  it('rejects an unknown source mode and a non-boolean hoursIsDefault', () => {
    const t = load<TrainingCurriculum>('training.json');
    (t.rows[0] as { sourceMode: string }).sourceMode = '线上';
    (t as { hoursIsDefault: unknown }).hoursIsDefault = 'yes';
    expect(validateTraining(t).errors).toEqual([
      '附件三 $.hoursIsDefault: must be true or false',
      '附件三 $.rows[0].sourceMode: unknown value "线上" (expected one of 业务场景实训)',
    ]);
  });

  it('computes its findings from the data', () => {
    const t = load<TrainingCurriculum>('training.json');
    t.rows = t.rows.slice(0, 30);
    t.defaultHoursPerScenario = 0.5;
    const { findings } = parseTraining(t);
    expect(findings[0]).toBe('附件三: 30 rows, 29 distinct titles; repeats: row 21 "如何删除物流签收显示" (= row 20)');
    expect(findings[1]).toBe(
      '附件三: hours not stated by the source; seed default 0.5 h per scenario (14.5 h for 29 distinct scenarios), editable',
    );
  });
});

describe('validateProfessional', () => {
  it('rejects unknown directions, mismatched names, empty outlines and HTML', () => {
    const p = load<ProfessionalCurriculum>('professional.json');
    (p.directions[0] as { code: string }).code = 'design';
    p.directions[1].name = '营销';
    p.directions[2].courses[0].outline = [];
    p.directions[3].courses[0].outline[0] = '<li>1.创作微淘</li>';
    p.directions[3].courses[1].title = '《手淘公域主流渠道介绍-上》';
    expect(validateProfessional(p).errors).toEqual([
      '附件四 $.directions[0].code: unknown value "design" (expected one of visual_design, marketing, store_operations, content_marketing)',
      '附件四 $.directions[1].name: "营销" does not match marketing (营销推广)',
      '附件四 $.directions[2].courses[0].outline: must be a non-empty array of strings',
      '附件四 $.directions[3].courses[0].outline[0]: "<li>1.创作微淘</li>" contains HTML markup',
      '附件四 $.directions[3].courses[1].title: "《手淘公域主流渠道介绍-上》" keeps the 《》 brackets',
    ]);
  });

  it('computes its findings from the data', () => {
    const p = load<ProfessionalCurriculum>('professional.json');
    p.directions[3].courses.pop();
    p.defaultHoursPerCourse = 3;
    p.directions[0].courses[3].outline.pop(); // drop the shared 无线首页制作模块
    const { errors, findings } = validateProfessional(p);
    expect(errors).toEqual([]);
    expect(findings[0]).toMatch(/^附件四: 4 directions, courses per direction 6, 6, 6, 5 = 23 courses/);
    expect(findings[1]).toBe('附件四: hours not stated by the source; seed default 3 h per course (69 h in all), editable');
    expect(findings.join('\n')).not.toContain('无线首页制作模块');
  });
});
