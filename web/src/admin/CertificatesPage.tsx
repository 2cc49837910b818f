import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { LINK, useFit } from '../staff/fit';
import { options } from '../shell/labels';
import { formatTime, request } from '../staff/request';
import { usePagedList } from '../staff/paged-list';
import { type Tone, ToneTag } from '../staff/ToneTag';
import { cohortOptions, useCohorts } from './cohorts';
import { CERTIFICATE_STATUS_LABELS } from './labels';
import type { Schemas } from './types';

type Certificate = Schemas['CertificateView'];
type Filters = { cohortId?: string; tierCode?: string; status?: string };

const PAGE_SIZE = 20;
const STATUS_TONES: Record<string, Tone> = { valid: 'ok', revoked: 'bad', expired: 'plain' };

/** Issued certificates by cohort, tier and status, with the public verification link and revocation with a reason. */
export default function CertificatesPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const { cohorts } = useCohorts();
  const [tiers, setTiers] = useState<Schemas['TierView'][]>([]);
  const [filters, setFilters] = useState<Filters>({});
  const [revoking, setRevoking] = useState<Certificate | null>(null);

  useEffect(() => {
    request<Schemas['TierView'][]>('GET', '/api/certification/tiers')
      .then(setTiers)
      .catch((err: unknown) => message.error(userMessageOf(err)));
  }, [message]);

  const { data, loading, page, setPage, reload: load } = usePagedList<Certificate>('/api/certificates', filters, PAGE_SIZE);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="筛选">
        <Form
          name="certificate-filters"
          layout={inline}
          style={{ rowGap: 12 }}
          onFinish={(v: Filters) => {
            setPage(1);
            setFilters(v);
          }}
        >
          <Form.Item name="cohortId" label="班级">
            <Select style={{ width: fit(200) }} allowClear options={cohortOptions(cohorts)} />
          </Form.Item>
          <Form.Item name="tierCode" label="段位">
            <Select style={{ width: fit(220) }} allowClear options={tiers.map((t) => ({ value: t.code, label: t.name }))} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select style={{ width: fit(110) }} allowClear options={options(CERTIFICATE_STATUS_LABELS)} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title={`证书（共 ${data.total} 张）`}>
        <Table<Certificate>
          data-testid="certificates"
          rowKey="id"
          loading={loading}
          dataSource={data.items}
          scroll={data.items.length > 0 ? { x: 960 } : undefined}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: '证书编号',
              dataIndex: 'serial',
              render: (serial: string) => (
                <a style={{ color: LINK }} href={`/verify/${encodeURIComponent(serial)}`} target="_blank" rel="noreferrer" aria-label={`查验证书 ${serial}（新标签页）`}>
                  {serial}
                </a>
              ),
            },
            { title: '学员', dataIndex: 'studentName' },
            { title: '段位', dataIndex: 'tierName' },
            { title: '状态', dataIndex: 'status', render: (v: string) => <ToneTag tone={STATUS_TONES[v] ?? 'plain'}>{CERTIFICATE_STATUS_LABELS[v] ?? v}</ToneTag> },
            { title: '发证时间', dataIndex: 'issuedAt', render: formatTime },
            {
              title: '说明',
              key: 'note',
              render: (_: unknown, c) => [c.overrideReason ? `破格：${c.overrideReason}` : '', c.revokeReason ? `撤销原因：${c.revokeReason}` : ''].filter(Boolean).join('；') || '—',
            },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, c) =>
                c.status === 'revoked' ? null : (
                  <Button size="small" danger onClick={() => setRevoking(c)} aria-label={`撤销证书 ${c.serial}`}>
                    撤销证书
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <RevokeModal certificate={revoking} onClose={() => setRevoking(null)} onRevoked={() => void load()} />
    </Space>
  );
}

function RevokeModal({ certificate, onClose, onRevoked }: { certificate: Certificate | null; onClose: () => void; onRevoked: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = async (v: { reason: string }) => {
    if (!certificate) return;
    try {
      await request('POST', `/api/certificates/${certificate.id}/revoke`, { reason: v.reason });
      message.success(`证书 ${certificate.serial} 已撤销`);
      onRevoked();
      onClose();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };
  return (
    <Modal open={!!certificate} title={`撤销证书 ${certificate?.serial ?? ''}`} okText="撤销" okButtonProps={{ danger: true }} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Typography.Paragraph>
        撤销后证书记录仍保留，公开查验页将显示“已撤销”。持证人：{certificate?.studentName}，{certificate?.tierName}。
      </Typography.Paragraph>
      <Form form={form} name="revoke" layout="vertical" onFinish={revoke}>
        <Form.Item name="reason" label="撤销原因" rules={[{ required: true, whitespace: true, min: 2, message: '请填写撤销原因（至少 2 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
