import { lazy } from 'react';
import type { AreaRoute } from '../shell/router';

/**
 * The admin pages (antd). Add a page by adding a row: rows without `:params` and with
 * `menu !== false` appear in the side menu, in this order. Paths start with /admin.
 */
export const adminRoutes: AreaRoute[] = [{ path: '/admin', title: '概览', page: lazy(() => import('./HomePage')) }];
