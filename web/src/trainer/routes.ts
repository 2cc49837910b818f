import { type AreaRoute, preloadable } from '../shell/router';

/**
 * The trainer pages (antd). Add a page by adding a row (on one line: the build reads its path and
 * import to list the page's preloads, web/vite.config.ts): rows without `:params` and with `menu
 * !== false` appear in the side menu, in this order. Paths start with /trainer.
 */
export const trainerRoutes: AreaRoute[] = [
  { path: '/trainer', title: '工作台', page: preloadable(() => import('./HomePage')) },
  { path: '/trainer/courses', title: '课程', page: preloadable(() => import('./CoursesPage')) },
  { path: '/trainer/courses/:id', title: '编辑课程', menu: false, page: preloadable(() => import('./CourseEditorPage')) },
  { path: '/trainer/banks', title: '题库', page: preloadable(() => import('./BanksPage')) },
  { path: '/trainer/banks/:id', title: '编辑题库', menu: false, page: preloadable(() => import('./BankPage')) },
  { path: '/trainer/exams/new', title: '新建考试', page: preloadable(() => import('./ExamBuilderPage')) },
  { path: '/trainer/reviews', title: '评阅与质检', page: preloadable(() => import('./ReviewsPage')) },
  { path: '/trainer/class-sessions', title: '线下课堂', page: preloadable(() => import('./ClassSessionsPage')) },
];
