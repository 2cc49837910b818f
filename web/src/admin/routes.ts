import { type AreaRoute, preloadable } from '../shell/router';

/**
 * The admin pages (antd). Add a page by adding a row (on one line: the build reads its path and
 * import to list the page's preloads, web/vite.config.ts): rows without `:params` and with `menu
 * !== false` appear in the side menu, in this order. Paths start with /admin. The queue dashboard
 * (Bull Board) is a server page, opened from the menu (AdminArea).
 */
export const adminRoutes: AreaRoute[] = [
  { path: '/admin', title: '概览', page: preloadable(() => import('./HomePage')) },
  { path: '/admin/users', title: '用户', page: preloadable(() => import('./UsersPage')) },
  { path: '/admin/users/import', title: '批量导入用户', page: preloadable(() => import('./ImportUsersPage')) },
  { path: '/admin/cohorts', title: '班级与报名', page: preloadable(() => import('./CohortsPage')) },
  { path: '/admin/tiers', title: '段位规则与学时', page: preloadable(() => import('./TiersPage')) },
  { path: '/admin/eligibility', title: '认证资格与发证', page: preloadable(() => import('./EligibilityPage')) },
  { path: '/admin/certificates', title: '证书管理', page: preloadable(() => import('./CertificatesPage')) },
  { path: '/admin/reports', title: '年度报表', page: preloadable(() => import('./ReportsPage')) },
  { path: '/admin/audit', title: '审计日志', page: preloadable(() => import('./AuditPage')) },
];
