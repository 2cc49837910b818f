import fc from 'fast-check';
import { type FuzzOperation, type FuzzRequest, type OpenApiDocument, operationsOf, requestsFor } from '../support/openapi-fuzz';
import { listRoutes, type RouteInfo } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Walks the app's own OpenAPI document and sends every operation generated requests as every role:
 * whatever the input, the answer is never a 5xx (nor a hang). `npm test` runs a fixed seed and a
 * small budget; `npm run test:fuzz` (FUZZ_RUNS, FUZZ_SEED) runs longer.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
/** A fixed seed by default (the same requests every run); FUZZ_SEED=random picks a new one, printed on failure. */
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261203);
const REQUEST_TIMEOUT_MS = 15_000;
const ROLES = ['admin', 'trainer', 'student', 'anonymous'] as const;
type Role = (typeof ROLES)[number];

/** A small stable hash, so each operation gets its own stream of the one seed. */
const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 0);

describe('OpenAPI fuzz: no 5xx on any input', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let ops: FuzzOperation[];
  let ids: string[];
  let undocumented: RouteInfo[];
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    ops = operationsOf(doc);
    const documented = new Set(ops.map((o) => `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`));
    undocumented = listRoutes(t.app).filter((r) => !documented.has(`${r.method} ${r.path}`));
    // Routes left out of the document (HTML pages, media streams) are sent parameters and query strings too.
    for (const r of undocumented) {
      const method = r.method.toLowerCase() as FuzzOperation['method'];
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      ops.push({
        method,
        path: r.path.replace(/:(\w+)/g, '{$1}'),
        pathParams: names.map((name) => ({ name, in: 'path' as const, required: true, schema: { type: 'string' } })),
        query: [{ name: 'exp', in: 'query' as const, schema: { type: 'integer' } }, { name: 'sig', in: 'query' as const, schema: { type: 'string' } }],
        consumes: method === 'get' || method === 'delete' ? [] : ['application/json'],
      });
    }
    tokens.admin = await t.login('admin');
    tokens.trainer = await t.login('trainer1');
    tokens.student = await t.login('student1');
    // Ids that exist, so that generated requests also get past "not found" into the services.
    const rows: { id: string }[] = await t.ds.query(`
      (SELECT id::text FROM course ORDER BY created_at LIMIT 4) UNION ALL (SELECT id::text FROM course_module LIMIT 3)
      UNION ALL (SELECT id::text FROM lesson LIMIT 4) UNION ALL (SELECT id::text FROM exam LIMIT 3)
      UNION ALL (SELECT id::text FROM question_bank LIMIT 3) UNION ALL (SELECT id::text FROM question LIMIT 3)
      UNION ALL (SELECT id::text FROM app_user WHERE username IN ('student2', 'student3', 'trainer2')) UNION ALL (SELECT id::text FROM cohort LIMIT 2)
      UNION ALL (SELECT id::text FROM training_scenario LIMIT 3)`);
    ids = rows.map((r) => r.id);
  });
  afterAll(() => t.close());

  it('covers every route the app serves: the API from its document, pages and streams from the router', () => {
    expect(undocumented.filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'))).toEqual([]);
    expect(ops.length).toBeGreaterThan(40);
  });

  async function send(req: FuzzRequest, role: Role) {
    let r = t.http()[req.method](req.url).timeout(REQUEST_TIMEOUT_MS);
    const token = tokens[role];
    if (token) r = r.set('Authorization', `Bearer ${token}`);
    if (req.contentType) r = r.set('Content-Type', req.contentType);
    return req.body === undefined ? r : r.send(req.body);
  }

  const describeRequest = (req: FuzzRequest, role: Role) =>
    `${req.method.toUpperCase()} ${req.url.slice(0, 500)} as ${role}` +
    (req.contentType ? `\nContent-Type: ${req.contentType}` : '') +
    (req.body !== undefined ? `\nbody (${req.body.length} chars): ${req.body.slice(0, 1500)}` : '');

  it('answers every generated request with a status below 500', async () => {
    const failures: string[] = [];
    /** Answers by status (FUZZ_STATS=1 prints them: how many requests got past validation into the services). */
    const statuses = new Map<string, number>();
    for (const op of ops) {
      const arb = fc.tuple(requestsFor(doc, op, ids), fc.constantFrom(...ROLES));
      await fc.assert(
        fc.asyncProperty(arb, async ([req, role]) => {
          let res;
          try {
            res = await send(req, role);
          } catch (err) {
            throw new Error(`no answer (${(err as Error).message}) to ${describeRequest(req, role)}`);
          }
          const key = `${res.status} ${res.body?.code ?? ''}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (process.env.FUZZ_DEBUG && key === process.env.FUZZ_DEBUG && Math.random() < 0.05) console.log(describeRequest(req, role).slice(0, 300));
          if (res.status >= 500) {
            throw new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 300)} for ${describeRequest(req, role)}`);
          }
        }),
        { numRuns: RUNS * ROLES.length, seed: SEED ^ hash(`${op.method} ${op.path}`), endOnFailure: true },
      ).catch((err: Error) => {
        failures.push(`${op.method.toUpperCase()} ${op.path}: ${err.message}`);
      });
    }
    if (process.env.FUZZ_STATS) console.log([...statuses].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}\t${k}`).join('\n'));
    if (failures.length) throw new Error(`${failures.length} operation(s) answered 5xx (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS}):\n\n${failures.join('\n\n')}`);
  }, 30 * 60_000);
});
