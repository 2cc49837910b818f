import { distinctRows } from './distinct';
import { hoursToMinutes, splitMinutes } from './split';
import {
  GENERAL_DELIVERIES,
  PRACTICAL_MODES,
  PROFESSIONAL_DIRECTIONS,
  PROFESSIONAL_MODES,
  TRAINING_MODES,
  type GeneralCurriculum,
  type PracticalCurriculum,
  type ProfessionalCurriculum,
  type RepeatableRow,
  type TrainingCurriculum,
  type ValidationResult,
} from './types';

// Structural checks stop the import (errors). Findings describe the source and are computed
// from the data; they are only computed once the structure is valid.

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const quote = (s: string): string => `"${s}"`;

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Why a cleaned text still looks like OCR noise, or undefined when it looks clean. */
export function textProblem(text: string, options: { isTitle?: boolean } = {}): string | undefined {
  if (text.trim() === '') return 'is empty';
  if (text !== text.trim()) return 'has leading or trailing whitespace';
  if (/\s{2,}/.test(text)) return 'contains repeated whitespace';
  if (/^\d+\s/.test(text)) return 'starts with a number followed by a space (OCR row-number noise)';
  if (/^\d+\s*[.、．)）]/.test(text)) return 'keeps its source numbering';
  if (/<\/?[a-z][^>]*>/i.test(text)) return 'contains HTML markup';
  if (options.isTitle && /[《》]/.test(text)) return 'keeps the 《》 brackets';
  return undefined;
}

class Checker {
  readonly errors: string[] = [];

  constructor(private readonly label: string) {}

  error(path: string, message: string): void {
    this.errors.push(`${this.label} ${path}: ${message}`);
  }

  object(value: unknown, path: string): Obj | undefined {
    if (isObj(value)) return value;
    this.error(path, 'must be an object');
    return undefined;
  }

