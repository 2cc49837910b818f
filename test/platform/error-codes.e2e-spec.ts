import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DomainError } from '../../src/common/domain-error';

// One style of errors: each context declares its codes once, in the code enum of its
// `<context>.errors.ts` (the platform's in common/error-codes.ts), with one error class, and its
// services throw through that file's helpers. A context answering with another's code imports it.

const root = join(__dirname, '../..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const errorFiles = files(src).filter((f) => f.endsWith('.errors.ts') || f === join(src, 'common', 'error-codes.ts'));

/** Every `XxxErrorCode` object each errors file exports, with the file it comes from. */
function codeEnums(): Array<{ file: string; name: string; codes: Record<string, string> }> {
  return errorFiles.flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    return Object.entries(mod)
      .filter(([name, value]) => name.endsWith('ErrorCode') && typeof value === 'object' && value !== null)
      .map(([name, value]) => ({ file: relative(root, file), name, codes: value as Record<string, string> }));
  });
}

describe('error codes', () => {
  it('finds the code enums of the contexts', () => {
    const names = codeEnums().map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['CommonErrorCode', 'CatalogErrorCode', 'AttendanceErrorCode', 'IdentityErrorCode', 'AssessmentErrorCode']));
  });

  it('declares each code string once across every *.errors.ts and common/error-codes.ts', () => {
    const declaredAt = new Map<string, string[]>();
    for (const { file, name, codes } of codeEnums()) {
      for (const [key, code] of Object.entries(codes)) {
        declaredAt.set(code, [...(declaredAt.get(code) ?? []), `${file} ${name}.${key}`]);
      }
    }
    const twice = [...declaredAt].filter(([, at]) => at.length > 1).map(([code, at]) => `${code}: ${at.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('no other source file spells a declared code as a string literal', () => {
    const codes = new Set(codeEnums().flatMap((e) => Object.values(e.codes)));
    const offenders = files(src)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !errorFiles.includes(f))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/'([A-Z][A-Z0-9_]+)'/g)]
          .filter((m) => codes.has(m[1]))
          .map((m) => `${relative(root, f)}: '${m[1]}'`),
      );
    expect(offenders).toEqual([]);
  });

  it('each context has one error class, and only its errors file constructs errors', () => {
    const classes = new Map<string, string[]>();
    for (const file of errorFiles) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as Record<string, unknown>;
      const own = Object.entries(mod)
        .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof DomainError)
        .map(([name]) => name);
      classes.set(relative(root, file), own);
    }
    const extra = [...classes].filter(([, own]) => own.length > 1).map(([file, own]) => `${file}: ${own.join(', ')}`);
    expect(extra).toEqual([]);

    const errorClassNames = ['DomainError', ...[...classes.values()].flat()];
    const construct = new RegExp(`new (${errorClassNames.join('|')})\\(|new [A-Za-z]*(Http|Request|Found|Forbidden|Unauthorized|Conflict)Exception\\(`);
    const offenders = files(src)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !errorFiles.includes(f) && !f.startsWith(join(src, 'common') + '/'))
      .filter((f) => construct.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
