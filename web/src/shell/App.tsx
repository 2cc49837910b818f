import { Suspense, useEffect } from 'react';
import './theme.css';
import { getSession, homeFor, type Session, useSession } from '../auth/session';
import type { UserRole } from '../api/views';
import { adminRoutes } from '../admin/routes';
import { studentRoutes } from '../student/routes';
import { trainerRoutes } from '../trainer/routes';
import { type AreaRoute, findRoute, navigate, type Preloadable, preloadable, usePath } from './router';

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

const inArea = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + '/');

/** The area this user may open at this path (else they are sent home). */
const areaOf = (path: string, session: Session) => AREAS.find((a) => inArea(path, a.prefix) && a.roles.includes(session.user.role));

/**
 * Sends the first GETs of the page this path shows (its route's `firstRequests`) and loads its
 * chunks (preloaded by index.html), so that the first render draws the page whole instead of a
 * placeholder first (main.tsx waits for it).
 */
export function loadFirstView(path: string): Promise<unknown> {
  const session = getSession();
  const publicPage = path === '/login' || path === '/change-password';
  if (!session || session.user.mustChangePassword || publicPage) return publicPage ? PublicArea.load() : Promise.resolve();
  const area = areaOf(path, session);
  const found = area && findRoute(area.routes, path);
  // A failure reaches the page through its own call; these copies are not read.
  if (found?.route.firstRequests) Object.values(found.route.firstRequests(found.params, session)).forEach((p) => void p.catch(() => undefined));
  return Promise.all([area?.shell.load(), found?.route.page.load()]);
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
