import './imperative-render';
import { Button, Card, ErrorBlock, List, Skeleton, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { userMessageOf } from '../api/errors';
import type { Paged, ScenarioView, SubmissionView } from '../api/views';
import type { PageProps } from '../shell/router';
import { navigate } from '../shell/router';
import { StatusTag } from './StatusTag';

/** A random request key (crypto.randomUUID needs a secure context; a phone on a plain-http LAN address has none). */
function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One drill: the customer's messages, a reply box, and the student's earlier replies. */
export default function DrillPage({ params }: PageProps) {
  const id = params.id;
  const [scenario, setScenario] = useState<ScenarioView | null>(null);
  const [mine, setMine] = useState<SubmissionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reply, setReply] = useState('');
  const [sending, setSending] = useState(false);
  // One key per reply typed: a retry of the same reply (double tap, flaky network) makes one submission.
  const [key, setKey] = useState(() => newKey());

  const load = useCallback(async () => {
    try {
      const [s, subs] = await Promise.all([
        unwrap<ScenarioView>(api.GET('/api/training/scenarios/{id}', { params: { path: { id } } })),
        unwrap<Paged<SubmissionView>>(api.GET('/api/training/submissions', { params: { query: { scenarioId: id, limit: 20 } } })),
      ]);
      setScenario(s);
      setMine(subs.items);
      setError(null);
    } catch (err) {
      setError(userMessageOf(err));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const submit = async () => {
    if (!reply.trim()) {
      Toast.show({ content: '请先输入回复内容' });
      return;
    }
    setSending(true);
    try {
      const sub = await unwrap<SubmissionView>(
        api.POST('/api/training/scenarios/{id}/submissions', { params: { path: { id }, header: { 'Idempotency-Key': key } }, body: { reply } }),
      );
      setKey(newKey());
      navigate(`/student/drills/submissions/${sub.id}`);
    } catch (err) {
      Toast.show({ content: userMessageOf(err) });
    } finally {
      setSending(false);
    }
  };

  if (error) return <ErrorBlock status="default" title="实训加载失败" description={<span role="alert">{error}</span>} />;
  if (!scenario) return <Skeleton.Paragraph lineCount={6} animated />;
  return (
    <div>
      <Card title={scenario.title} style={{ margin: '0 12px 12px' }}>
        {scenario.summary && <p className="lms-muted">{scenario.summary}</p>}
        <ol className="lms-chat" aria-label="客户对话">
          {scenario.conversation.map((m, i) => (
            <li key={i} className="lms-chat-customer">
              <span className="lms-chat-who">客户</span>
              <span className="lms-chat-bubble">{m}</span>
            </li>
          ))}
        </ol>
      </Card>
      <Card style={{ margin: '0 12px 12px' }}>
        <label htmlFor="drill-reply" className="lms-field-label">
          我的回复
        </label>
        <TextArea id="drill-reply" placeholder="请以客服身份回复客户" autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount value={reply} onChange={setReply} />
        <Button block color="primary" size="large" loading={sending} onClick={() => void submit()} style={{ marginTop: 12 }}>
          提交回复
        </Button>
      </Card>
      {mine.length > 0 && (
        <List header="我的提交">
          {mine.map((s) => (
            <List.Item
              key={s.id}
              onClick={() => navigate(`/student/drills/submissions/${s.id}`)}
              description={new Date(s.submittedAt).toLocaleString('zh-CN')}
              extra={<StatusTag tone={s.passed ? 'ok' : s.passed === false ? 'bad' : 'plain'}>{s.score !== null ? `${s.score}/${s.maxScore} 分` : s.statusText}</StatusTag>}
            >
              {s.reply.length > 30 ? `${s.reply.slice(0, 30)}…` : s.reply}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
