import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { ChangePasswordPage } from './ChangePasswordPage';
import { LoginPage } from './LoginPage';
import './public.css';

/** The pages before an area: login and the forced password change (antd-mobile, phone first, fine on a desktop). */
export default function PublicArea({ path }: { path: string }) {
  return (
    <ConfigProvider locale={zhCN}>
      <main className="lms-public">{path === '/change-password' ? <ChangePasswordPage /> : <LoginPage />}</main>
    </ConfigProvider>
  );
}