  literal<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[]): T | undefined {
    const v = o[key];
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    const shown = v === undefined ? 'missing' : `unknown value ${JSON.stringify(v)}`;
    this.error(`${path}.${key}`, `${shown} (expected one of ${allowed.join(', ')})`);
    return undefined;
  }

  text(o: Obj, key: string, path: string, options: { isTitle?: boolean; optional?: boolean } = {}): string | undefined {
    const v = o[key];
    if (v === undefined && options.optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      this.error(`${path}.${key}`, v === undefined ? 'missing' : 'must be a non-empty string');
      return undefined;
    }
    const problem = options.isTitle ? textProblem(v, options) : undefined;
    if (problem) this.error(`${path}.${key}`, `${quote(v)} ${problem}`);
    return v;
  }

  textList(o: Obj, key: string, path: string): string[] | undefined {
    const v = o[key];
    if (!Array.isArray(v) || v.length === 0) {
      this.error(`${path}.${key}`, v === undefined ? 'missing' : 'must be a non-empty array of strings');
      return undefined;
    }
    let ok = true;
    v.forEach((item, i) => {
      if (typeof item !== 'string') {
        this.error(`${path}.${key}[${i}]`, 'must be a string');
        ok = false;
        return;
      }
      const problem = textProblem(item);
      if (problem) {
        this.error(`${path}.${key}[${i}]`, `${quote(item)} ${problem}`);
        ok = false;
      }
    });
    return ok ? (v as string[]) : undefined;
  }

  boolean(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (typeof v === 'boolean') return v;
    this.error(`${path}.${key}`, v === undefined ? 'missing' : 'must be true or false');
    return undefined;
  }

  positiveInteger(o: Obj, key: string, path: string, options: { optional?: boolean } = {}): number | undefined {
    const v = o[key];
    if (v === undefined && options.optional) return undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
    this.error(`${path}.${key}`, v === undefined ? 'missing' : `must be a positive integer, got ${JSON.stringify(v)}`);
    return undefined;
  }

  /** Positive hours that are a whole number of minutes. */
  hours(o: Obj, key: string, path: string, options: { allowZero?: boolean } = {}): number | undefined {
    const v = o[key];
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (options.allowZero ? v >= 0 : v > 0) &&
      Number.isInteger(Math.round(v * 60 * 1e6) / 1e6);
    if (ok) return v;
    const kind = options.allowZero ? 'non-negative' : 'positive';
    this.error(
      `${path}.${key}`,
      v === undefined ? 'missing' : `must be ${kind} hours in whole minutes, got ${JSON.stringify(v)}`,
    );
    return undefined;
  }

  array(o: Obj, key: string, path: string): unknown[] | undefined {
    const v = o[key];
    if (Array.isArray(v) && v.length > 0) return v;
    this.error(`${path}.${key}`, v === undefined ? 'missing' : 'must be a non-empty array');
    return undefined;
  }

  /** `row` must be the 1-based position in the list. */
  row(o: Obj, index: number, path: string): number | undefined {
    const row = this.positiveInteger(o, 'row', path);
    if (row !== undefined && row !== index + 1) this.error(`${path}.row`, `is ${row}, expected ${index + 1} (source order)`);
    return row;
  }

  /** The optional `sourceTitle` and `duplicateOfRow` of a repeatable row. */
  repeatable(o: Obj, path: string): { sourceTitle?: string; duplicateOfRow?: number } {
    const result: { sourceTitle?: string; duplicateOfRow?: number } = {};
    const sourceTitle = this.text(o, 'sourceTitle', path, { optional: true });
    if (sourceTitle !== undefined) result.sourceTitle = sourceTitle;
    const dup = this.positiveInteger(o, 'duplicateOfRow', path, { optional: true });
    if (dup !== undefined) result.duplicateOfRow = dup;
    return result;
  }

  /**
   * Checks the `duplicateOfRow` marks of a list (rows must already be numbered 1..n): a mark
   * must point at the first, earlier row with the same title, and every repeated title must
   * be marked.
   */
  repeats(rows: Array<Partial<RepeatableRow>>, path: string): void {
    const firstRowOfTitle = new Map<string, number>();
    rows.forEach((r, i) => {
      const here = `${path}[${i}]`;
      if (r.title === undefined || r.row === undefined) return;
      const first = firstRowOfTitle.get(r.title);
      if (r.duplicateOfRow !== undefined) {
        const target = rows.find((x) => x.row === r.duplicateOfRow);
        if (!target || r.duplicateOfRow >= r.row) {
          this.error(`${here}.duplicateOfRow`, `${r.duplicateOfRow} does not refer to an earlier row`);
        } else if (target.title !== r.title) {
          this.error(
            `${here}.duplicateOfRow`,
            `${r.duplicateOfRow} refers to ${quote(String(target.title))}, not ${quote(r.title)}`,
          );
        } else if (first !== undefined && first !== r.duplicateOfRow) {
          this.error(`${here}.duplicateOfRow`, `${r.duplicateOfRow} is a repeat itself; the first occurrence is row ${first}`);
        }
      } else if (first !== undefined) {
        this.error(here, `${quote(r.title)} repeats row ${first} but has no duplicateOfRow`);
      }
      if (first === undefined) firstRowOfTitle.set(r.title, r.row);
    });
  }
}

function result(checker: Checker, findings: () => string[]): ValidationResult {
  return { errors: checker.errors, findings: checker.errors.length === 0 ? findings() : [] };
}

function repeatsText(rows: RepeatableRow[]): string {
  const repeats = rows.filter((r) => r.duplicateOfRow !== undefined);
  const distinct = distinctRows(rows).length;
  const list = repeats.map((r) => `row ${r.row} ${quote(r.title)} (= row ${r.duplicateOfRow})`).join(', ');
  return `${rows.length} rows, ${distinct} distinct titles; ${repeats.length ? `repeats: ${list}` : 'no repeats'}`;
}

function cleanedTitles(label: string, where: string, rows: RepeatableRow[]): string[] {
  return rows
    .filter((r) => r.sourceTitle !== undefined && r.sourceTitle !== r.title)
    .map((r) => `${label} ${where}row ${r.row}: title cleaned from ${quote(String(r.sourceTitle))} to ${quote(r.title)}`);
}

