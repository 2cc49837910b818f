import type { OpenAPIObject } from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommonErrorCode } from '../../src/common/error-codes';
import { buildApiDocument } from '../support/openapi-document';

// The document /api/docs-json serves is what the portal's types are generated from: it must pass
// Redocly's recommended lint (redocly.yaml) and say, for every operation, what it answers.

const ROOT = join(__dirname, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  security?: Array<Record<string, unknown>>;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

function operations(doc: OpenAPIObject): Array<{ where: string; op: Operation }> {
  const out: Array<{ where: string; op: Operation }> = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)[method] as Operation | undefined;
      if (op) out.push({ where: `${method.toUpperCase()} ${path}`, op });
    }
  }
  return out;
}

/** Every code the app declares: the values of each `*ErrorCode` enum in a `*.errors.ts` under src/ (sub-contexts too). */
function declaredCodes(): Set<string> {
  const codes = new Set<string>(Object.values(CommonErrorCode));
  const errorFiles = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.errors.ts'));
  for (const file of errorFiles) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(ROOT, 'src', file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (name.endsWith('ErrorCode') && value && typeof value === 'object') {
        for (const code of Object.values(value)) if (typeof code === 'string') codes.add(code);
      }
    }
  }
  return codes;
}

describe('OpenAPI document', () => {
  let doc: OpenAPIObject;
  let dir: string;

  beforeAll(async () => {
    doc = await buildApiDocument();
    dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes redocly lint (recommended rules) with no error and no warning', () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'redocly'),
      ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, timeout: 60_000 },
    );
    const start = run.stdout.indexOf('{');
    expect(start).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(run.stdout.slice(start)) as { problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> };
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('gives every operation a unique operationId, and a success response with a body schema or media type', () => {
    const missing: string[] = [];
    const ids = new Set<string>();
    for (const { where, op } of operations(doc)) {
      expect(op.operationId).toBeTruthy();
      if (ids.has(op.operationId!)) missing.push(`${where}: duplicate operationId ${op.operationId}`);
      ids.add(op.operationId!);
      const successes = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      const described = successes.some(([status, r]) => {
        if (status === '204') return true;
        return Object.entries(r.content ?? {}).some(([type, media]) => type !== 'application/json' || media.schema !== undefined);
      });
      if (!described) missing.push(`${where}: no 2xx response with a schema or a media type`);
    }
    expect(missing).toEqual([]);
  });

  it('declares the error responses of every operation that takes input or needs a login, with codes the app declares', () => {
    const codes = declaredCodes();
    const problems: string[] = [];
    for (const { where, op } of operations(doc)) {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      const needsErrors = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined || (op.security ?? []).length > 0;
      if (needsErrors && errors.length === 0) problems.push(`${where}: no error response`);
      for (const [status, response] of errors) {
        // Pages answer their errors as pages (text/html); /health answers 503 with its own report.
        if (!response.content?.['application/json'] || !status.startsWith('4')) continue;
        const schema = response.content?.['application/json']?.schema as { allOf?: Array<{ $ref?: string; properties?: { code?: { enum?: string[] } } }> } | undefined;
        if (schema?.allOf?.[0]?.$ref !== '#/components/schemas/ApiErrorBody') {
          problems.push(`${where} ${status}: not the ApiErrorBody shape`);
          continue;
        }
        const listed = schema.allOf[1]?.properties?.code?.enum ?? [];
        if (listed.length === 0) problems.push(`${where} ${status}: lists no code`);
        for (const code of listed) if (!codes.has(code)) problems.push(`${where} ${status}: ${code} is in no *ErrorCode enum`);
      }
      if ((op.security ?? []).length > 0 && !op.responses['401']) problems.push(`${where}: needs a login but declares no 401`);
    }
    expect(problems).toEqual([]);
  });
});
