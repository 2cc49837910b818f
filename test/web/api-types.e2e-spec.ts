import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from '../support/test-app';

const ROOT = join(__dirname, '../..');
const SCHEMA = join(ROOT, 'web/src/api/schema.d.ts');
const BIN = join(ROOT, 'node_modules/.bin/openapi-typescript');

/** The portal's request/response types are generated from the app's OpenAPI document (npm run api:types). */
describe('web/src/api/schema.d.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lms-api-types-'));
  const doc = join(dir, 'openapi.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    // The built app writes the document without a database (`npm test` builds first).
    execFileSync(process.execPath, [join(ROOT, 'dist/src/cli/openapi-doc.js'), doc], { cwd: ROOT });
  }, 60_000);

  it('is the document the running app serves at /api/docs-json (preview mode leaves nothing out)', async () => {
    const written = JSON.parse(readFileSync(doc, 'utf8')) as { paths: object };
    expect(Object.keys(written.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/refresh', '/api/me/transcript', '/api/me/password']));
    const t = await startTestApp({ seeded: false });
    try {
      const served = await t.http().get('/api/docs-json').expect(200);
      expect(written).toEqual(served.body);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('is up to date with the app (run `npm run api:types` after changing a route or a DTO)', () => {
    const check = spawnSync(BIN, [doc, '--check', '-o', SCHEMA], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: check.status, output: check.status === 0 ? '' : check.stdout + check.stderr }).toEqual({ status: 0, output: '' });
  }, 60_000);

  it('the check fails on a stale copy', () => {
    const stale = join(dir, 'schema.d.ts');
    copyFileSync(SCHEMA, stale);
    writeFileSync(stale, readFileSync(stale, 'utf8').replace('LoginDto: {', 'LoginDtoOld: {'));
    const check = spawnSync(BIN, [doc, '--check', '-o', stale], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).not.toBe(0);
  }, 60_000);
});
