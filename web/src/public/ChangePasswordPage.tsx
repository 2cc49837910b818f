import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { userMessageOf } from '../api/errors';
import { changePassword, homeFor, logout } from '../auth/session';
import { navigate } from '../shell/router';

interface Fields {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** Shown after login while the account still has its initial password (and reachable to change it later). */
export function ChangePasswordPage() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const session = await changePassword(currentPassword, newPassword);
      navigate(homeFor(session.user.role), { replace: true });
    } catch (err) {
      setError(userMessageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>修改密码</h1>
      <p className="lms-subtitle">首次登录请设置新密码（至少 8 位）</p>
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
              保存新密码
            </Button>
            <Button block fill="none" style={{ marginTop: 8 }} onClick={() => void logout()}>
              退出登录
            </Button>
          </>
        }
      >
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input type="password" autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" rules={[{ required: true, min: 8, message: '新密码至少 8 位' }]}>
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再输入一次新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
            }),
          ]}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </>
  );
}
