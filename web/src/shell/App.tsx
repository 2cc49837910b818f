import { Suspense, useEffect } from 'react';
import './theme.css';
import { getSession, homeFor, type Session, useSession } from '../auth/session';
import { earlyApi } from '../api/client';
import type { UserRole } from '../api/views';
import { adminRoutes } from '../admin/routes';
import { dashboardRequests, lessonRequests } from '../student/first-requests';
import { studentRoutes } from '../student/routes';
import { trainerRoutes } from '../trainer/routes';
import { type AreaRoute, findRoute, matchPath, navigate, type Preloadable, preloadable, usePath } from './router';

// One chunk per area, loaded on first visit: a student never downloads antd (trainer/admin),
// and staff never download the student pages. The login pages use antd-mobile (small, phone first).
// The route tables are small (paths, titles, import functions) and live here too, so that the
// first page's chunks load before the first render (loadFirstView).
const PublicArea = preloadable(() => import('../public/PublicArea'));

/** Which roles may open each area; anyone else is sent to their own home. */
const AREAS: Array<{ prefix: string; roles: UserRole[]; shell: Preloadable<{ path: string }>; routes: readonly AreaRoute[] }> = [
  { prefix: '/student', roles: ['student'], shell: preloadable(() => import('../student/StudentArea')), routes: studentRoutes },
  { prefix: '/trainer', roles: ['trainer', 'admin'], shell: preloadable(() => import('../trainer/TrainerArea')), routes: trainerRoutes },
  { prefix: '/admin', roles: ['admin'], shell: preloadable(() => import('../admin/AdminArea')), routes: adminRoutes },
];

/**
 * On a first load, the pages a phone opens first send their GETs at once, while the page's code is
 * still downloading (one round trip of a slow link less before the page shows); the page takes the
 * answers. Every other page fetches when it renders.
 */
const EARLY_REQUESTS: Array<{ path: string; send: (params: Record<string, string>, session: Session) => Record<string, Promise<unknown>> }> = [
  { path: '/student', send: (_, s) => dashboardRequests(earlyApi, s.user.id) },
  { path: '/student/courses/:courseId/lessons/:lessonId', send: (params) => lessonRequests(earlyApi, params.courseId) },
];

function sendEarlyRequests(path: string, session: Session | null): void {
  if (!session || session.user.mustChangePassword || session.user.role !== 'student') return;
  for (const early of EARLY_REQUESTS) {
    const params = matchPath(early.path, path);
    // A failure reaches the page through its own call; this copy is not read.
    if (params) return Object.values(early.send(params, session)).forEach((p) => void p.catch(() => undefined));
  }
}

sendEarlyRequests(window.location.pathname, getSession());

const inArea = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + '/');

/** The area this user may open at this path (else they are sent home). */
const areaOf = (path: string, session: Session) => AREAS.find((a) => inArea(path, a.prefix) && a.roles.includes(session.user.role));

/**
 * Loads the chunks of the page this path shows (preloaded by index.html), so that the first
 * render draws the page whole instead of a placeholder first (main.tsx waits for it).
 */
export function loadFirstView(path: string): Promise<unknown> {
  const session = getSession();
  const publicPage = path === '/login' || path === '/change-password';
  if (!session || session.user.mustChangePassword || publicPage) return publicPage ? PublicArea.load() : Promise.resolve();
  const area = areaOf(path, session);
  return Promise.all([area?.shell.load(), area && findRoute(area.routes, path)?.route.page.load()]);
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** The top level: decides between the login pages and the three areas by path and session. */
export function App() {
  const path = usePath();
  const session = useSession();
  const publicPage = path === '/login' || path === '/change-password';

  let view;
  if (!session) {
    view = path === '/login' ? <PublicArea path={path} /> : <Redirect to="/login" />;
  } else if (session.user.mustChangePassword) {
    view = path === '/change-password' ? <PublicArea path={path} /> : <Redirect to="/change-password" />;
  } else if (publicPage || path === '/') {
    view = path === '/change-password' ? <PublicArea path={path} /> : <Redirect to={homeFor(session.user.role)} />;
  } else {
    const area = areaOf(path, session);
    view = area ? <area.shell path={path} /> : <Redirect to={homeFor(session.user.role)} />;
  }
  return <Suspense fallback={<div className="lms-loading" role="status" aria-label="加载中" />}>{view}</Suspense>;
}