/** "7 × 30 min, 30 × 29 min" */
function sharesText(shares: number[]): string {
  const counts = new Map<number, number>();
  for (const s of shares) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([minutes, n]) => `${n} × ${minutes} min`).join(', ');
}

// ---------------------------------------------------------------- 附件一

export function validatePractical(data: unknown): ValidationResult {
  const label = '附件一';
  const c = new Checker(label);
  const root = c.object(data, '$');
  if (!root) return result(c, () => []);
  c.literal(root, 'appendix', '$', ['附件一'] as const);
  c.literal(root, 'systemCode', '$', ['practical'] as const);
  c.text(root, 'systemName', '$');
  c.hours(root, 'requiredHours', '$');
  const breakdown = c.object(root.statedBreakdown, '$.statedBreakdown');
  if (breakdown) {
    c.hours(breakdown, 'preTrainingHours', '$.statedBreakdown', { allowZero: true });
    c.hours(breakdown, 'inTrainingHours', '$.statedBreakdown', { allowZero: true });
    c.text(breakdown, 'sourceText', '$.statedBreakdown', { optional: true });
    c.text(breakdown, 'note', '$.statedBreakdown');
  }
  const course = c.object(root.course, '$.course');
  if (course) {
    c.text(course, 'title', '$.course', { isTitle: true });
    c.text(course, 'description', '$.course');
  }
  const modules = c.array(root, 'modules', '$') ?? [];
  modules.forEach((m, mi) => {
    const mp = `$.modules[${mi}]`;
    const mod = c.object(m, mp);
    if (!mod) return;
    c.row(mod, mi, mp);
    c.text(mod, 'title', mp, { isTitle: true });
    c.hours(mod, 'hours', mp);
    const lessons = c.array(mod, 'lessons', mp) ?? [];
    const rows: Array<Partial<RepeatableRow>> = lessons.map((l, li) => {
      const lp = `${mp}.lessons[${li}]`;
      const lesson = c.object(l, lp);
      if (!lesson) return {};
      const row = c.row(lesson, li, lp);
      const title = c.text(lesson, 'title', lp, { isTitle: true });
      const mode = c.literal(lesson, 'mode', lp, Object.values(PRACTICAL_MODES));
      const sourceMode = c.literal(lesson, 'sourceMode', lp, Object.keys(PRACTICAL_MODES) as Array<keyof typeof PRACTICAL_MODES>);
      if (mode && sourceMode && PRACTICAL_MODES[sourceMode] !== mode) {
        c.error(`${lp}.mode`, `${mode} does not match sourceMode ${sourceMode} (${PRACTICAL_MODES[sourceMode]})`);
      }
      return { row, title, ...c.repeatable(lesson, lp) };
    });
    c.repeats(rows, `${mp}.lessons`);
  });
  return result(c, () => practicalFindings(data as PracticalCurriculum));
}

