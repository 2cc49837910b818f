import { App, Button, Card, Form, Input, Space, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { useSession } from '../auth/session';
import { navigate } from '../shell/router';
import { LINK, useFit } from '../staff/fit';
import { request } from '../staff/request';
import type { BankView, Page } from './views';

/** The question banks a trainer may read (own, shared, seeded) and a form for a new one. */
export default function BanksPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const session = useSession();
  const [banks, setBanks] = useState<BankView[]>([]);
  const [loading, setLoading] = useState(true);
  const [form] = Form.useForm<{ title: string; shared: boolean }>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBanks((await request<Page<BankView>>('GET', '/api/question-banks?limit=200')).items);
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async (v: { title: string; shared: boolean }) => {
    try {
      const bank = await request<BankView>('POST', '/api/question-banks', v);
      message.success('题库已创建');
      navigate(`/trainer/banks/${bank.id}`);
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="新建题库">
        <Form form={form} name="new-bank" layout={inline} onFinish={create} initialValues={{ shared: false }} style={{ rowGap: 12 }}>
          <Form.Item name="title" label="题库名称" rules={[{ required: true, message: '请填写题库名称' }]}>
            <Input style={{ width: fit(260) }} maxLength={200} />
          </Form.Item>
          <Form.Item name="shared" label="共享给其他讲师" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              创建题库
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title="题库列表">
        <Table<BankView>
          rowKey="id"
          loading={loading}
          dataSource={banks}
          scroll={{ x: 560 }}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: '题库名称',
              dataIndex: 'title',
              render: (title: string, b) => (
                <a style={{ color: LINK }} href={`/trainer/banks/${b.id}`} onClick={(e) => { e.preventDefault(); navigate(`/trainer/banks/${b.id}`); }}>
                  {title}
                </a>
              ),
            },
            { title: '题目数', dataIndex: 'questionCount' },
            {
              title: '归属',
              key: 'owner',
              render: (_: unknown, b) => (b.ownerId === session?.user.id ? <Tag color="blue">我的</Tag> : b.ownerId ? <Tag>他人</Tag> : <Tag>系统预置</Tag>),
            },
            { title: '共享', dataIndex: 'shared', render: (v: boolean) => (v ? '已共享' : '未共享') },
          ]}
        />
      </Card>
    </Space>
  );
}
