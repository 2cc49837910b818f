// Request generation for the OpenAPI fuzz test: every operation of the app's own document gets
// bodies, path parameters and query strings that are mostly shaped like its schema and partly
// hostile (wrong types, nulls, missing and extra fields, boundary numbers, deep nesting, huge
// strings, odd characters). Pure helpers: sending is the test's business.
import fc from 'fast-check';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  example?: unknown;
};

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}

export interface FuzzOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path with `{name}` placeholders. */
  path: string;
  pathParams: ParameterObject[];
  query: ParameterObject[];
  /** Media types the operation reads, and the JSON body schema when it has one. */
  consumes: string[];
  bodySchema?: Schema;
}

export interface FuzzRequest {
  method: FuzzOperation['method'];
  url: string;
  contentType?: string;
  /** The raw body text (JSON is serialised here so that `__proto__` keys and odd numbers survive). */
  body?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, in a stable order. */
export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  const ops: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const consumes = Object.keys(content);
      ops.push({
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        consumes: consumes.length ? consumes : method === 'get' || method === 'delete' ? [] : ['application/json'],
        bodySchema: content['application/json']?.schema,
      });
    }
  }
  return ops.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** A schema with its `$ref` and `allOf` resolved against the document's components (one level at a time). */
export function resolveSchema(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc, doc.components?.schemas?.[name]);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolveSchema(doc, s));
    return {
      ...schema,
      allOf: undefined,
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), schema.properties ?? {}),
      required: [...new Set(parts.flatMap((p) => p.required ?? []).concat(schema.required ?? []))],
    };
  }
  return schema;
}

const primaryType = (s: Schema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** Nested arrays or objects around a value, `depth` levels deep. */
export function nestedValue(depth: number, asObjects = false): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = asObjects ? { a: v } : [v];
  return v;
}

const BOUNDARY_NUMBERS = [0, -0, 1, -1, 0.5, -0.5, 1.5, 59, 60, 100, 101, 1000, 1001, 6001, 86_401, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, -(2 ** 63), 1e21, 1e308, -1e308, 5e-324];

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\u202Eabc',
  '💥🎓',
  '中文测试',
  "' OR 1=1 --",
  '"; DROP TABLE app_user; --',
  '../../../../etc/passwd',
  '%00',
  '%',
  '${7*7}',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '99999999999999999999999',
  '0x10',
  '2026-12-01T09:00:00',
  '2026-02-30T09:00:00+08:00',
  '294277-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '__proto__',
  'constructor',
];

/** Long strings: past every column limit, and near the body-size limit. */
const hugeString = fc.constantFrom(201, 501, 5001, 10_001, 100_000, 900_000).map((n) => 'x'.repeat(n));

/** A value that is very likely wrong for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom(...BOUNDARY_NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom([], [null], {}, [[[]]], { a: null }, [1, 'a', null, {}]) },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 40 }).map((d) => nestedValue(d)) },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 40 }).map((d) => nestedValue(d, true)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...ODD_STRINGS), { minLength: 1000, maxLength: 6000 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** A value shaped like `schema` (its type, format, enum and bounds), without knowing what exists. */
export function validValue(doc: OpenApiDocument, input: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const schema = resolveSchema(doc, input);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.oneOf?.length || schema.anyOf?.length) {
    return fc.oneof(...(schema.oneOf ?? schema.anyOf ?? []).map((s) => validValue(doc, s, ids, depth + 1)));
  }
  const type = primaryType(schema) ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = Math.max(min, schema.maximum ?? 100_000);
      const int = fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(min, max));
      return type === 'integer' ? int : fc.oneof(int, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
    }
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringFor(schema, ids);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      if (depth > 4) return fc.constant([]);
      return fc.array(validValue(doc, schema.items, ids, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      if (depth > 4 || !schema.properties) return fc.constant({});
      const required = schema.required ?? [];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, prop] of Object.entries(schema.properties)) record[name] = validValue(doc, prop, ids, depth + 1);
      return fc.record(record, { requiredKeys: required.filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: Schema, ids: string[]): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return ids.length ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
        .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().replace('Z', '+08:00')));
    case 'date':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'binary':
      return fc.string({ maxLength: 64 });
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  const examples = typeof schema.example === 'string' ? [fc.constant(schema.example)] : [];
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength }), ...examples);
}

/** Mostly a value of the right shape; sometimes a hostile one. */
function fieldValue(doc: OpenApiDocument, schema: Schema | undefined, ids: string[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: validValue(doc, schema, ids) }, { weight: 1, arbitrary: hostileValue });
}