function practicalFindings(p: PracticalCurriculum): string[] {
  const label = '附件一';
  const findings: string[] = [];
  const moduleHours = p.modules.map((m) => m.hours);
  const moduleSum = sum(moduleHours);
  const { preTrainingHours: pre, inTrainingHours: inTraining } = p.statedBreakdown;
  const stated = pre + inTraining === p.requiredHours ? '=' : 'vs';
  findings.push(
    `${label}: stated ${p.requiredHours} h ${stated} ${pre}+${inTraining}=${pre + inTraining}; ` +
      `module hours sum to ${moduleSum} (${moduleHours.join('+')})` +
      (moduleSum === p.requiredHours ? '' : `, not the stated ${p.requiredHours} h`),
  );

  // Does a module boundary divide the modules into the stated pre-/in-training hours?
  const cumulative = moduleHours.map((_, i) => sum(moduleHours.slice(0, i + 1)));
  const boundary = cumulative.findIndex((h) => h === pre);
  if (boundary >= 0 && moduleSum - pre === inTraining) {
    findings.push(`${label}: modules 1–${boundary + 1} make the ${pre} h pre-training part, the rest the ${inTraining} h in-training part`);
  } else {
    findings.push(
      `${label}: no module boundary divides the modules into ${pre} h pre-training + ${inTraining} h in-training ` +
        `(cumulative module hours: ${cumulative.join(', ')})`,
    );
  }

  const allLessons = p.modules.flatMap((m) => m.lessons);
  const distinctLessons = p.modules.flatMap((m) => distinctRows(m.lessons));
  const modeCounts = Object.values(PRACTICAL_MODES)
    .map((mode) => `${mode} ${distinctLessons.filter((l) => l.mode === mode).length}`)
    .join(', ');
  findings.push(
    `${label}: ${p.modules.length} modules, ${allLessons.length} lesson rows, ${distinctLessons.length} distinct lessons (${modeCounts})`,
  );

  for (const m of p.modules) {
    const where = `module ${m.row} ${quote(m.title)}`;
    if (m.lessons.some((l) => l.duplicateOfRow !== undefined)) findings.push(`${label} ${where}: ${repeatsText(m.lessons)}`);
    if (m.lessons.every((l) => l.mode === 'exam')) {
      findings.push(`${label} ${where}: a ${m.hours} h exam module (${m.lessons.length} exam lesson${m.lessons.length > 1 ? 's' : ''} only)`);
    }
    findings.push(...cleanedTitles(label, `module ${m.row} `, m.lessons));
  }

  const splits = p.modules.map((m) => {
    const lessons = distinctRows(m.lessons);
    const minutes = hoursToMinutes(m.hours);
    return `module ${m.row}: ${minutes} min / ${lessons.length} → ${sharesText(splitMinutes(minutes, lessons.length))}`;
  });
  findings.push(`${label}: lesson credit (module hours split evenly over distinct lessons): ${splits.join('; ')}`);
  return findings;
}

// ---------------------------------------------------------------- 附件二

export function validateGeneral(data: unknown): ValidationResult {
  const c = new Checker('附件二');
  const root = c.object(data, '$');
  if (!root) return result(c, () => []);
  c.literal(root, 'appendix', '$', ['附件二'] as const);
  c.literal(root, 'systemCode', '$', ['general'] as const);
  c.text(root, 'systemName', '$');
  c.hours(root, 'requiredHours', '$');
  c.positiveInteger(root, 'statedSessions', '$');
  c.hours(root, 'statedHoursPerSession', '$');
  c.positiveInteger(root, 'statedSessionsPerMonth', '$', { optional: true });
  c.text(root, 'sourceTitle', '$', { optional: true });
  c.text(root, 'sourceText', '$', { optional: true });
  const courses = c.array(root, 'courses', '$') ?? [];
  const titles = new Map<string, number>();
  courses.forEach((x, i) => {
    const p = `$.courses[${i}]`;
    const course = c.object(x, p);
    if (!course) return;
    const row = c.row(course, i, p);
    const title = c.text(course, 'title', p, { isTitle: true });
    if (title !== undefined && row !== undefined) {
      const first = titles.get(title);
      if (first !== undefined) c.error(`${p}.title`, `${quote(title)} repeats row ${first}; each row becomes a course`);
      else titles.set(title, row);
    }
    c.textList(course, 'objectives', p);
    c.textList(course, 'content', p);
    const delivery = c.literal(course, 'delivery', p, Object.values(GENERAL_DELIVERIES));
    const source = c.literal(course, 'sourceDelivery', p, Object.keys(GENERAL_DELIVERIES) as Array<keyof typeof GENERAL_DELIVERIES>);
    if (delivery && source && GENERAL_DELIVERIES[source] !== delivery) {
      c.error(`${p}.delivery`, `${delivery} does not match sourceDelivery ${source} (${GENERAL_DELIVERIES[source]})`);
    }
    c.hours(course, 'hours', p);
  });
  return result(c, () => generalFindings(data as GeneralCurriculum));
}

