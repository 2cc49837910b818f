import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * First path segments that belong to the server (API, health, media, server-rendered pages).
 * The portal's fallback never answers under them, so a page the server renders is never shadowed.
 * test/web/serving.e2e-spec.ts checks every GET route the app declares against this list.
 */
export const SERVER_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  'api',
  'health',
  'media',
  'check-in',
  'classroom',
  'class-sessions',
  'verify',
  '.well-known',
  'assets',
  'static',
]);

/** Where `npm run build:web` writes the portal (dist/web), from the compiled file or from the TypeScript source (tests). */
export function portalRoot(): string {
  return __filename.endsWith('.js') ? resolve(__dirname, '../../web') : resolve(__dirname, '../../dist/web');
}

/** True when a GET for this path is a portal page (answered with index.html; the browser routes it). */
export function isPortalPath(path: string): boolean {
  const first = path.split('/')[1] ?? '';
  return !SERVER_PATH_SEGMENTS.has(first) && !first.includes('.');
}

/**
 * Serves the built portal: hashed files under /static/ with a year-long immutable cache, and
 * index.html (never cached) for GET requests of pages whose Accept names text/html (a browser
 * navigating; API clients that accept anything still get JSON). Without a build
 * (dist/web/index.html missing) nothing is mounted and `/` answers the usual JSON 404.
 */
export function servePortal(app: NestExpressApplication, root = portalRoot()): void {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return;
  const index = readFileSync(indexFile);
  // The portal's scripts shrink to about a third with gzip: on a phone's slow link that is most of
  // the first load. Only the hashed files are compressed (index.html is under a kilobyte); API
  // responses stay as they are. Behind nginx, nginx's gzip does this instead (docker/nginx.conf).
  app.use('/static/', compression());
  app.useStaticAssets(join(root, 'static'), {
    prefix: '/static/',
    index: false,
    immutable: true,
    maxAge: '365d',
    etag: false,
    fallthrough: true,
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isPortalPath(req.path) || !(req.headers.accept ?? '').includes('text/html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(index);
  });
}
