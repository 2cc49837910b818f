import { type FuzzOperation, type OpenApiDocument, operationsOf, resolveSchema } from '../support/openapi-fuzz';
import { startTestApp, TestApp } from '../support/test-app';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/**
 * From the app's OpenAPI document: for every JSON body field, an explicit `null` is refused with a
 * 400 naming the field unless the document declares the field nullable (then `null` passes
 * validation, meaning "clear it"). A field that lets `null` through to the database fails here.
 */
describe('null in request bodies', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let ops: FuzzOperation[];
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    ops = operationsOf(doc).filter((op) => op.bodySchema && resolveSchema(doc, op.bodySchema).properties);
    for (const user of ['admin', 'trainer1', 'student1']) tokens.push(await t.login(user));
  });
  afterAll(() => t.close());

  /** Sends `body` as the first role the route lets in (validation runs after the role check). */
  async function sendAsAllowed(op: FuzzOperation, body: unknown) {
    const url = op.pathParams.reduce((u, p) => u.replace(`{${p.name}}`, NO_SUCH_ID), op.path);
    let res;
    for (const token of tokens) {
      res = await t.http()[op.method](url).set('Authorization', `Bearer ${token}`).send(body as object);
      if (res.status !== 403) return res;
    }
    return res!;
  }

  it('finds the body fields to check', () => {
    expect(ops.length).toBeGreaterThan(20);
  });

  it('refuses null for every field the document does not declare nullable, and accepts it for those it does', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const op of ops) {
      const schema = resolveSchema(doc, op.bodySchema);
      for (const [name, raw] of Object.entries(schema.properties ?? {})) {
        const prop = resolveSchema(doc, raw);
        const nullable = raw.nullable === true || prop.nullable === true;
        const res = await sendAsAllowed(op, { [name]: null });
        const where = `${op.method.toUpperCase()} ${op.path} ${name}: null`;
        const message = String(res.body.message ?? '');
        const namesField = message.split('; ').some((m) => m.startsWith(`${name}: `));
        checked++;
        if (res.status >= 500) problems.push(`${where} → ${res.status}`);
        else if (nullable && namesField) problems.push(`${where} is declared nullable but refused: ${message}`);
        else if (!nullable && (res.status !== 400 || !namesField)) problems.push(`${where} → ${res.status} ${res.body.code} ${message.slice(0, 200)}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