function generalFindings(g: GeneralCurriculum): string[] {
  const label = '附件二';
  const findings: string[] = [];
  const hours = g.courses.map((x) => x.hours);
  const courseSum = sum(hours);
  const sessionsHours = g.statedSessions * g.statedHoursPerSession;
  findings.push(
    `${label}: stated ${g.statedSessions} sessions × ${g.statedHoursPerSession} h = ${sessionsHours} h ` +
      `${sessionsHours === g.requiredHours ? '=' : 'vs'} stated ${g.requiredHours} h; ` +
      `course hours sum to ${courseSum} (${hours.join('+')})` +
      (courseSum === g.requiredHours ? '' : `, not the stated ${g.requiredHours} h`),
  );
  const sessionsNeeded = sum(hours.map((h) => Math.ceil(h / g.statedHoursPerSession)));
  findings.push(
    `${label}: at ${g.statedHoursPerSession} h a session the ${g.courses.length} courses need ${sessionsNeeded} sessions ` +
      `(${courseSum / g.statedHoursPerSession} if sessions could be shared), ` +
      `${sessionsNeeded === g.statedSessions ? 'as' : 'not the'} ${g.statedSessions} stated`,
  );
  const odd = g.courses.filter((x) => x.hours % g.statedHoursPerSession !== 0);
  if (odd.length) {
    findings.push(
      `${label}: ${odd.length} course(s) not a whole number of ${g.statedHoursPerSession} h sessions: ` +
        odd.map((x) => `row ${x.row} ${quote(x.title)} (${x.hours} h)`).join(', '),
    );
  }
  if (g.statedSessionsPerMonth) {
    findings.push(
      `${label}: ${g.statedSessions} sessions at ${g.statedSessionsPerMonth} a month take ` +
        `${Math.ceil(g.statedSessions / g.statedSessionsPerMonth)} months`,
    );
  }
  const deliveries = Object.entries(GENERAL_DELIVERIES)
    .map(([source, code]) => `${code} (${source}) ${g.courses.filter((x) => x.delivery === code).length}`)
    .join(', ');
  findings.push(`${label}: ${g.courses.length} courses: ${deliveries}`);
  return findings;
}

// ---------------------------------------------------------------- 附件三

export function validateTraining(data: unknown): ValidationResult {
  const c = new Checker('附件三');
  const root = c.object(data, '$');
  if (!root) return result(c, () => []);
  c.literal(root, 'appendix', '$', ['附件三'] as const);
  c.literal(root, 'systemCode', '$', ['training'] as const);
  c.text(root, 'systemName', '$');
  if (root.mode !== undefined) c.literal(root, 'mode', '$', ['drill'] as const);
  c.hours(root, 'defaultHoursPerScenario', '$');
  c.boolean(root, 'hoursIsDefault', '$');
  const rows = c.array(root, 'rows', '$') ?? [];
  const parsed: Array<Partial<RepeatableRow>> = rows.map((x, i) => {
    const p = `$.rows[${i}]`;
    const r = c.object(x, p);
    if (!r) return {};
    const row = c.row(r, i, p);
    const title = c.text(r, 'title', p, { isTitle: true });
    c.literal(r, 'sourceMode', p, Object.keys(TRAINING_MODES) as Array<keyof typeof TRAINING_MODES>);
    return { row, title, ...c.repeatable(r, p) };
  });
  c.repeats(parsed, '$.rows');
  return result(c, () => trainingFindings(data as TrainingCurriculum));
}

function trainingFindings(t: TrainingCurriculum): string[] {
  const label = '附件三';
  const distinct = distinctRows(t.rows).length;
  const findings = [`${label}: ${repeatsText(t.rows)}`];
  findings.push(
    t.hoursIsDefault
      ? `${label}: hours not stated by the source; seed default ${t.defaultHoursPerScenario} h per scenario ` +
          `(${distinct * t.defaultHoursPerScenario} h for ${distinct} distinct scenarios), editable`
      : `${label}: ${t.defaultHoursPerScenario} h per scenario (${distinct * t.defaultHoursPerScenario} h in all)`,
  );
  findings.push(...cleanedTitles(label, '', t.rows));
  return findings;
}

