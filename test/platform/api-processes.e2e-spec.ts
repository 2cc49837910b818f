import { readFileSync } from 'node:fs';
import { buildAppConfig } from '../../src/config/app-config';
import { freePort, ServerProcess, serverEnv } from '../support/server-process';
import { clearRedisPrefix, createTestDatabase, dropTestDatabase } from '../support/test-app';

function childPids(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children ? children.split(/\s+/).map(Number) : [];
}

describe('API_PROCESSES: several API processes share the port', () => {
  let database: string;
  let env: Record<string, string>;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    // No secrets given: the supervisor makes them up once and hands the same ones to every process.
    const { JWT_SECRET: _jwt, MEDIA_URL_SECRET: _media, ...withoutSecrets } = serverEnv(database, await freePort(), { API_PROCESSES: '2' });
    env = withoutSecrets;
    server = new ServerProcess(env);
  });

  afterAll(async () => {
    await server.stop('SIGKILL');
    await clearRedisPrefix(buildAppConfig(env));
    await dropTestDatabase(database);
  });

  it('serves from every process with one set of secrets, replaces a process that dies, and stops them all on SIGTERM', async () => {
    await server.start();
    const supervisor = server.child?.pid as number;
    for (let i = 0; i < 50 && childPids(supervisor).length < 2; i++) await new Promise((r) => setTimeout(r, 200));
    const [first, second] = childPids(supervisor);
    expect(second).toBeDefined();

    // A token made by one process is accepted by the other: 20 concurrent requests open 20
    // connections, which the cluster hands to the two processes in turn.
    const token = await server.login('student1');
    const results = await Promise.all(Array.from({ length: 20 }, () => server.call('GET', '/api/me', token)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));

    process.kill(second, 'SIGKILL');
    for (let i = 0; i < 50 && !(childPids(supervisor).length === 2 && !childPids(supervisor).includes(second)); i++) await new Promise((r) => setTimeout(r, 200));
    expect(childPids(supervisor)).toEqual(expect.arrayContaining([first]));
    expect(childPids(supervisor)).toHaveLength(2);
    expect((await server.call('GET', '/api/me', token)).status).toBe(200);

    const [replacement] = childPids(supervisor).filter((p) => p !== first);
    await server.stop('SIGTERM');
    const gone = (pid: number) => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    };
    for (let i = 0; i < 50 && !(gone(first) && gone(replacement)); i++) await new Promise((r) => setTimeout(r, 200));
    expect([gone(first), gone(replacement)]).toEqual([true, true]);
  });
});
