import { StaffLayout } from '../staff/StaffLayout';
import { trainerRoutes } from './routes';

export default function TrainerArea({ path }: { path: string }) {
  return <StaffLayout areaTitle="讲师工作台" home="/trainer" routes={trainerRoutes} path={path} />;
}