// ---------------------------------------------------------------- 附件四

export function validateProfessional(data: unknown): ValidationResult {
  const c = new Checker('附件四');
  const root = c.object(data, '$');
  if (!root) return result(c, () => []);
  c.literal(root, 'appendix', '$', ['附件四'] as const);
  c.literal(root, 'systemCode', '$', ['professional'] as const);
  c.text(root, 'systemName', '$');
  c.hours(root, 'defaultHoursPerCourse', '$');
  c.boolean(root, 'hoursIsDefault', '$');
  const directions = c.array(root, 'directions', '$') ?? [];
  const codes = new Set<string>();
  directions.forEach((x, di) => {
    const dp = `$.directions[${di}]`;
    const d = c.object(x, dp);
    if (!d) return;
    const code = c.literal(d, 'code', dp, Object.keys(PROFESSIONAL_DIRECTIONS) as Array<keyof typeof PROFESSIONAL_DIRECTIONS>);
    const name = c.text(d, 'name', dp, { isTitle: true });
    if (code !== undefined) {
      if (codes.has(code)) c.error(`${dp}.code`, `${code} appears more than once`);
      codes.add(code);
      if (name !== undefined && PROFESSIONAL_DIRECTIONS[code] !== name) {
        c.error(`${dp}.name`, `${quote(name)} does not match ${code} (${PROFESSIONAL_DIRECTIONS[code]})`);
      }
    }
    const courses = c.array(d, 'courses', dp) ?? [];
    courses.forEach((y, ci) => {
      const cp = `${dp}.courses[${ci}]`;
      const course = c.object(y, cp);
      if (!course) return;
      c.row(course, ci, cp);
      c.text(course, 'title', cp, { isTitle: true });
      c.text(course, 'sourceTitle', cp, { optional: true });
      const mode = c.literal(course, 'mode', cp, Object.values(PROFESSIONAL_MODES));
      const source = c.literal(course, 'sourceMode', cp, Object.keys(PROFESSIONAL_MODES) as Array<keyof typeof PROFESSIONAL_MODES>);
      if (mode && source && PROFESSIONAL_MODES[source] !== mode) {
        c.error(`${cp}.mode`, `${mode} does not match sourceMode ${source} (${PROFESSIONAL_MODES[source]})`);
      }
      c.textList(course, 'outline', cp);
    });
  });
  return result(c, () => professionalFindings(data as ProfessionalCurriculum));
}

function professionalFindings(p: ProfessionalCurriculum): string[] {
  const label = '附件四';
  const findings: string[] = [];
  const perDirection = p.directions.map((d) => d.courses.length);
  const total = sum(perDirection);
  findings.push(
    `${label}: ${p.directions.length} directions, courses per direction ${perDirection.join(', ')} = ${total} courses ` +
      `(${p.directions.map((d) => `${d.name} ${d.code}`).join(', ')})`,
  );
  findings.push(
    p.hoursIsDefault
      ? `${label}: hours not stated by the source; seed default ${p.defaultHoursPerCourse} h per course ` +
          `(${total * p.defaultHoursPerCourse} h in all), editable`
      : `${label}: ${p.defaultHoursPerCourse} h per course (${total * p.defaultHoursPerCourse} h in all)`,
  );

  const courses = p.directions.flatMap((d) => d.courses.map((course) => ({ d, course })));
  const where = ({ d, course }: (typeof courses)[number]): string => `${d.name} row ${course.row} ${quote(course.title)}`;
  const byTitle = new Map<string, string[]>();
  const byItem = new Map<string, string[]>();
  for (const entry of courses) {
    byTitle.set(entry.course.title, [...(byTitle.get(entry.course.title) ?? []), where(entry)]);
    for (const item of new Set(entry.course.outline)) byItem.set(item, [...(byItem.get(item) ?? []), where(entry)]);
  }
  for (const [title, places] of byTitle) {
    if (places.length > 1) findings.push(`${label}: course title ${quote(title)} appears ${places.length} times: ${places.join(', ')}`);
  }
  for (const [item, places] of byItem) {
    if (places.length > 1) findings.push(`${label}: outline item ${quote(item)} appears in ${places.join(' and ')}`);
  }
  for (const entry of courses) {
    const dupItems = entry.course.outline.filter((item, i, all) => all.indexOf(item) !== i);
    if (dupItems.length) findings.push(`${label} ${where(entry)}: outline repeats ${dupItems.map(quote).join(', ')}`);
  }
  const single = courses.filter(({ course }) => course.outline.length === 1);
  if (single.length) findings.push(`${label}: ${single.length} course(s) with a one-item outline: ${single.map(where).join(', ')}`);
  for (const { d, course } of courses) {
    if (course.sourceTitle !== undefined && course.sourceTitle !== course.title) {
      findings.push(`${label} ${d.name} row ${course.row}: title cleaned from ${quote(course.sourceTitle)} to ${quote(course.title)}`);
    }
  }
  return findings;
}