/** A JSON body for `schema`: its fields with some missing, some wrong, some extra; or not an object at all. */
export function bodyValue(doc: OpenApiDocument, input: Schema | undefined, ids: string[]): fc.Arbitrary<unknown> {
  const schema = resolveSchema(doc, input);
  const shaped: fc.Arbitrary<unknown> =
    primaryType(schema) === 'object' || schema.properties
      ? fc
          .tuple(
            fc.record(
              Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, prop]) => [name, fieldValue(doc, prop, ids)])),
              { requiredKeys: [] },
            ),
            fc.dictionary(fc.constantFrom('extra', 'id', 'role', 'status', 'createdBy', 'ownerId', '__proto__', 'constructor', '$where'), hostileValue, {
              maxKeys: 2,
            }),
            fc.boolean(),
          )
          .map(([fields, extra, addExtra]) => (addExtra ? { ...fields, ...extra } : fields))
      : fieldValue(doc, schema, ids);
  return fc.oneof(
    // Bodies that fit the schema reach the services (and the database), where the 5xx hide.
    { weight: 5, arbitrary: validValue(doc, schema, ids) },
    { weight: 5, arbitrary: shaped },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constantFrom(nestedValue(33), nestedValue(33, true), nestedValue(1500), nestedValue(1500, true)) },
  );
}

/** JSON text for a value (own `__proto__` keys survive: object spread and JSON.stringify keep them). */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** A path parameter: an id that exists, one that does not, or something that is not an id. */
function pathValue(ids: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.uuid() },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_STRINGS.filter((s) => s !== '')) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(300), 'x'.repeat(5000), '1', '-1', '0', 'me') },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  );
}

/** One query parameter's raw value(s): shaped like its schema, hostile, empty or repeated. */
function queryValues(doc: OpenApiDocument, p: ParameterObject, ids: string[]): fc.Arbitrary<string[]> {
  const one = fc.oneof(
    { weight: 4, arbitrary: validValue(doc, p.schema, ids).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_STRINGS, ...BOUNDARY_NUMBERS.map(String)) },
    { weight: 1, arbitrary: hugeString.map((s) => s.slice(0, 3000)) },
  );
  return fc.oneof({ weight: 5, arbitrary: one.map((v) => [v]) }, { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }) });
}

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    // A lone surrogate cannot be encoded as UTF-8; send its bytes as a client might.
    return escape(s);
  }
};

/** Requests for one operation. `ids` are ids that exist (so that some requests get past "not found"). */
export function requestsFor(doc: OpenApiDocument, op: FuzzOperation, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const pathArb = fc.tuple(...op.pathParams.map(() => pathValue(ids))).map((values) => {
    let url = op.path;
    op.pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, enc(values[i]));
    });
    return url;
  });
  const queryArb = fc
    .tuple(
      fc.record(Object.fromEntries(op.query.map((p) => [p.name, queryValues(doc, p, ids)])), { requiredKeys: [] }),
      fc.option(fc.tuple(fc.constantFrom('extra', 'sort', 'limit', 'offset', '__proto__', 'a[b]', 'q'), fc.constantFrom(...ODD_STRINGS)), { freq: 4 }),
    )
    .map(([params, extra]) => {
      const pairs = Object.entries(params as Record<string, string[]>).flatMap(([k, vs]) => vs.map((v) => `${enc(k)}=${enc(v)}`));
      if (extra) pairs.push(`${enc(extra[0])}=${enc(extra[1])}`);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
  const bodyArb: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType'>> = op.consumes.length
    ? fc.oneof(
        { weight: 8, arbitrary: bodyFor(doc, op, ids) },
        { weight: 1, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.record({
            contentType: fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json'),
            body: fc.constantFrom('a=1', '<a/>', '{"a":', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--\r\n', '\u0000', '[]'),
          }),
        },
      )
    : fc.constant({});
  return fc.tuple(pathArb, queryArb, bodyArb).map(([path, query, body]) => ({ method: op.method, url: path + query, ...body }));
}

function bodyFor(doc: OpenApiDocument, op: FuzzOperation, ids: string[]): fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType'>> {
  const arbs: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType'>>[] = [];
  for (const type of op.consumes) {
    if (type === 'application/json') {
      arbs.push(bodyValue(doc, op.bodySchema, ids).map((v) => ({ contentType: 'application/json', body: toJson(v) })));
    } else if (type === 'text/csv') {
      const cell = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...ODD_STRINGS), fc.constantFrom('student', 'trainer', 'admin', 'single', 'A', '1'));
      const row = fc.array(cell, { minLength: 0, maxLength: 8 }).map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
      const header = fc.constantFrom('username,display_name,role,cohort,password', 'ref,type,stem,option_a,option_b,answer,points,tags', 'a,b', '');
      arbs.push(
        fc.tuple(header, fc.array(row, { maxLength: 6 }), fc.constantFrom('\n', '\r\n')).map(([h, rows, nl]) => ({ contentType: 'text/csv', body: [h, ...rows].join(nl) })),
      );
    } else if (type === 'multipart/form-data') {
      arbs.push(
        fc
          .tuple(fc.constantFrom('file', 'video', ''), fc.constantFrom('a.mp4', 'a.webm', '../../a.mp4', ''), fc.constantFrom('video/mp4', 'video/webm', 'text/plain'), fc.string({ maxLength: 200 }), fc.boolean())
          .map(([field, filename, mime, content, closed]) => ({
            contentType: 'multipart/form-data; boundary=fuzzboundary',
            body:
              `--fuzzboundary\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n${content}\r\n` +
              (closed ? '--fuzzboundary--\r\n' : ''),
          })),
      );
    } else {
      arbs.push(fc.string({ maxLength: 100 }).map((body) => ({ contentType: type, body })));
    }
  }
  return fc.oneof(...arbs);
}
