import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isPortalPath, portalRoot } from '../../src/portal/serve-portal';
import { ensurePortalBuilt } from '../support/browser';
import { listRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('serving the portal', () => {
  let t: TestApp;

  /** The body's size as sent (supertest and fetch inflate it): a plain request on a listening server. */
  async function bytesOnTheWire(path: string): Promise<number> {
    const server = t.app.getHttpServer();
    if (!server.listening) await t.app.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve(bytes));
      }).on('error', reject);
    });
  }

  beforeAll(async () => {
    ensurePortalBuilt();
    t = await startTestApp({ seeded: false, env: { HTTP_COMPRESSION: 'true' } });
  });
  afterAll(() => t?.close());

  it('answers page paths a browser navigates to with index.html, never cached', async () => {
    for (const path of ['/', '/login', '/student', '/student/lessons/42', '/admin/users']) {
      const res = await t.http().get(path).set('Accept', HTML).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root"></div>');
    }
  });

  it("lists a page's own scripts and styles as preloads in its index.html, and only its area's", async () => {
    const chunks: Record<string, { packages: string[] }> = JSON.parse(readFileSync(join(portalRoot(), '.vite/chunks.json'), 'utf8'));
    const preloads = async (path: string) => {
      const res = await t.http().get(path).set('Accept', HTML).expect(200);
      return [...res.text.matchAll(/<link rel="(?:modulepreload|preload)"[^>]* href="\/([^"]+)"/g)].map((m) => m[1]);
    };
    const named = (files: string[], name: string) => files.filter((f) => new RegExp(`^static/${name}-[\\w-]+\\.js$`).test(f));
    const lesson = await preloads('/student/courses/c1/lessons/l1');
    expect(named(lesson, 'StudentArea')).toHaveLength(1);
    expect(named(lesson, 'LessonPage')).toHaveLength(1);
    expect(named(lesson, 'HomePage')).toHaveLength(0);
    expect(lesson.some((f) => f.endsWith('.css'))).toBe(true);
    // Every preloaded file is served, and none of a student page's holds antd.
    for (const file of lesson) await t.http().get(`/${file}`).expect(200);
    expect(lesson.filter((f) => chunks[f]?.packages.includes('antd'))).toEqual([]);
    const admin = await preloads('/admin/users');
    expect(named(admin, 'AdminArea')).toHaveLength(1);
    expect(named(admin, 'UsersPage')).toHaveLength(1);
    expect(named(admin, 'StudentArea')).toHaveLength(0);
    // A path outside the route tables gets the plain document (its page says 页面不存在), with only
    // the entry's own preloads that Vite writes into index.html.
    const plain = await preloads('/login');
    expect(plain.length).toBeLessThan(lesson.length);
    expect(await preloads('/student/no/such/page/here')).toEqual(plain);
  });

  it('serves the hashed files with a year-long immutable cache, and a JSON 404 for a missing one', async () => {
    const file = readdirSync(join(portalRoot(), 'static')).find((f) => f.endsWith('.js'));
    expect(file).toBeDefined();
    const res = await t.http().get(`/static/${file}`).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await t.http().get('/static/nothing-here-12345678.js').set('Accept', HTML).expect(404);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
    // The build's report lies next to the files but is not served.
    expect(existsSync(join(portalRoot(), '.vite/chunks.json'))).toBe(true);
    await t.http().get('/.vite/chunks.json').set('Accept', HTML).expect(404);
  });

  it("sends the portal and the API's larger answers gzip-compressed to clients that accept them", async () => {
    const file = readdirSync(join(portalRoot(), 'static'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => ({ f, size: statSync(join(portalRoot(), 'static', f)).size }))
      .sort((a, b) => b.size - a.size)[0];
    const script = await t.http().get(`/static/${file.f}`).set('Accept-Encoding', 'gzip').expect(200);
    expect(script.headers['content-encoding']).toBe('gzip');
    // supertest inflates the body: it is the whole file, sent in far fewer bytes.
    expect(Buffer.byteLength(script.text)).toBe(file.size);
    expect(await bytesOnTheWire(`/static/${file.f}`)).toBeLessThan(file.size / 2);
    const plain = await t.http().get(`/static/${file.f}`).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // The API's JSON too once it is over a kilobyte; a small answer goes as it is.
    const document = await t.http().get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(document.headers['content-encoding']).toBe('gzip');
    expect(await bytesOnTheWire('/api/docs-json')).toBeLessThan(Buffer.byteLength(document.text) / 3);
    const small = await t.http().get('/api/nothing-here').set('Accept-Encoding', 'gzip').expect(404);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('leaves compression to nginx in front when HTTP_COMPRESSION=false', async () => {
    const behindNginx = await startTestApp({ seeded: false, env: { HTTP_COMPRESSION: 'false' } });
    try {
      const res = await behindNginx.http().get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
      expect(res.headers['content-encoding']).toBeUndefined();
    } finally {
      await behindNginx.close();
    }
  });

  it('leaves the API, health and the server-rendered pages alone, even for a browser', async () => {
    const api = await t.http().get('/api/nothing-here').set('Accept', HTML).expect(404);
    expect(api.body.code).toBe('ROUTE_NOT_FOUND');
    const live = await t.http().get('/health/live').set('Accept', HTML).expect(200);
    expect(live.text).not.toContain('<div id="root">');
    const checkIn = await t.http().get('/check-in').set('Accept', HTML);
    expect(checkIn.text).not.toContain('<div id="root">');
    await t.http().post('/login').set('Accept', HTML).expect(404);
  });

  it('answers API clients that do not ask for HTML with the JSON 404 as before', async () => {
    const res = await t.http().get('/').set('Accept', 'application/json').expect(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
    await t.http().get('/student').expect(404);
  });

  it('no GET route the app declares falls under the portal fallback', () => {
    const shadowed = listRoutes(t.app)
      .filter((r) => r.method === 'GET' || r.method === 'ALL')
      .map((r) => r.path)
      .filter((path) => isPortalPath(path));
    // A new server-rendered page needs its first path segment in SERVER_PATH_SEGMENTS (src/portal/serve-portal.ts).
    expect(shadowed).toEqual([]);
  });
});
