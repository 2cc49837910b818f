import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildAppConfig } from '../../src/config/app-config';
import { freePort, serverEnv } from '../support/server-process';
import { clearRedisPrefix, createTestDatabase, dropTestDatabase } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/** What a checkout holds that the build and the app read (node_modules is linked, not copied). */
const CHECKOUT = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'src', 'libs', 'seeds', 'web'];

/**
 * Nothing is compiled from C at install or build time: `npm run build` and the built app work
 * with a PATH that holds only node, npm and sh (no g++, cc, make or python3). The build runs in a copy
 * of the checkout, so that the dist/ other tests use is left alone.
 */
describe('building and starting without a C toolchain', () => {
  const work = mkdtempSync(join(tmpdir(), 'lms-no-toolchain-'));
  const bin = join(work, 'bin');
  const checkout = join(work, 'checkout');
  let database: string | undefined;
  let env: Record<string, string> | undefined;

  beforeAll(() => {
    for (const entry of CHECKOUT) if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(checkout, entry), { recursive: true });
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(checkout, 'node_modules'));
    cpSync(process.execPath, join(bin, 'node'), { dereference: true });
    symlinkSync(realpathSync(join(process.execPath, '../npm')), join(bin, 'npm'));
    symlinkSync('/bin/sh', join(bin, 'sh')); // npm runs scripts with sh
  });
  afterAll(async () => {
    if (env) await clearRedisPrefix(buildAppConfig(env));
    if (database) await dropTestDatabase(database);
    rmSync(work, { recursive: true, force: true });
  });

  it('runs npm run build and serves requests', async () => {
    const PATH = bin;
    for (const tool of ['g++', 'gcc', 'cc', 'make', 'python3', 'node-gyp']) expect(existsSync(join(bin, tool))).toBe(false);

    await run(join(bin, 'npm'), ['run', 'build'], { cwd: checkout, env: { PATH, HOME: process.env.HOME ?? tmpdir() }, timeout: 240_000 });
    expect(existsSync(join(checkout, 'dist/src/main.js'))).toBe(true);

    database = await createTestDatabase();
    env = serverEnv(database, await freePort(), { PATH });
    const child = spawn(join(bin, 'node'), ['dist/src/main.js'], { cwd: checkout, env, stdio: ['ignore', 'ignore', 'pipe'] });
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
