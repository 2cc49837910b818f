import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/error-messages';
import { userMessageOf } from '../api/errors';
import type { PageProps } from '../shell/router';
import { IMPORT_STATUS_LABELS, options, QUESTION_TYPE_LABELS } from '../shell/labels';
import { ANSWER_HINTS, answerText, parseAnswer, parseOptions } from './question-form';
import { ScrollRegion } from '../staff/ScrollRegion';
import { request } from '../staff/request';
import type { BankView, ImportReport, ImportRowReport, Page, QuestionView } from './views';

interface QuestionFields {
  type: string;
  stem: string;
  options?: string;
  answer: string;
  points: number;
  tags?: string;
  explanation?: string;
}

const CHOICE = ['single', 'multiple'];

/** One bank: its questions, add/edit, bulk import with the per-row report, sharing, answer-key corrections. */
export default function BankPage({ params }: PageProps) {
  const { message } = App.useApp();
  const id = params.id;
  const [bank, setBank] = useState<BankView | null>(null);
  const [questions, setQuestions] = useState<QuestionView[]>([]);
  const [editing, setEditing] = useState<QuestionView | 'new' | null>(null);
  const [correcting, setCorrecting] = useState<QuestionView | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importFormat, setImportFormat] = useState<'csv' | 'json'>('csv');
  const [importText, setImportText] = useState('');
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    try {
      setBank(await request<BankView>('GET', `/api/question-banks/${id}`));
      setQuestions((await request<Page<QuestionView>>('GET', `/api/question-banks/${id}/questions?limit=200`)).items);
    } catch (err) {
      message.error(userMessageOf(err));
    }
  }, [id, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const toggleShared = async (shared: boolean) => {
    try {
      setBank(await request<BankView>('PATCH', `/api/question-banks/${id}`, { shared }));
      message.success(shared ? '已共享给其他讲师' : '已取消共享');
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  const runImport = async () => {
    setImporting(true);
    try {
      let body: unknown = importText;
      if (importFormat === 'json') {
        try {
          body = JSON.parse(importText);
        } catch {
          message.error('JSON 格式不正确，请检查后重试。');
          return;
        }
      }
      const r = await request<ImportReport>('POST', `/api/question-banks/${id}/import`, body, 'text/csv');
      setReport(r);
      message.info(`共 ${r.total} 行：新增 ${r.created}，更新 ${r.updated}，无变化 ${r.unchanged}，失败 ${r.failed}`);
      await load();
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setImporting(false);
    }
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setImportFormat(file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv');
    setImportText(await file.text());
  };

  if (!bank) return <Card loading />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={bank.title}>
        <Space wrap>
          <span>题目数：{bank.questionCount}</span>
          <label htmlFor="bank-shared">共享给其他讲师</label>
          <Switch id="bank-shared" checked={bank.shared} onChange={(v) => void toggleShared(v)} />
        </Space>
      </Card>

      <Card
        title="题目"
        extra={
          <Button type="primary" onClick={() => setEditing('new')}>
            添加题目
          </Button>
        }
      >
        <Table<QuestionView>
          rowKey="id"
          dataSource={questions}
          scroll={{ x: 720 }}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '编号', dataIndex: 'ref', render: (v: string | null) => v ?? '—' },
            { title: '题型', dataIndex: 'type', render: (v: string) => QUESTION_TYPE_LABELS[v] ?? v },
            { title: '题干', dataIndex: 'stem', ellipsis: true },
            { title: '分值', dataIndex: 'points' },
            { title: '标签', dataIndex: 'tags', render: (tags: string[]) => tags.map((t) => <Tag key={t}>{t}</Tag>) },
            { title: '版本', dataIndex: 'version' },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, q) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(q)}>
                    编辑
                  </Button>
                  <Button size="small" onClick={() => setCorrecting(q)}>
                    更正答案
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title="批量导入">
        <Typography.Paragraph>
          CSV 表头：type, stem, option_a … option_j, answer, points（可选 ref, scoring, tags, difficulty, explanation）；或 JSON 题目数组。
        </Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={importFormat}
            onChange={(e) => setImportFormat(e.target.value as 'csv' | 'json')}
            options={[
              { value: 'csv', label: 'CSV' },
              { value: 'json', label: 'JSON' },
            ]}
            aria-label="导入格式"
          />
          <label htmlFor="import-file">选择文件</label>
          <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void readFile(e.target.files?.[0])} />
          <label htmlFor="import-text">或粘贴内容</label>
          <Input.TextArea id="import-text" rows={6} value={importText} onChange={(e) => setImportText(e.target.value)} />
          <Button type="primary" onClick={() => void runImport()} loading={importing} disabled={!importText.trim()}>
            开始导入
          </Button>
        </Space>
        {report ? (
          <div style={{ marginTop: 16 }}>
            <Typography.Paragraph role="status">
              共 {report.total} 行：新增 {report.created}，更新 {report.updated}，无变化 {report.unchanged}，失败 {report.failed}
            </Typography.Paragraph>
            <ScrollRegion label="导入结果" minWidth={480}>
            <Table<ImportRowReport>
              aria-label="导入结果"
              data-testid="import-report"
              rowKey={(r) => `${r.line ?? r.row}-${r.ref ?? ''}`}
              dataSource={report.rows}
              pagination={false}
              size="small"
              columns={[
                { title: '行号', key: 'at', render: (_: unknown, r) => r.line ?? r.row },
                { title: '编号', dataIndex: 'ref', render: (v: string | null) => v ?? '—' },
                {
                  title: '结果',
                  dataIndex: 'status',
                  render: (v: string) => <Tag color={v === 'failed' ? 'red' : v === 'created' ? 'blue' : undefined}>{IMPORT_STATUS_LABELS[v] ?? v}</Tag>,
                },
                { title: '原因', key: 'code', render: (_: unknown, r) => (r.code ? errorMessage(r.code, 400) : '') },
              ]}
            />
            </ScrollRegion>
          </div>
        ) : null}
      </Card>

      <QuestionModal bankId={id} question={editing} onClose={() => setEditing(null)} onSaved={() => void load()} />
      <CorrectionModal question={correcting} onClose={() => setCorrecting(null)} onSaved={() => void load()} />
    </Space>
  );
}

