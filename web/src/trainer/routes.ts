import { lazy } from 'react';
import type { AreaRoute } from '../shell/router';

/**
 * The trainer pages (antd). Add a page by adding a row: rows without `:params` and with
 * `menu !== false` appear in the side menu, in this order. Paths start with /trainer.
 */
export const trainerRoutes: AreaRoute[] = [{ path: '/trainer', title: '工作台', page: lazy(() => import('./HomePage')) }];
