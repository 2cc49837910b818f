import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { GetProps } from 'antd';
import { useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { useFit } from '../staff/fit';
import { formatTime, request } from '../staff/request';
import { usePagedList } from '../staff/paged-list';
import { AUDIT_ACTION_LABELS } from './labels';
import type { Paged, Schemas, UserView } from './types';

type Entry = Schemas['AuditEntryView'];
interface Fields {
  actor?: string;
  action?: string;
  targetId?: string;
  range?: GetProps<typeof DatePicker.RangePicker>['value'];
}

const PAGE_SIZE = 30;

/** The audit log, newest first: who did what to which record, filtered by actor, action, target and time. */
export default function AuditPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const [staff, setStaff] = useState<UserView[]>([]);
  const [query, setQuery] = useState<Record<string, string>>({});
  // Entries name their actor by id: admins and trainers are the ones who act.
  useEffect(() => {
    Promise.all(['admin', 'trainer'].map((role) => request<Paged<UserView>>('GET', `/api/users?role=${role}&limit=200`)))
      .then((pages) => setStaff(pages.flatMap((p) => p.items)))
      .catch((err: unknown) => message.error(userMessageOf(err)));
  }, [message]);

  const { data, loading, page, setPage } = usePagedList<Entry>('/api/audit', query, PAGE_SIZE);

  const search = (v: Fields) => {
    const q: Record<string, string> = {};
    if (v.actor) q.actor = v.actor;
    if (v.action) q.action = v.action;
    if (v.targetId?.trim()) q.targetId = v.targetId.trim();
    if (v.range?.[0]) q.from = v.range[0].startOf('day').format();
    if (v.range?.[1]) q.to = v.range[1].add(1, 'day').startOf('day').format();
    setPage(1);
    setQuery(q);
  };

  const actorName = (id: string | null) => {
    if (!id) return '系统';
    const u = staff.find((s) => s.id === id);
    return u ? `${u.displayName}（${u.username}）` : id;
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="筛选">
        <Form name="audit-filters" layout={inline} style={{ rowGap: 12 }} onFinish={search}>
          <Form.Item name="actor" label="操作人">
            <Select style={{ width: fit(200) }} allowClear showSearch={{ optionFilterProp: 'label' }} options={staff.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))} />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <Select style={{ width: fit(180) }} allowClear options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="targetId" label="对象编号">
            <Input style={{ width: fit(200) }} maxLength={100} />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker style={{ width: fit(260) }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title={`审计日志（共 ${data.total} 条）`}>
        <Table<Entry>
          data-testid="audit-log"
          rowKey="id"
          loading={loading}
          dataSource={data.items}
          scroll={data.items.length > 0 ? { x: 760 } : undefined}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showSizeChanger: false }}
          expandable={{
            expandedRowRender: (e) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(e.changes, null, 2)}</pre>,
          }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: formatTime },
            { title: '操作人', dataIndex: 'actorId', render: actorName },
            { title: '操作', dataIndex: 'action', render: (v: string) => AUDIT_ACTION_LABELS[v] ?? v },
            { title: '对象', key: 'target', render: (_: unknown, e) => <Typography.Text>{e.targetType}{e.targetId ? `：${e.targetId}` : ''}</Typography.Text> },
          ]}
        />
      </Card>
    </Space>
  );
}