function QuestionModal({ bankId, question, onClose, onSaved }: { bankId: string; question: QuestionView | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<QuestionFields>();
  const type = Form.useWatch('type', form) ?? 'single';

  useEffect(() => {
    if (question === null) return;
    if (question === 'new') form.setFieldsValue({ type: 'single', stem: '', options: '', answer: '', points: 2, tags: '', explanation: '' });
    else
      form.setFieldsValue({
        type: question.type,
        stem: question.stem,
        options: (question.options ?? []).map((o) => o.text).join('\n'),
        answer: answerText(question.type, question.answer),
        points: question.points,
        tags: question.tags.join(','),
        explanation: question.explanation ?? '',
      });
  }, [question, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      type: v.type,
      stem: v.stem,
      options: CHOICE.includes(v.type) ? parseOptions(v.options) : undefined,
      answer: parseAnswer(v.type, v.answer),
      points: v.points,
      tags: (v.tags ?? '').split(/[,，]/).map((t) => t.trim()).filter(Boolean),
      explanation: v.explanation?.trim() || undefined,
    };
    try {
      if (question === 'new') await request('POST', `/api/question-banks/${bankId}/questions`, body);
      else if (question) await request('PATCH', `/api/questions/${question.id}`, body);
      message.success('题目已保存');
      onSaved();
      onClose();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  return (
    <Modal open={question !== null} title={question === 'new' ? '添加题目' : '编辑题目（保存为新版本）'} onCancel={onClose} onOk={() => void save()} okText="保存" destroyOnHidden forceRender>
      <Form form={form} name="question" layout="vertical">
        <Form.Item name="type" label="题型">
          <Select options={options(QUESTION_TYPE_LABELS)} />
        </Form.Item>
        <Form.Item name="stem" label="题干" rules={[{ required: true, message: '请填写题干' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {CHOICE.includes(type) ? (
          <Form.Item name="options" label="选项（每行一个，依次为 A、B、C…）" rules={[{ required: true, message: '请填写选项' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        ) : null}
        <Form.Item name="answer" label={`答案（${ANSWER_HINTS[type] ?? ''}）`} rules={[{ required: true, message: '请填写答案' }]}>
          <Input.TextArea rows={type === 'short_answer' || type === 'scenario' ? 6 : 2} />
        </Form.Item>
        <Form.Item name="points" label="分值" rules={[{ required: true, message: '请填写分值' }]}>
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
        <Form.Item name="tags" label="标签（逗号分隔）">
          <Input />
        </Form.Item>
        <Form.Item name="explanation" label="解析">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CorrectionModal({ question, onClose, onSaved }: { question: QuestionView | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string; reason: string }>();

  useEffect(() => {
    if (question) form.setFieldsValue({ answer: answerText(question.type, question.answer), reason: '' });
  }, [question, form]);

  const save = async () => {
    if (!question) return;
    const v = await form.validateFields();
    try {
      const r = await request<{ affectedAttempts: number }>('POST', `/api/questions/${question.id}/answer-key-corrections`, {
        version: question.version,
        answer: parseAnswer(question.type, v.answer),
        reason: v.reason,
      });
      message.success(`答案已更正，${r.affectedAttempts} 份答卷将重新评分`);
      onSaved();
      onClose();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  return (
    <Modal open={question !== null} title="更正答案" onCancel={onClose} onOk={() => void save()} okText="更正" destroyOnHidden forceRender>
      {question ? <Typography.Paragraph>{question.stem}</Typography.Paragraph> : null}
      <Form form={form} name="correction" layout="vertical">
        <Form.Item name="answer" label={`正确答案（${question ? (ANSWER_HINTS[question.type] ?? '') : ''}）`} rules={[{ required: true, message: '请填写正确答案' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="reason" label="更正原因" rules={[{ required: true, min: 2, message: '请填写更正原因（至少 2 个字）' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
