import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { userMessageOf } from '../api/errors';
import { homeFor, login } from '../auth/session';
import { navigate } from '../shell/router';

interface Fields {
  username: string;
  password: string;
}

export function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ username, password }: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const session = await login(username.trim(), password);
      navigate(session.user.mustChangePassword ? '/change-password' : homeFor(session.user.role), { replace: true });
    } catch (err) {
      setError(userMessageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>客户体验官孵化基地</h1>
      <p className="lms-subtitle">学习与认证平台</p>
      <Form
        layout="horizontal"
        onFinish={submit}
        footer={
          <>
            {error && (
              <div className="lms-error" role="alert">
                {error}
              </div>
            )}
            <Button block type="submit" color="primary" size="large" loading={busy}>
              登录
            </Button>
          </>
        }
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input placeholder="请输入用户名" autoComplete="username" autoCapitalize="off" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input type="password" placeholder="请输入密码" autoComplete="current-password" />
        </Form.Item>
      </Form>
    </>
  );
}
