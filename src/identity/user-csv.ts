import { parse } from 'csv-parse/sync';
import { CommonErrorCode } from '../common/error-codes';
import { USERNAME_PATTERN } from './dto/identity.dto';
import { USER_ROLES, UserRole } from './entities/user.entity';
import { csvError, IdentityErrorCode } from './identity.errors';

export interface UserCsvRow {
  line: number;
  username: string;
  displayName: string;
  role: UserRole;
  cohort: string | null;
  password: string | null;
}

export interface UserCsvProblem {
  line: number;
  username: string | null;
  code: string;
  reason: string;
}

/** Header names accepted for each field (English or the Chinese a spreadsheet export would use). */
const HEADER_ALIASES: Record<keyof Omit<UserCsvRow, 'line'>, string[]> = {
  username: ['username', 'user', 'login', '用户名', '账号', '学号'],
  displayName: ['display_name', 'displayname', 'display name', 'name', '姓名', '显示名'],
  role: ['role', '角色'],
  cohort: ['cohort', 'cohort_name', 'class', '班级', '批次'],
  password: ['password', '密码'],
};

const ROLE_ALIASES: Record<string, UserRole> = {
  student: 'student',
  学生: 'student',
  学员: 'student',
  trainer: 'trainer',
  培训师: 'trainer',
  讲师: 'trainer',
  admin: 'admin',
  管理员: 'admin',
};

/**
 * Parses an uploaded user list. Structural damage (an unterminated quote,
 * no header) rejects the file; anything wrong with a single row is reported
 * against its line number and the other rows go on.
 */
export function parseUserCsv(text: string, maxRows: number): { rows: UserCsvRow[]; problems: UserCsvProblem[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw csvError(IdentityErrorCode.CsvEmpty, 'The CSV is empty');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(body, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      delimiter: [',', '\t', ';'],
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw csvError(IdentityErrorCode.CsvMalformed, `The CSV cannot be read near line ${e.lines ?? '?'}: ${e.message ?? 'parse error'}`);
  }
  const [header, ...data] = records;
  const columns = mapHeader(header.record);
  if (data.length > maxRows) {
    throw csvError(IdentityErrorCode.CsvTooManyRows, `The CSV has ${data.length} rows; at most ${maxRows} per import`);
  }
  const rows: UserCsvRow[] = [];
  const problems: UserCsvProblem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of data) {
    const line = info.lines;
    const cell = (i: number | undefined) => (i === undefined ? '' : (record[i] ?? '').trim());
    const username = cell(columns.username).toLowerCase();
    const fail = (code: string, reason: string) => problems.push({ line, username: username || null, code, reason });
    if (record.length > header.record.length) {
      fail('ROW_TOO_MANY_FIELDS', `has ${record.length} fields, the header has ${header.record.length}`);
      continue;
    }
    if (!USERNAME_PATTERN.test(username)) {
      fail('INVALID_USERNAME', username ? `username "${username}" must be 3–32 letters, digits, "_", "." or "-"` : 'username is missing');
      continue;
    }
    const displayName = cell(columns.displayName);
    if (!displayName || displayName.length > 100) {
      fail('INVALID_DISPLAY_NAME', displayName ? 'display name is longer than 100 characters' : 'display name is missing');
      continue;
    }
    const role = ROLE_ALIASES[cell(columns.role).toLowerCase()];
    if (!role) {
      fail('INVALID_ROLE', `role "${cell(columns.role)}" is not one of ${USER_ROLES.join(', ')}`);
      continue;
    }
    const cohort = cell(columns.cohort) || null;
    if (cohort && cohort.length > 100) {
      fail('INVALID_COHORT', 'cohort name is longer than 100 characters');
      continue;
    }
    const password = cell(columns.password) || null;
    if (password && (password.length < 8 || password.length > 128)) {
      fail('INVALID_PASSWORD', 'password must be 8–128 characters');
      continue;
    }
    const firstLine = seen.get(username);
    if (firstLine !== undefined) {
      fail(CommonErrorCode.DuplicateInFile, `username "${username}" already appears on line ${firstLine}`);
      continue;
    }
    seen.set(username, line);
    rows.push({ line, username, displayName, role, cohort, password });
  }
  return { rows, problems };
}

function mapHeader(header: string[]): Partial<Record<keyof Omit<UserCsvRow, 'line'>, number>> {
  const normalized = header.map((h) => h.trim().toLowerCase());
  const columns: Partial<Record<keyof Omit<UserCsvRow, 'line'>, number>> = {};
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as Array<[keyof typeof HEADER_ALIASES, string[]]>) {
    const index = normalized.findIndex((h) => aliases.includes(h));
    if (index >= 0) columns[field] = index;
  }
  const missing = (['username', 'displayName', 'role'] as const).filter((f) => columns[f] === undefined);
  if (missing.length > 0) {
    throw csvError(
      IdentityErrorCode.CsvMissingColumns,
      `The first line must be a header with the columns username, display_name, role[, cohort, password]; missing: ${missing.join(', ')}`,
    );
  }
  return columns;
}
