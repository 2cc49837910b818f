import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_MESSAGES, errorMessage } from '../../web/src/api/error-messages';

const SRC = join(__dirname, '../../src');

/** Every code the app declares: src/common/error-codes.ts and the `*ErrorCode` tables of each context. */
function declaredCodes(): string[] {
  const files = [join(SRC, 'common/error-codes.ts')];
  for (const dir of readdirSync(SRC, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(SRC, dir.name))) if (f.endsWith('.errors.ts')) files.push(join(SRC, dir.name, f));
  }
  const codes = new Set<string>();
  for (const file of files) {
    for (const table of readFileSync(file, 'utf8').matchAll(/ErrorCode = \{([^}]*)\}/g)) {
      for (const m of table[1].matchAll(/:\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]);
    }
  }
  return [...codes].sort();
}

describe('the portal error sentences (web/src/api/error-messages.ts)', () => {
  it('has a Chinese sentence for every error code the app declares', () => {
    const codes = declaredCodes();
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.filter((c) => !ERROR_MESSAGES[c])).toEqual([]);
  });

  it('every sentence is Chinese (no English message leaks through)', () => {
    const notChinese = Object.entries(ERROR_MESSAGES).filter(([, text]) => !/[\u4e00-\u9fff]/.test(text));
    expect(notChinese).toEqual([]);
  });

  it('falls back by status for an unknown code and for a network failure', () => {
    expect(errorMessage('SOMETHING_NEW', 404)).toBe(ERROR_MESSAGES.NOT_FOUND);
    expect(errorMessage('SOMETHING_NEW', 422)).toMatch(/[\u4e00-\u9fff]/);
    expect(errorMessage(null, null)).toContain('网络');
    expect(errorMessage('INVALID_CREDENTIALS', 401)).toBe('用户名或密码错误。');
  });
});
