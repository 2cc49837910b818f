import { earlyApi } from '../api/client';
import { type AreaRoute, preloadable } from '../shell/router';
import { dashboardRequests, lessonRequests } from './first-requests';

/**
 * The student pages (antd-mobile only: never import antd here). Add a page by adding a row (on one
 * line: the build reads its path and import to list the page's preloads, web/vite.config.ts); each
 * page is its own chunk. Paths start with /student.
 */
export const studentRoutes: AreaRoute[] = [
  { path: '/student', title: '我的学习', page: preloadable(() => import('./HomePage')), firstRequests: (_, s) => dashboardRequests(earlyApi, s.user.id) },
  { path: '/student/courses/:courseId', title: '课程', page: preloadable(() => import('./CoursePage')) },
  { path: '/student/courses/:courseId/lessons/:lessonId', title: '课时', page: preloadable(() => import('./LessonPage')), firstRequests: (p) => lessonRequests(earlyApi, p.courseId) },
  { path: '/student/exams', title: '考试', page: preloadable(() => import('./ExamsPage')) },
  { path: '/student/attempts/:id', title: '答题', page: preloadable(() => import('./AttemptPage')) },
  { path: '/student/drills', title: '客服实训', page: preloadable(() => import('./DrillsPage')) },
  { path: '/student/drills/submissions/:id', title: '实训结果', page: preloadable(() => import('./DrillSubmissionPage')) },
  { path: '/student/drills/:id', title: '实训', page: preloadable(() => import('./DrillPage')) },
  { path: '/student/certificates', title: '我的证书', page: preloadable(() => import('./CertificatesPage')) },
];
