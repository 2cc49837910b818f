import { lazy } from 'react';
import type { AreaRoute } from '../shell/router';

/**
 * The student pages (antd-mobile only: never import antd here). Add a page by adding a row;
 * each page is its own chunk. Paths start with /student.
 */
export const studentRoutes: AreaRoute[] = [{ path: '/student', title: '我的学习', page: lazy(() => import('./HomePage')) }];
