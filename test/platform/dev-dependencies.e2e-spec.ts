import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// The production build (`npm ci --omit=dev && nest build`) compiles src/ and libs/*/src/
// without the dev dependencies, so no non-test file there may import one. Test helpers
// (fast-check arbitraries, builders) belong in libs/<lib>/test/ or test/support/.

const root = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|js)$/.test(name) && !/\.(spec|e2e-spec)\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The package each bare import specifier in `source` names (`@scope/name` or `name`). */
export function importedPackages(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...source.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...source.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
}

describe('production sources and dev dependencies', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const devDependencies = new Set(Object.keys(pkg.devDependencies));

  it('the scanner finds static, side-effect, dynamic and type-only imports', () => {
    const sample = [
      "import fc from 'fast-check';",
      "import type { Test } from '@nestjs/testing';",
      "import {\n  a,\n  b,\n} from 'supertest/lib/agent';",
      "import 'reflect-metadata';",
      "const x = require('autocannon');",
      "const y = await import('playwright-core');",
      "export { z } from './local';",
      "import { join } from 'node:path';",
    ].join('\n');
    expect(importedPackages(sample).sort()).toEqual(
      ['@nestjs/testing', 'autocannon', 'fast-check', 'playwright-core', 'reflect-metadata', 'supertest'].sort(),
    );
  });

  it('no non-test file under src/ or libs/*/src/ imports a devDependency', () => {
    const dirs = [
      join(root, 'src'),
      ...readdirSync(join(root, 'libs'))
        .map((lib) => join(root, 'libs', lib, 'src'))
        .filter((dir) => {
          try {
            return statSync(dir).isDirectory();
          } catch {
            return false;
          }
        }),
    ];
    const files = dirs.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      importedPackages(readFileSync(file, 'utf8'))
        .filter((name) => devDependencies.has(name))
        .map((name) => `${relative(root, file)} imports ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});
