import { lazy, Suspense, useEffect } from 'react';
import './theme.css';
import { getSession, homeFor, type Session, useSession } from '../auth/session';
import { earlyApi } from '../api/client';
import type { UserRole } from '../api/views';
import { dashboardRequests, lessonRequests } from '../student/first-requests';
import { matchPath, navigate, usePath } from './router';

// One chunk per area, loaded on first visit: a student never downloads antd (trainer/admin),
// and staff never download the student pages. The login pages use antd-mobile (small, phone first).
const PublicArea = lazy(() => import('../public/PublicArea'));
const StudentArea = lazy(() => import('../student/StudentArea'));
const TrainerArea = lazy(() => import('../trainer/TrainerArea'));
const AdminArea = lazy(() => import('../admin/AdminArea'));

/** Which roles may open each area; anyone else is sent to their own home. */
const AREAS: Array<{ prefix: string; roles: UserRole[] }> = [
  { prefix: '/student', roles: ['student'] },
  { prefix: '/trainer', roles: ['trainer', 'admin'] },
  { prefix: '/admin', roles: ['admin'] },
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
    const area = AREAS.find((a) => inArea(path, a.prefix));
    if (!area || !area.roles.includes(session.user.role)) view = <Redirect to={homeFor(session.user.role)} />;
    else if (area.prefix === '/student') view = <StudentArea path={path} />;
    else if (area.prefix === '/trainer') view = <TrainerArea path={path} />;
    else view = <AdminArea path={path} />;
  }
  return <Suspense fallback={<div className="lms-loading" role="status" aria-label="加载中" />}>{view}</Suspense>;
}
