import { App, Button, Card, Empty, Form, Input, InputNumber, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { FLAG_LABELS } from '../shell/labels';
import { formatTime, request } from '../staff/request';
import type { ExamReviewView, Page, SubmissionView } from './views';

/** The two review queues: drill submissions waiting for 质检, and exam answers waiting for a trainer's score. */
export default function ReviewsPage() {
  return (
    <Tabs
      items={[
        { key: 'drills', label: '实训质检', children: <DrillQueue /> },
        { key: 'exams', label: '考试评阅', children: <ExamQueue /> },
      ]}
    />
  );
}

function usePending<T>(path: string) {
  const { message } = App.useApp();
  const [items, setItems] = useState<T[] | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await request<Page<T>>('GET', path)).items);
    } catch (err) {
      message.error(userMessageOf(err));
    }
  }, [path, message]);
  useEffect(() => {
    void load();
  }, [load]);
  return { items, load };
}

function ScoreForm({ id, max, initial, requireComment, onSubmit }: { id: string; max: number; initial: number; requireComment: boolean; onSubmit: (v: { score: number; comment: string }) => Promise<void> }) {
  const [saving, setSaving] = useState(false);
  return (
    <Form
      name={`review-${id}`}
      layout="inline"
      initialValues={{ score: initial, comment: '' }}
      style={{ rowGap: 12 }}
      onFinish={async (v: { score: number; comment: string }) => {
        setSaving(true);
        try {
          await onSubmit(v);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form.Item name="score" label={`讲师评分（0–${max}）`} rules={[{ required: true, message: '请填写评分' }]}>
        <InputNumber min={0} max={max} precision={0} />
      </Form.Item>
      <Form.Item name="comment" label="评语" rules={requireComment ? [{ required: true, message: '请填写评语' }] : []} style={{ minWidth: 260, flex: 1 }}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          提交评审
        </Button>
      </Form.Item>
    </Form>
  );
}

function DrillQueue() {
  const { message } = App.useApp();
  const { items, load } = usePending<SubmissionView>('/api/training/reviews?status=pending&limit=50');
  if (items === null) return <Card loading />;
  if (items.length === 0) return <Empty description={<span style={{ color: '#595959' }}>没有待质检的实训提交</span>} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {items.map((s) => (
        <Card key={s.id} title={`${s.studentName} · ${s.scenarioTitle}`} extra={<span>提交于 {formatTime(s.submittedAt)}</span>} data-testid="drill-review">
          <Typography.Paragraph strong>学员回复</Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#f5f5f5', padding: 12 }}>{s.reply}</Typography.Paragraph>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>
              机器评分：{s.autoScore ?? '—'} / {s.maxScore ?? '—'}（{s.autoPassed ? '通过' : '未通过'}）
            </span>
            {s.integrityFlags.map((f) => (
              <Tag color="red" key={f}>
                {FLAG_LABELS[f] ?? f}
              </Tag>
            ))}
            {s.qaSampled ? <Tag color="blue">抽检</Tag> : null}
            <Tag>{s.statusText}</Tag>
          </Space>
          {s.result?.explanation.length ? (
            <ul>
              {s.result.explanation.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : null}
          <ScoreForm
            id={s.id}
            max={s.maxScore ?? 100}
            initial={s.autoScore ?? 0}
            requireComment
            onSubmit={async (v) => {
              try {
                const r = await request<SubmissionView>('POST', `/api/training/submissions/${s.id}/review`, v);
                message.success(`已评审：${r.score} 分，${r.passed ? '通过' : '未通过'}`);
                await load();
              } catch (err) {
                message.error(userMessageOf(err));
              }
            }}
          />
        </Card>
      ))}
    </Space>
  );
}

function answerOf(answer: unknown): string {
  if (typeof answer === 'string') return answer;
  if (answer && typeof answer === 'object' && 'text' in answer && typeof (answer as { text: unknown }).text === 'string') return (answer as { text: string }).text;
  return JSON.stringify(answer);
}

function ExamQueue() {
  const { message } = App.useApp();
  const { items, load } = usePending<ExamReviewView>('/api/reviews?status=pending&limit=50');
  if (items === null) return <Card loading />;
  if (items.length === 0) return <Empty description={<span style={{ color: '#595959' }}>没有待评阅的考试答案</span>} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {items.map((r) => (
        <Card key={r.id} title={`${r.studentName} · ${r.examTitle}`} data-testid="exam-review">
          <Typography.Paragraph strong>题目</Typography.Paragraph>
          <Typography.Paragraph>{r.stem}</Typography.Paragraph>
          <Typography.Paragraph strong>学员答案</Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#f5f5f5', padding: 12 }}>{answerOf(r.answer)}</Typography.Paragraph>
          <Typography.Paragraph>
            机器评分：{r.autoScore} / {r.maxScore}
          </Typography.Paragraph>
          <ScoreForm
            id={r.id}
            max={r.maxScore}
            initial={r.autoScore}
            requireComment={false}
            onSubmit={async (v) => {
              try {
                await request('POST', `/api/reviews/${r.id}`, { score: v.score, comment: v.comment.trim() || undefined });
                message.success('评阅已提交');
                await load();
              } catch (err) {
                message.error(userMessageOf(err));
              }
            }}
          />
        </Card>
      ))}
    </Space>
  );
}
