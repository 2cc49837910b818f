import { Button, ConfigProvider, DotLoading, ErrorBlock, SafeArea } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { Suspense } from 'react';
import { logout } from '../auth/session';
import { findRoute, navigate } from '../shell/router';
import { studentRoutes } from './routes';
import './student.css';

/** The student area: antd-mobile with its zh-CN locale, a title bar with back and logout, and the matched page. */
export default function StudentArea({ path }: { path: string }) {
  const found = findRoute(studentRoutes, path);
  const isHome = path === '/student' || path === '/student/';
  const Page = found?.route.page;
  return (
    <ConfigProvider locale={zhCN}>
      <div className="lms-student">
        <header>
          {/* Not antd-mobile's NavBar: its left slot is a role="button" even without a back link (axe: aria-command-name). */}
          <div className="lms-student-bar">
            <span className="lms-student-bar-side">
              {!isHome && (
                <Button size="mini" fill="none" onClick={() => (window.history.length > 1 ? window.history.back() : navigate('/student'))}>
                  <span aria-hidden>‹</span> 返回
                </Button>
              )}
            </span>
            <h1 className="lms-student-title">{found?.route.title ?? '页面不存在'}</h1>
            <span className="lms-student-bar-side lms-student-bar-end">
              <Button size="mini" fill="none" onClick={() => void logout()}>
                退出
              </Button>
            </span>
          </div>
        </header>
        <main className="lms-student-main">
          {Page ? (
            <Suspense
              fallback={
                <div className="lms-student-loading" role="status">
                  <DotLoading /> 加载中
                </div>
              }
            >
              <Page params={found.params} />
            </Suspense>
          ) : (
            <ErrorBlock status="empty" title="页面不存在" description={<a href="/student" onClick={(e) => (e.preventDefault(), navigate('/student'))}>回到首页</a>} />
          )}
        </main>
        <SafeArea position="bottom" />
      </div>
    </ConfigProvider>
  );
}
