import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Statistic, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { useFit } from '../staff/fit';
import { request } from '../staff/request';
import { ScrollRegion } from '../staff/ScrollRegion';
import { ToneTag } from '../staff/ToneTag';
import { cohortOptions, useCohorts } from './cohorts';
import type { Schemas } from './types';

type Board = Schemas['CohortBoardView'];
type Row = Schemas['BoardRowView'];
type Batch = Schemas['BatchIssueView'];
type Outcome = Schemas['IssueOutcomeView'];

const SKIP_LABELS: Record<string, string> = { already_held: '已持有该段位证书', not_eligible: '尚未满足条件' };

/**
 * A cohort's eligibility board: per student and tier, eligible, held, or what they still miss (the
 * API's Chinese sentences); issuing one certificate (with an override reason when not eligible) or
 * a whole tier in one batch, with its report.
 */
export default function EligibilityPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const { cohorts } = useCohorts();
  const [tiers, setTiers] = useState<Schemas['TierView'][]>([]);
  const [query, setQuery] = useState<{ cohortId?: string; tierCode?: string }>({});
  const [board, setBoard] = useState<Board | null>(null);
  const [loading, setLoading] = useState(false);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [overriding, setOverriding] = useState<{ row: Row; tierCode: string } | null>(null);

  useEffect(() => {
    request<Schemas['TierView'][]>('GET', '/api/certification/tiers')
      .then(setTiers)
      .catch((err: unknown) => message.error(userMessageOf(err)));
  }, [message]);

  const load = useCallback(async () => {
    if (!query.cohortId) return;
    setLoading(true);
    const q = new URLSearchParams({ cohortId: query.cohortId });
    if (query.tierCode) q.set('tierCode', query.tierCode);
    try {
      setBoard(await request<Board>('GET', `/api/certification/eligibility?${q}`));
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setLoading(false);
    }
  }, [query, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const tierName = (code: string) => tiers.find((t) => t.code === code)?.name ?? code;

  const issueOne = async (studentId: string, tierCode: string, overrideReason?: string) => {
    try {
      const cert = await request<Schemas['CertificateView']>('POST', '/api/certificates', {
        studentId,
        tierCode,
        ...(overrideReason ? { override: { reason: overrideReason } } : {}),
      });
      message.success(`已发放证书 ${cert.serial}`);
      await load();
      return true;
    } catch (err) {
      message.error(userMessageOf(err));
      return false;
    }
  };

  const issueBatch = async (tierCode: string) => {
    if (!board) return;
    try {
      const r = await request<Batch>('POST', '/api/certificates/batch', { tierCode, cohortId: board.cohortId });
      setBatch(r);
      message.success(`${tierName(tierCode)}：发放 ${r.issued} 张，跳过 ${r.skipped} 人`);
      await load();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  const shownTiers = board?.tiers ?? [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="选择班级">
        <Form name="board-query" layout={inline} style={{ rowGap: 12 }} onFinish={(v: { cohortId: string; tierCode?: string }) => setQuery({ ...v })}>
          <Form.Item name="cohortId" label="班级" rules={[{ required: true, message: '请选择班级' }]}>
            <Select style={{ width: fit(220) }} options={cohortOptions(cohorts)} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="tierCode" label="段位">
            <Select style={{ width: fit(240) }} allowClear placeholder="全部段位" options={tiers.map((t) => ({ value: t.code, label: t.name }))} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading}>
              查看资格
            </Button>
          </Form.Item>
        </Form>
      </Card>

      {board ? (
        <>
          <Card title={`${board.cohortName}：各段位概况`}>
            <Space wrap size="large">
              {shownTiers.map((t) => (
                <Card key={t.code} size="small" title={t.name}>
                  <Space size="large">
                    <Statistic title="可发证" value={t.eligible} />
                    <Statistic title="已持证" value={t.held} />
                  </Space>
                  <div style={{ marginTop: 12 }}>
                    <Popconfirm
                      title={`为 ${board.cohortName} 所有符合条件、尚未持证的学员发放${t.name}证书？`}
                      okText="批量发证"
                      cancelText="取消"
                      onConfirm={() => issueBatch(t.code)}
                      disabled={t.eligible === 0}
                    >
                      <Button type="primary" disabled={t.eligible === 0}>
                        批量发证
                      </Button>
                    </Popconfirm>
                  </div>
                </Card>
              ))}
            </Space>
          </Card>

          {batch ? (
            <Card title={`批量发证结果：${tierName(batch.tierCode)}`}>
              <Typography.Paragraph role="status">
                发放 {batch.issued} 张，跳过 {batch.skipped} 人
              </Typography.Paragraph>
              <ScrollRegion label="批量发证结果" minWidth={560}>
                <Table<Outcome>
                  data-testid="batch-report"
                  rowKey="studentId"
                  dataSource={batch.results}
                  pagination={false}
                  size="small"
                  columns={[
                    { title: '学员', dataIndex: 'displayName' },
                    { title: '结果', dataIndex: 'outcome', render: (v: string) => <ToneTag tone={v === 'issued' ? 'ok' : 'plain'}>{v === 'issued' ? '已发放' : '跳过'}</ToneTag> },
                    { title: '证书编号', dataIndex: 'serial', render: (v?: string) => v ?? '—' },
                    {
                      title: '说明',
                      key: 'why',
                      render: (_: unknown, o) => (o.reason ? [SKIP_LABELS[o.reason] ?? o.reason, ...(o.missing ?? [])].join('；') : ''),
                    },
                  ]}
                />
              </ScrollRegion>
            </Card>
          ) : null}

          <Card title="学员资格">
            <Table<Row>
              data-testid="eligibility-board"
              rowKey="studentId"
              loading={loading}
              dataSource={board.students}
              pagination={{ pageSize: 50 }}
              scroll={board.students.length > 0 ? { x: 360 + shownTiers.length * 260 } : undefined}
              columns={[
                { title: '学员', key: 'student', fixed: 'left', width: 140, render: (_: unknown, r) => `${r.displayName}（${r.username}）` },
                ...shownTiers.map((t) => ({
                  title: t.name,
                  key: t.code,
                  render: (_: unknown, r: Row) => {
                    const cell = r.tiers.find((c) => c.tierCode === t.code);
                    if (!cell) return '—';
                    if (cell.held) return <ToneTag tone="info">已持证</ToneTag>;
                    if (cell.eligible) {
                      return (
                        <Space wrap>
                          <ToneTag tone="ok">符合条件</ToneTag>
                          <Popconfirm title={`为 ${r.displayName} 发放${t.name}证书？`} okText="发放证书" cancelText="取消" onConfirm={() => issueOne(r.studentId, t.code)}>
                            <Button size="small" type="primary" aria-label={`发放证书：${r.displayName}，${t.name}`}>
                              发放证书
                            </Button>
                          </Popconfirm>
                        </Space>
                      );
                    }
                    return (
                      <Space orientation="vertical" size={4}>
                        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                          {cell.missing.map((m) => (
                            <li key={m}>{m}</li>
                          ))}
                        </ul>
                        <Button size="small" onClick={() => setOverriding({ row: r, tierCode: t.code })} aria-label={`破格发证：${r.displayName}，${t.name}`}>
                          破格发证
                        </Button>
                      </Space>
                    );
                  },
                })),
              ]}
            />
          </Card>
        </>
      ) : null}

      <OverrideModal
        target={overriding ? { name: overriding.row.displayName, tier: tierName(overriding.tierCode) } : null}
        onClose={() => setOverriding(null)}
        onSubmit={async (reason) => (overriding ? issueOne(overriding.row.studentId, overriding.tierCode, reason) : false)}
      />
    </Space>
  );
}

function OverrideModal({ target, onClose, onSubmit }: { target: { name: string; tier: string } | null; onClose: () => void; onSubmit: (reason: string) => Promise<boolean> }) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={!!target}
      title={`破格发证：${target?.name ?? ''}，${target?.tier ?? ''}`}
      okText="发证"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>该学员尚未满足全部条件。破格发证须填写原因，原因会记入审计日志和证书记录。</Typography.Paragraph>
      <Form
        form={form}
        name="override"
        layout="vertical"
        onFinish={async (v) => {
          if (await onSubmit(v.reason)) onClose();
        }}
      >
        <Form.Item name="reason" label="破格原因" rules={[{ required: true, whitespace: true, min: 2, message: '请填写原因（至少 2 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
