import { Card, Typography } from 'antd';
import { useSession } from '../auth/session';

export default function HomePage() {
  const session = useSession();
  return (
    <Card>
      <Typography.Paragraph>您好，{session?.user.displayName}。请从左侧菜单选择要管理的内容。</Typography.Paragraph>
    </Card>
  );
}
