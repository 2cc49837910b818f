import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// SQL lives only in `*.repository.ts` files: no other production file under src/ runs a query,
// builds one with TypeORM's query builder, or holds SQL text. Reads no database; scans sources.

const root = join(__dirname, '../..');

/** Paths (relative to the repository, `/`-separated) that may hold SQL although they are no repository. */
const EXEMPT = [
  'src/database/migrations/', // migrations are the schema
  'src/common/prepared-query.ts', // runs the statement text a repository hands it
];

/** Calls that run SQL, and string or template literals that start with a statement. */
const SQL_PATTERNS: Array<{ name: string; re: RegExp }> = [
  { name: '.query(', re: /\.query\s*(<[^>()]*>)?\s*\(/ },
  { name: 'createQueryBuilder', re: /\bcreateQueryBuilder\s*\(/ },
  { name: 'preparedQuery(', re: /\bpreparedQuery\s*(<[^>()]*>)?\s*\(/ },
  {
    name: 'SQL text',
    re: /[`'"]\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|WITH\s+\w+\s+AS\s*\(|CREATE\s+(TABLE|DATABASE|INDEX|VIEW)\s|DROP\s+(TABLE|DATABASE|INDEX|VIEW)\s|ALTER\s+TABLE\s|TRUNCATE\s|LOCK\s+TABLE\s|SET\s+LOCAL\s)/,
  },
];

function productionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...productionFiles(path));
    else if (name.endsWith('.ts') && !/\.(spec|e2e-spec)\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The source without comments, lines kept (a `//` comment starts the line or follows a space, so `http://` in a string stays). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '')).replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** The SQL patterns `source` matches, each with the line of its first match. */
export function sqlFound(source: string): string[] {
  const code = withoutComments(source);
  const lines = code.split('\n');
  const found: string[] = [];
  for (const { name, re } of SQL_PATTERNS) {
    const m = re.exec(code);
    if (!m) continue;
    const line = code.slice(0, m.index).split('\n').length;
    found.push(`${name} (line ${line}: ${lines[line - 1].trim().slice(0, 80)})`);
  }
  return found;
}

describe('where SQL lives, and no reaching into framework internals', () => {
  it('the scanner finds queries, query builders, prepared queries and SQL text, and skips comments', () => {
    expect(sqlFound("await this.ds.query('SELECT 1');")).toHaveLength(2);
    expect(sqlFound('const rows = await tx.query<Row>(text, values);')).toEqual([expect.stringMatching(/^\.query\(/)]);
    expect(sqlFound('await tx.createQueryBuilder().insert().into(X).execute();')).toEqual([expect.stringMatching(/^createQueryBuilder/)]);
    expect(sqlFound('return preparedQuery<Row>(tx, "name", TEXT, [id]);')).toEqual([expect.stringMatching(/^preparedQuery/)]);
    expect(sqlFound('const TEXT = `\n  UPDATE outbox_job SET sent = true`;')).toEqual([expect.stringMatching(/^SQL text/)]);
    expect(sqlFound('const sql = `WITH changed AS (UPDATE a SET b = 1 RETURNING id) SELECT 1`;')).toEqual([expect.stringMatching(/^SQL text/)]);
    expect(sqlFound('// ds.query(`SELECT 1`)\n/* tx.createQueryBuilder() */\nconst url = "http://x"; // SELECT 1')).toEqual([]);
    expect(sqlFound("@Query('page') page: number; const q = req.query; message: 'Select a course'")).toEqual([]);
  });

  it('no production file under src/ but a repository runs or holds SQL', () => {
    const files = productionFiles(join(root, 'src'))
      .map((path) => relative(root, path).split('\\').join('/'))
      .filter((path) => !path.endsWith('.repository.ts') && !EXEMPT.some((prefix) => path.startsWith(prefix)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((path) => sqlFound(readFileSync(join(root, path), 'utf8')).map((what) => `${path}: ${what}`));
    expect(offenders).toEqual([]);
  });

  it('no production file reaches into TypeORM’s or Node’s private fields', () => {
    // Upgrades change private fields silently: the pool behind `driver.master`, a handle's `_handle.fd`.
    const privateField = /\.(master|_handle|_connection|_pool)\b|\bdriver\s+as\s+unknown\b/;
    const offenders = productionFiles(join(root, 'src'))
      .filter((path) => privateField.test(withoutComments(readFileSync(path, 'utf8'))))
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
  });
});
