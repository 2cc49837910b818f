import { lazy } from 'react';
import type { AreaRoute } from '../shell/router';

/**
 * The student pages (antd-mobile only: never import antd here). Add a page by adding a row (on one
 * line: the build reads its path and import to list the page's preloads, web/vite.config.ts); each
 * page is its own chunk. Paths start with /student.
 */
export const studentRoutes: AreaRoute[] = [
  { path: '/student', title: '我的学习', page: lazy(() => import('./HomePage')) },
  { path: '/student/courses/:courseId', title: '课程', page: lazy(() => import('./CoursePage')) },
  { path: '/student/courses/:courseId/lessons/:lessonId', title: '课时', page: lazy(() => import('./LessonPage')) },
  { path: '/student/exams', title: '考试', page: lazy(() => import('./ExamsPage')) },
  { path: '/student/attempts/:id', title: '答题', page: lazy(() => import('./AttemptPage')) },
  { path: '/student/drills', title: '客服实训', page: lazy(() => import('./DrillsPage')) },
  { path: '/student/drills/submissions/:id', title: '实训结果', page: lazy(() => import('./DrillSubmissionPage')) },
  { path: '/student/drills/:id', title: '实训', page: lazy(() => import('./DrillPage')) },
  { path: '/student/certificates', title: '我的证书', page: lazy(() => import('./CertificatesPage')) },
];
