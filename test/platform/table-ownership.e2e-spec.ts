import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

// Each table has one owning module: the one whose `src/<module>/entities/` declares its entity.
// A read-only view belongs to the module its name starts with (`identity_user_directory`), and
// that module's migration publishes it for others to join. No other module names a table in its
// SQL, nor uses another module's entity class as a value (TypeORM repositories, query builders);
// only src/database, which assembles entities and migrations, sees them all.

const root = join(__dirname, '../..');
const srcDir = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|e2e-spec|d)\.ts$/.test(name) ? [path] : [];
  });
}

const moduleOf = (file: string) => relative(srcDir, file).split(sep)[0];
const modules = readdirSync(srcDir).filter((name) => statSync(join(srcDir, name)).isDirectory());

/** The text of every string literal and template piece in a TypeScript source. */
export function stringsOf(source: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true));
  return out;
}

/** Relation names that SQL in `text` reads or writes (after FROM, JOIN, INTO, UPDATE, …), of those in `known`. */
export function tablesNamed(text: string, known: readonly string[]): string[] {
  if (known.length === 0) return [];
  const names = [...known].sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`\\b(?:from|join|into|update|table|references)\\s+(?:only\\s+)?"?(${names})"?(?![\\w.])`, 'gi');
  return [...text.matchAll(re)].map((m) => m[1].toLowerCase());
}

/** Relations some SQL in `text` writes (INSERT INTO, UPDATE, DELETE FROM, TRUNCATE), of those in `known`. */
export function tablesWritten(text: string, known: readonly string[]): string[] {
  if (known.length === 0) return [];
  const names = [...known].sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`\\b(?:insert\\s+into|update|delete\\s+from|truncate(?:\\s+table)?)\\s+(?:only\\s+)?"?(${names})"?(?![\\w.])`, 'gi');
  return [...text.matchAll(re)].map((m) => m[1].toLowerCase());
}

interface Ownership {
  /** Table or view name → owning module. */
  owner: Map<string, string>;
  views: Set<string>;
  /** Entity class name → owning module. */
  entityOwner: Map<string, string>;
  /** Views whose name does not start with a module's name. */
  unownedViews: string[];
}

function ownership(): Ownership {
  const owner = new Map<string, string>();
  const entityOwner = new Map<string, string>();
  for (const file of sourceFiles(srcDir)) {
    if (!relative(srcDir, file).split(sep).includes('entities')) continue;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/@Entity\(\s*['"](\w+)['"][^)]*\)[\s\S]*?\bclass\s+(\w+)/g)) {
      owner.set(m[1], moduleOf(file));
      entityOwner.set(m[2], moduleOf(file));
    }
  }
  const views = new Set<string>();
  const unownedViews: string[] = [];
  for (const file of sourceFiles(join(srcDir, 'database', 'migrations'))) {
    for (const text of stringsOf(readFileSync(file, 'utf8'))) {
      for (const m of text.matchAll(/\bcreate\s+(?:or\s+replace\s+)?view\s+"?(\w+)"?/gi)) {
        const name = m[1].toLowerCase();
        const mod = modules.filter((x) => name.startsWith(`${x}_`)).sort((a, b) => b.length - a.length)[0];
        if (!mod) unownedViews.push(name);
        else {
          owner.set(name, mod);
          views.add(name);
        }
      }
    }
  }
  return { owner, views, entityOwner, unownedViews };
}

/** Foreign tables and entity classes that the non-database sources under src/ touch, as "file: table (owner)". */
function crossings({ owner, views, entityOwner }: Ownership): string[] {
  const known = [...owner.keys()];
  const found = new Set<string>();
  for (const file of sourceFiles(srcDir)) {
    const mod = moduleOf(file);
    if (mod === 'database') continue;
    const source = readFileSync(file, 'utf8');
    const where = relative(root, file);
    for (const text of stringsOf(source)) {
      for (const table of tablesNamed(text, known)) {
        // A published view is there for other modules to read.
        if (owner.get(table) !== mod && !views.has(table)) found.add(`${where}: ${table} (${owner.get(table)})`);
      }
      for (const view of tablesWritten(text, [...views])) found.add(`${where}: writes view ${view}`);
    }
    // A value import of another module's entity class: a repository or query builder on its table.
    for (const m of source.matchAll(/^import\s+(?!type\b)\{([^}]*)\}\s+from\s+['"]([^'"]*\/entities\/[^'"]+)['"]/gm)) {
      for (const name of m[1].split(',').map((s) => s.trim())) {
        if (!name || name.startsWith('type ')) continue;
        const entityModule = entityOwner.get(name);
        if (entityModule && entityModule !== mod) found.add(`${where}: entity ${name} (${entityModule})`);
      }
    }
  }
  return [...found].sort();
}

describe('table ownership', () => {
  const owned = ownership();

  it('finds the tables named in SQL, and tells writes apart', () => {
    const known = ['app_user', 'enrollment', 'lesson', 'lesson_progress', 'course'];
    const sql = `SELECT u.display_name FROM attempt a JOIN app_user u ON u.id = a.student_id
      WHERE EXISTS (SELECT 1 FROM "enrollment" e WHERE e.course_id = $1) AND x.lesson_progress = 1 AND c.course = 2`;
    expect(tablesNamed(sql, known).sort()).toEqual(['app_user', 'enrollment']);
    expect(tablesNamed('UPDATE lesson_progress SET x = 1', known)).toEqual(['lesson_progress']);
    expect(tablesNamed('FROM course c JOIN lesson l ON l.course_id = c.id', known)).toEqual(['course', 'lesson']);
    expect(tablesNamed('a course from the lessons of the catalog', known)).toEqual([]);
    expect(tablesWritten('DELETE FROM course WHERE id = $1; SELECT 1 FROM lesson', known)).toEqual(['course']);
    expect(stringsOf('const q = `SELECT ${cols} FROM app_user u`; const r = "x";')).toEqual(['SELECT ', ' FROM app_user u', 'x']);
  });

  it('maps every table to the module whose entities declare it', () => {
    expect(owned.owner.get('attempt')).toBe('assessment');
    expect(owned.owner.get('app_user')).toBe('identity');
    expect(owned.owner.get('enrollment')).toBe('catalog');
    expect(owned.owner.get('hour_entry')).toBe('hours');
    expect(owned.entityOwner.get('Course')).toBe('catalog');
    expect(owned.owner.size).toBeGreaterThan(35);
  });

  it('names each published view after the module that owns it', () => {
    expect(owned.unownedViews).toEqual([]);
    expect(owned.owner.get('identity_directory')).toBe('identity');
    expect(owned.owner.get('catalog_enrolment')).toBe('catalog');
  });

  it("no module's SQL names another module's table, nor writes a view", () => {
    expect(crossings(owned)).toEqual([]);
  });
});
