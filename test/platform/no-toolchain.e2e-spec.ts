import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildAppConfig } from '../../src/config/app-config';
import { freePort, serverEnv } from '../support/server-process';
import { clearRedisPrefix, createTestDatabase, dropTestDatabase } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/**
 * Nothing is compiled from C at install or build time: `npm run build` and the built app work
 * with a PATH that holds only node and npm (no g++, cc, make or python3).
 */
describe('building and starting without a C toolchain', () => {
  const bin = mkdtempSync(join(tmpdir(), 'lms-no-toolchain-'));
  const tag = randomBytes(4).toString('hex');
  const outDir = `dist-no-toolchain-${tag}`;
  const tsconfig = `tsconfig.no-toolchain-${tag}.json`;
  let database: string | undefined;
  let env: Record<string, string> | undefined;

  beforeAll(() => {
    symlinkSync(realpathSync(process.execPath), join(bin, 'node'));
    symlinkSync(realpathSync(join(process.execPath, '../npm')), join(bin, 'npm'));
    // The build's own output, beside dist/ (which other tests may be using), same depth from the root.
    writeFileSync(join(ROOT, tsconfig), JSON.stringify({ extends: './tsconfig.build.json', compilerOptions: { outDir: `./${outDir}` } }));
  });
  afterAll(async () => {
    if (env) await clearRedisPrefix(buildAppConfig(env));
    if (database) await dropTestDatabase(database);
    rmSync(bin, { recursive: true, force: true });
    rmSync(join(ROOT, tsconfig), { force: true });
    rmSync(join(ROOT, outDir), { recursive: true, force: true });
  });

  it('runs npm run build and serves requests', async () => {
    const PATH = bin;
    for (const tool of ['g++', 'gcc', 'cc', 'make', 'python3', 'node-gyp']) expect(existsSync(join(bin, tool))).toBe(false);

    await run(join(bin, 'npm'), ['run', 'build', '--', '-p', tsconfig], { cwd: ROOT, env: { PATH, HOME: process.env.HOME ?? tmpdir() }, timeout: 240_000 });
    expect(existsSync(join(ROOT, outDir, 'src/main.js'))).toBe(true);

    database = await createTestDatabase();
    env = serverEnv(database, await freePort(), { PATH });
    const child = spawn(join(bin, 'node'), [join(outDir, 'src/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    try {
      let live = false;
      for (let i = 0; i < 150 && !live && child.exitCode === null; i++) {
        live = await fetch(`http://127.0.0.1:${env.PORT}/health/live`).then((r) => r.ok, () => false);
        if (!live) await new Promise((r) => setTimeout(r, 200));
      }
      expect({ live, stderr: live ? '' : stderr }).toEqual({ live: true, stderr: '' });
      const login = await fetch(`http://127.0.0.1:${env.PORT}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'student1', password: 'demo1234' }),
      });
      expect(login.status).toBe(200);
    } finally {
      if (child.exitCode === null) {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        });
      }
    }
  }, 300_000);
});
