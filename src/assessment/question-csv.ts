import { parse } from 'csv-parse/sync';
import { AssessmentErrorCode, importError } from './assessment.errors';

/** One data row of a question CSV, turned into the JSON shape `readQuestionInput` checks. */
export interface QuestionCsvRow {
  line: number;
  raw: Record<string, unknown>;
}

const OPTION_KEYS = 'ABCDEFGHIJ'.split('');

/** Header names accepted per field (English, or the Chinese a spreadsheet export would use). */
const HEADERS: Record<string, string[]> = {
  ref: ['ref', 'id', '编号', '题号'],
  type: ['type', '题型'],
  stem: ['stem', 'question', '题干', '题目'],
  answer: ['answer', 'key', '答案'],
  points: ['points', 'score', '分值'],
  scoring: ['scoring', '计分方式'],
  tags: ['tags', 'tag', '标签'],
  difficulty: ['difficulty', '难度'],
  explanation: ['explanation', '解析'],
  ...Object.fromEntries(OPTION_KEYS.map((k) => [`option_${k}`, [`option_${k.toLowerCase()}`, `option ${k.toLowerCase()}`, `选项${k.toLowerCase()}`, k.toLowerCase()]])),
};

const TYPE_ALIASES: Record<string, string> = {
  单选: 'single',
  单选题: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  判断: 'true_false',
  判断题: 'true_false',
  填空: 'fill_blank',
  填空题: 'fill_blank',
  简答: 'short_answer',
  简答题: 'short_answer',
  情景: 'scenario',
  情景题: 'scenario',
  情景回复: 'scenario',
};

const DIFFICULTY_ALIASES: Record<string, string> = { 易: 'easy', 简单: 'easy', 中: 'medium', 中等: 'medium', 难: 'hard', 困难: 'hard' };
const TRUE_WORDS = ['true', 't', '对', '正确', '是', '√', '1'];
const FALSE_WORDS = ['false', 'f', '错', '错误', '否', '×', '0'];

function parseAnswer(type: string, cell: string, optionKeys: string[]): unknown {
  if (cell === '') return undefined;
  if (cell.startsWith('[') || cell.startsWith('{')) {
    try {
      return JSON.parse(cell);
    } catch {
      return cell; // reported by the answer-key check
    }
  }
  switch (type) {
    case 'multiple': {
      const parts = cell.split(/[\s,，|、;；]+/).filter(Boolean);
      // "ACD" written without separators
      if (parts.length === 1 && parts[0].length > 1 && [...parts[0]].every((c) => optionKeys.includes(c.toUpperCase()))) return [...parts[0]];
      return parts;
    }
    case 'true_false': {
      const w = cell.toLowerCase();
      if (TRUE_WORDS.includes(w)) return true;
      if (FALSE_WORDS.includes(w)) return false;
      return cell;
    }
    case 'fill_blank':
      return cell.split(/[;；]/).map((blank) => blank.split('|').map((alt) => alt.trim()).filter(Boolean));
    default:
      return cell;
  }
}

function mapHeader(header: string[]): Map<string, number> {
  const normalized = header.map((h) => h.trim().toLowerCase().replace(/^\uFEFF/, ''));
  const columns = new Map<string, number>();
  for (const [field, aliases] of Object.entries(HEADERS)) {
    const index = normalized.findIndex((h) => aliases.includes(h));
    if (index >= 0) columns.set(field, index);
  }
  const missing = ['type', 'stem', 'answer', 'points'].filter((f) => !columns.has(f));
  if (missing.length > 0) {
    throw importError(
      AssessmentErrorCode.ImportMissingColumns,
      `The first line must be a header with at least the columns type, stem, answer, points (options as option_a, option_b, …); missing: ${missing.join(', ')}`,
    );
  }
  return columns;
}

/**
 * Reads a question CSV. A file that cannot be read as CSV at all is refused; otherwise every
 * data row becomes a question input carrying its line number, to be checked one by one.
 * Cells: options in option_a … option_j; `answer` is the option key ("A"), the keys ("A,C" or
 * "AC"), 对/错 or true/false, blanks separated by ";" with alternatives by "|", or JSON (a rubric);
 * tags separated by "|", "," or "、".
 */
export function parseQuestionCsv(text: string, maxRows: number): QuestionCsvRow[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw importError(AssessmentErrorCode.ImportEmpty, 'The CSV is empty');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(body, { relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw importError(AssessmentErrorCode.ImportMalformed, `The CSV cannot be read near line ${e.lines ?? '?'}: ${e.message ?? 'parse error'}`);
  }
  const [header, ...data] = records;
  const columns = mapHeader(header.record);
  if (data.length === 0) throw importError(AssessmentErrorCode.ImportEmpty, 'The CSV has a header but no questions');
  if (data.length > maxRows) throw importError(AssessmentErrorCode.ImportTooManyRows, `The CSV has ${data.length} rows; at most ${maxRows} per import`);
  return data.map(({ record, info }) => {
    const cell = (field: string) => {
      const i = columns.get(field);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const rawType = cell('type');
    const type = TYPE_ALIASES[rawType] ?? rawType.toLowerCase();
    const options = OPTION_KEYS.filter((k) => cell(`option_${k}`) !== '').map((k) => ({ key: k, text: cell(`option_${k}`) }));
    const raw: Record<string, unknown> = { type, stem: cell('stem') };
    if (cell('ref')) raw.ref = cell('ref');
    if (options.length > 0) raw.options = options;
    const answer = parseAnswer(type, cell('answer'), options.map((o) => o.key));
    if (answer !== undefined) raw.answer = answer;
    const points = cell('points');
    raw.points = /^\d+$/.test(points) ? Number(points) : points;
    if (cell('scoring')) raw.scoring = cell('scoring');
    if (cell('tags')) raw.tags = cell('tags').split(/[|,，、]/).map((t) => t.trim()).filter(Boolean);
    if (cell('difficulty')) raw.difficulty = DIFFICULTY_ALIASES[cell('difficulty')] ?? cell('difficulty').toLowerCase();
    if (cell('explanation')) raw.explanation = cell('explanation');
    return { line: info.lines, raw };
  });
}
