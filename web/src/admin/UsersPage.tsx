import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { useSession } from '../auth/session';
import { useFit } from '../staff/fit';
import { options } from '../shell/labels';
import { request } from '../staff/request';
import { usePagedList } from '../staff/paged-list';
import { ToneTag } from '../staff/ToneTag';
import { ROLE_LABELS, USER_STATUS_LABELS } from './labels';
import { cohortOptions, useCohorts } from './cohorts';
import type { Schemas, UserView } from './types';

interface Filters {
  q?: string;
  role?: string;
  cohortId?: string;
  status?: string;
}

interface NewUser {
  username: string;
  displayName: string;
  role: string;
  cohortId?: string;
  password?: string;
}

const PAGE_SIZE = 20;

/** Users: search and filter, create, change role, disable or enable, and end every login of one. */
export default function UsersPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const session = useSession();
  const { cohorts } = useCohorts();
  const [filters, setFilters] = useState<Filters>({});
  const { data, loading, page, setPage, reload: load } = usePagedList<UserView>('/api/users', filters, PAGE_SIZE);
  const [created, setCreated] = useState<Schemas['CreatedUserView'] | null>(null);
  const [roleOf, setRoleOf] = useState<UserView | null>(null);
  const [createForm] = Form.useForm<NewUser>();

  const act = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      message.success(done);
      await load();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  const create = async (v: NewUser) => {
    try {
      const user = await request<Schemas['CreatedUserView']>('POST', '/api/users', { ...v, password: v.password || undefined });
      setCreated(user);
      createForm.resetFields();
      await load();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="查找用户">
        <Form
          name="user-filters"
          layout={inline}
          style={{ rowGap: 12 }}
          onFinish={(v: Filters) => {
            setPage(1);
            setFilters({ ...v, q: v.q?.trim() });
          }}
        >
          <Form.Item name="q" label="用户名或姓名">
            <Input style={{ width: fit(200) }} maxLength={64} allowClear />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select style={{ width: fit(120) }} allowClear options={options(ROLE_LABELS)} />
          </Form.Item>
          <Form.Item name="cohortId" label="班级">
            <Select style={{ width: fit(180) }} allowClear options={cohortOptions(cohorts)} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select style={{ width: fit(110) }} allowClear options={options(USER_STATUS_LABELS)} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>

      <Card title={`用户（共 ${data.total} 人）`}>
        <Table<UserView>
          rowKey="id"
          loading={loading}
          dataSource={data.items}
          scroll={data.items.length > 0 ? { x: 900 } : undefined}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '角色', dataIndex: 'role', render: (v: string) => ROLE_LABELS[v] ?? v },
            { title: '班级', dataIndex: 'cohortName', render: (v: string | null) => v ?? '—' },
            { title: '状态', dataIndex: 'status', render: (v: string) => <ToneTag tone={v === 'active' ? 'ok' : 'plain'}>{USER_STATUS_LABELS[v] ?? v}</ToneTag> },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, u) => (
                <Space wrap>
                  <Button size="small" onClick={() => setRoleOf(u)}>
                    修改角色
                  </Button>
                  {u.id === session?.user.id ? null : u.status === 'active' ? (
                    <Popconfirm title={`停用 ${u.displayName}？其所有登录将立即结束。`} okText="停用" cancelText="取消" onConfirm={() => act(() => request('POST', `/api/users/${u.id}/disable`), '已停用')}>
                      <Button size="small" danger>
                        停用
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => void act(() => request('POST', `/api/users/${u.id}/enable`), '已启用')}>
                      启用
                    </Button>
                  )}
                  <Popconfirm
                    title={`让 ${u.displayName} 在所有设备上退出登录？`}
                    okText="全部下线"
                    cancelText="取消"
                    onConfirm={() =>
                      act(async () => {
                        const r = await request<{ ended: number }>('POST', `/api/users/${u.id}/sign-out-everywhere`);
                        message.info(`已结束 ${r.ended} 个登录`);
                      }, '已全部下线')
                    }
                  >
                    <Button size="small">全部下线</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title="新建用户">
        <Form form={createForm} name="new-user" layout={inline} style={{ rowGap: 12 }} onFinish={create} initialValues={{ role: 'student' }}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_.-]{2,31}$/i, message: '3–32 位字母、数字、“_”“.”或“-”' }]}>
            <Input style={{ width: fit(160) }} maxLength={32} />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input style={{ width: fit(140) }} maxLength={100} />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true }]}>
            <Select style={{ width: fit(110) }} options={options(ROLE_LABELS)} />
          </Form.Item>
          <Form.Item name="cohortId" label="班级">
            <Select style={{ width: fit(180) }} allowClear options={cohortOptions(cohorts)} />
          </Form.Item>
          <Form.Item name="password" label="初始密码" extra="留空则自动生成" rules={[{ min: 8, message: '至少 8 位' }]}>
            <Input.Password style={{ width: fit(160) }} maxLength={128} autoComplete="new-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              创建用户
            </Button>
          </Form.Item>
        </Form>
        {created ? (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            closable
            onClose={() => setCreated(null)}
            title={`已创建 ${created.displayName}（${created.username}）`}
            description={created.initialPassword ? <Typography.Text copyable>初始密码：{created.initialPassword}（只显示这一次，首次登录须修改）</Typography.Text> : null}
          />
        ) : null}
      </Card>

      <RoleModal user={roleOf} onClose={() => setRoleOf(null)} onSaved={() => void load()} />
    </Space>
  );
}

function RoleModal({ user, onClose, onSaved }: { user: UserView | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [role, setRole] = useState<string>('student');
  useEffect(() => {
    if (user) setRole(user.role);
  }, [user]);
  const save = async () => {
    if (!user) return;
    try {
      await request('PATCH', `/api/users/${user.id}`, { role });
      message.success('角色已修改，该用户需要重新登录');
      onSaved();
      onClose();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };
  return (
    <Modal open={!!user} title={`修改角色：${user?.displayName ?? ''}`} okText="保存" cancelText="取消" onOk={() => void save()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>修改角色会结束该用户的所有登录。</Typography.Paragraph>
      <label htmlFor="new-role">新角色</label>
      <Select id="new-role" style={{ width: '100%' }} value={role} onChange={setRole} options={options(ROLE_LABELS)} />
    </Modal>
  );
}
