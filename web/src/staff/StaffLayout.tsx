import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { Suspense } from 'react';
import { logout, useSession } from '../auth/session';
import { type AreaRoute, findRoute, navigate } from '../shell/router';

const { Header, Sider, Content } = Layout;

/**
 * antd's defaults for secondary text (placeholders, hints, statistic titles, empty states) and the
 * danger red are below 4.5:1 on white (axe: colour contrast); these pass WCAG AA.
 */
const STAFF_THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorError: '#c41d1f',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  },
};

export interface StaffLayoutProps {
  /** Shown at the top of the side menu, e.g. 讲师工作台. */
  areaTitle: string;
  /** The area's home path, e.g. /trainer. */
  home: string;
  routes: readonly AreaRoute[];
  path: string;
  /** Menu entries below the pages that run something instead of navigating (e.g. open a tool in a new tab). */
  menuActions?: ReadonlyArray<{ key: string; label: string; run: () => void }>;
}

/**
 * The desk layout of the trainer and admin areas (antd, zh-CN): a side menu built from the
 * area's route table (rows with `menu !== false`), a header with the user and logout, and the
 * matched page. Collapses the menu below the `lg` breakpoint.
 */
export function StaffLayout({ areaTitle, home, routes, path, menuActions = [] }: StaffLayoutProps) {
  const session = useSession();
  const found = findRoute(routes, path);
  const Page = found?.route.page;
  const menuItems = routes.filter((r) => r.menu !== false && !r.path.includes(':')).map((r) => ({ key: r.path, label: r.title }));
  const selected = menuItems
    .filter((i) => path === i.key || path.startsWith(i.key + '/'))
    .sort((a, b) => b.key.length - a.key.length)
    .slice(0, 1)
    .map((i) => i.key);

  return (
    <ConfigProvider locale={zhCN} theme={STAFF_THEME}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Sider breakpoint="lg" collapsedWidth={0} theme="light" width={208} aria-label="导航">
            <div style={{ padding: '16px 24px', fontWeight: 600, fontSize: 16 }}>{areaTitle}</div>
            <nav aria-label={`${areaTitle}菜单`}>
              <Menu
                mode="inline"
                selectedKeys={selected}
                items={[...menuItems, ...menuActions.map((a) => ({ key: a.key, label: a.label }))]}
                onClick={({ key }) => {
                  const action = menuActions.find((a) => a.key === key);
                  if (action) action.run();
                  else navigate(String(key));
                }}
              />
            </nav>
          </Sider>
          <Layout>
            <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
              <Typography.Title level={1} style={{ fontSize: 18, margin: 0 }}>
                {found?.route.title ?? '页面不存在'}
              </Typography.Title>
              <Space>
                <span>
                  <UserOutlined aria-hidden /> {session?.user.displayName}
                </span>
                <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
                  退出
                </Button>
              </Space>
            </Header>
            <Content style={{ margin: 24 }}>
              <main>
                {Page ? (
                  <Suspense fallback={<Spin description="加载中" />}>
                    <Page params={found.params} />
                  </Suspense>
                ) : (
                  <Result status="404" title="页面不存在" extra={<Button onClick={() => navigate(home)}>回到首页</Button>} />
                )}
              </main>
            </Content>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
