import { OwnRedis } from '../support/redis-server';
import { withMaintenanceClient } from '../support/test-env';
import { startTestApp, TestApp } from '../support/test-app';

describe('platform conventions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seeded: false });
  });
  afterAll(() => t.close());

  it('reports database and Redis health', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document generated from the DTOs, and its UI', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/courses/{id}', '/api/users/import']));
    expect(doc.body.components.schemas.CreateUserDto.properties).toHaveProperty('username');
    const ui = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('sends security headers, no X-Powered-By, and no CORS unless configured', async () => {
    const res = await t.http().get('/health/live').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.http().get('/health/live').set('X-Request-Id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.http().get('/health/live').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health when a dependency is down', () => {
  it('answers 503 naming Redis when Redis stops, and 200 again when it is back', async () => {
    const redis = await OwnRedis.start();
    // API role: a BullMQ worker cannot close after its Redis restarted (taskforcesh/bullmq#4656).
    const t = await startTestApp({ seeded: false, env: { REDIS_PORT: String(redis.port), APP_ROLE: 'api' } });
    try {
      await t.http().get('/health').expect(200);
      await redis.down();
      const res = await t.http().get('/health').expect(503);
      expect(res.body).toMatchObject({ status: 'error', database: { status: 'up' }, redis: { status: 'down' } });
      await redis.up();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await t.http().get('/health')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    } finally {
      await t.close();
      await redis.down();
    }
  });

  it('answers 503 naming the database when PostgreSQL stops answering', async () => {
    const t = await startTestApp({ seeded: false });
    try {
      const db = t.config.database.database;
      await withMaintenanceClient(async (c) => {
        await c.query(`ALTER DATABASE "${db}" ALLOW_CONNECTIONS false`);
        await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [db]);
      });
      const res = await t.http().get('/health').expect(503);
      expect(res.body).toMatchObject({ status: 'error', database: { status: 'down' }, redis: { status: 'up' } });
    } finally {
      await t.close();
    }
  });
});
