import { StaffLayout } from '../staff/StaffLayout';
import { openQueueDashboard } from './queue-dashboard';
import { adminRoutes } from './routes';

const MENU_ACTIONS = [{ key: 'queue-dashboard', label: '任务队列（新标签页）', run: () => void openQueueDashboard() }];

export default function AdminArea({ path }: { path: string }) {
  return <StaffLayout areaTitle="管理后台" home="/admin" routes={adminRoutes} path={path} menuActions={MENU_ACTIONS} />;
}
