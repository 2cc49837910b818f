import { type ComponentType, lazy, type LazyExoticComponent, useSyncExternalStore } from 'react';
import type { Session } from '../auth/session';

/** A page of an area: `path` may hold `:name` parameters (e.g. `/student/lessons/:id`). */
export interface AreaRoute {
  path: string;
  /** Shown in the page header and (staff areas) the side menu. */
  title: string;
  /** Listed in the side menu of a staff area (pages reached from a list, like an editor, set false). */
  menu?: boolean;
  page: Preloadable<PageProps>;
  /**
   * The page's first GETs, sent through `earlyApi` on a first load while the page's code is still
   * downloading (one round trip of a slow link less); the page's identical calls take the answers.
   */
  firstRequests?: (params: Record<string, string>, session: Session) => Record<string, Promise<unknown>>;
}

export interface PageProps {
  params: Record<string, string>;
}

/** A component in a chunk of its own that the shell can load before it renders it. */
export type Preloadable<P> = LazyExoticComponent<ComponentType<P>> & { load: () => Promise<unknown> };

type ComponentModule<P> = { default: ComponentType<P> };

/**
 * React.lazy whose import can be started ahead (`load`). Once the import has finished the
 * component renders at once: React.lazy takes any thenable, and one already settled calls back
 * synchronously, so React does not suspend for a tick and paint the loading placeholder for a
 * frame (main.tsx loads the first page this way before the first render).
 */
export function preloadable<P>(importer: () => Promise<ComponentModule<P>>): Preloadable<P> {
  let loaded: ComponentModule<P> | undefined;
  let loading: Promise<ComponentModule<P>> | undefined;
  const load = () => (loading ??= importer().then((module) => (loaded = module)));
  const settled = (module: ComponentModule<P>) => ({ then: (resolve: (m: ComponentModule<P>) => void) => resolve(module) }) as unknown as Promise<ComponentModule<P>>;
  return Object.assign(
    lazy(() => (loaded ? settled(loaded) : load())),
    { load },
  );
}

const CHANGE = 'lms:navigate';

/** Goes to a page of the portal without reloading. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

/** The current path; the component renders again on every navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The parameters when `pattern` matches `path` (trailing slash ignored), else null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** The first route of a table matching the path. */
export function findRoute(routes: readonly AreaRoute[], path: string): { route: AreaRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}
