import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { QUEUE_DASHBOARD_PATH } from '../jobs/queue-dashboard';

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

/** Server pages under a first segment that is otherwise the portal's (/admin is the admin area). */
export const SERVER_PATH_PREFIXES: readonly string[] = [QUEUE_DASHBOARD_PATH];

/** True when a GET for this path is a portal page (answered with index.html; the browser routes it). */
export function isPortalPath(path: string): boolean {
  const first = path.split('/')[1] ?? '';
  if (SERVER_PATH_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
  return !SERVER_PATH_SEGMENTS.has(first) && !first.includes('.');
}

/** A page path of the portal's route tables, with the files its first load needs (dist/web/.vite/page-preloads.json). */
interface PagePreloads {
  path: string;
  scripts: string[];
  styles: string[];
}

/** True when `path` is an instance of `pattern`, where `:name` segments match any one segment. */
function matchesPattern(pattern: string, path: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  return want.length === got.length && want.every((segment, i) => segment.startsWith(':') || segment === got[i]);
}

/**
 * index.html for each page path, with the page's scripts and styles listed as preloads, so the
 * browser fetches them alongside the entry script instead of after it has run (the field's usual
 * answer to a lazy route's waterfall). Paths not in the route tables get the plain index.html.
 */
function pageDocuments(root: string, index: string): (path: string) => string {
  const file = join(root, '.vite/page-preloads.json');
  const pages: PagePreloads[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const documents = pages.map((page) => {
    const links = [
      ...page.scripts.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
      ...page.styles.map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`),
    ];
    return { pattern: page.path, html: index.replace('</head>', `  ${links.join('\n    ')}\n  </head>`) };
  });
  return (path) => documents.find((d) => matchesPattern(d.pattern, path))?.html ?? index;
}

/**
 * Serves the built portal: hashed files under /static/ with a year-long immutable cache, and
 * index.html (never cached, with the page's preloads) for GET requests of pages whose Accept names text/html (a browser
 * navigating; API clients that accept anything still get JSON). Without a build
 * (dist/web/index.html missing) nothing is mounted and `/` answers the usual JSON 404.
 */
export function servePortal(app: NestExpressApplication, root = portalRoot()): void {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return;
  const documentFor = pageDocuments(root, readFileSync(indexFile, 'utf8'));
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
    res.type('html').send(documentFor(req.path));
  });
}