// ---------------------------------------------------------------- cross-checks

/**
 * How the training list (附件三) relates to the practical modules (附件一): the module that
 * shares most of its titles, the common leading rows, and the titles found in only one of them.
 * Both inputs must be valid.
 */
export function compareTrainingWithPractical(practical: PracticalCurriculum, training: TrainingCurriculum): string[] {
  const trainingTitles = training.rows.map((r) => r.title);
  const trainingSet = new Set(trainingTitles);
  let best = practical.modules[0];
  let bestShared = -1;
  for (const m of practical.modules) {
    const shared = new Set(m.lessons.map((l) => l.title).filter((t) => trainingSet.has(t))).size;
    if (shared > bestShared) {
      best = m;
      bestShared = shared;
    }
  }
  if (!best || bestShared <= 0) return ['附件三: no title in common with any 附件一 module'];
  const moduleTitles = best.lessons.map((l) => l.title);
  let prefix = 0;
  while (prefix < trainingTitles.length && prefix < moduleTitles.length && trainingTitles[prefix] === moduleTitles[prefix]) prefix++;
  const moduleSet = new Set(moduleTitles);
  const onlyModule = [...moduleSet].filter((t) => !trainingSet.has(t));
  const onlyTraining = [...trainingSet].filter((t) => !moduleSet.has(t));
  const findings = [
    `附件三 shares ${bestShared} of its ${trainingSet.size} distinct titles with 附件一 module ${best.row} ${quote(best.title)}; ` +
      `附件三 rows 1–${prefix} equal that module's rows 1–${prefix} (the module has ${moduleTitles.length} rows)`,
  ];
  if (onlyModule.length) findings.push(`附件一 module ${best.row} titles with no 附件三 drill: ${onlyModule.map(quote).join(', ')}`);
  if (onlyTraining.length) findings.push(`附件三 titles not in 附件一 module ${best.row}: ${onlyTraining.map(quote).join(', ')}`);
  return findings;
}

// ---------------------------------------------------------------- parse helpers

export class CurriculumValidationError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid curriculum data (${errors.length} error${errors.length === 1 ? '' : 's'}):\n${errors.join('\n')}`);
    this.name = 'CurriculumValidationError';
  }
}

function parseWith<T>(validate: (data: unknown) => ValidationResult, data: unknown): { curriculum: T; findings: string[] } {
  const { errors, findings } = validate(data);
  if (errors.length) throw new CurriculumValidationError(errors);
  return { curriculum: data as T, findings };
}

/** Validates and returns the typed data; throws CurriculumValidationError on errors. */
export const parsePractical = (data: unknown) => parseWith<PracticalCurriculum>(validatePractical, data);
export const parseGeneral = (data: unknown) => parseWith<GeneralCurriculum>(validateGeneral, data);
export const parseTraining = (data: unknown) => parseWith<TrainingCurriculum>(validateTraining, data);
export const parseProfessional = (data: unknown) => parseWith<ProfessionalCurriculum>(validateProfessional, data);
