import { StaffLayout } from '../staff/StaffLayout';
import { adminRoutes } from './routes';

export default function AdminArea({ path }: { path: string }) {
  return <StaffLayout areaTitle="管理后台" home="/admin" routes={adminRoutes} path={path} />;
}
