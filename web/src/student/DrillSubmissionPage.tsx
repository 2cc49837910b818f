import { Button, Card, ErrorBlock, List, Result, Skeleton } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { userMessageOf } from '../api/errors';
import type { SubmissionView } from '../api/views';
import type { PageProps } from '../shell/router';
import { navigate } from '../shell/router';
import { StatusTag } from './StatusTag';

const POLL_MS = 1500;

/** A drill reply's result point by point, and the trainer's 质检 comment once reviewed. */
export default function DrillSubmissionPage({ params }: PageProps) {
  const id = params.id;
  const [sub, setSub] = useState<SubmissionView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSub(await unwrap<SubmissionView>(api.GET('/api/training/submissions/{id}', { params: { path: { id } } })));
      setError(null);
    } catch (err) {
      setError(userMessageOf(err));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const status = sub?.status;
  useEffect(() => {
    if (status !== 'submitted') return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [status, load]);

  if (error && !sub) return <ErrorBlock status="default" title="结果加载失败" description={<span role="alert">{error}</span>} />;
  if (!sub) return <Skeleton.Paragraph lineCount={6} animated />;
  const final = sub.score !== null && sub.passed !== null;
  const reviews = sub.reviews ?? [];
  return (
    <div>
      {sub.status === 'submitted' ? (
        <Result status="waiting" title="评分中" description="回复已提交，正在评分…" />
      ) : final ? (
        <Result
          status={sub.passed ? 'success' : 'warning'}
          title={sub.passed ? '实训通过' : '未通过'}
          description={
            <span aria-label="实训成绩">
              得分 {sub.score}/{sub.maxScore}
            </span>
          }
        />
      ) : (
        <Result status="waiting" title={sub.statusText} description="本次回复需讲师质检，复核后会显示结果。" />
      )}
      <Card title={sub.scenarioTitle} style={{ margin: '0 12px 12px' }}>
        <p className="lms-muted">我的回复：</p>
        <p className="lms-reply">{sub.reply}</p>
      </Card>
      {sub.result && (
        <List header="评分要点">
          {sub.result.points.map((p) => (
            <List.Item
              key={p.id}
              description={p.excerpt ? `回复中：“${p.excerpt}”` : undefined}
              extra={
                <span>
                  {p.score}/{p.maxScore} 分
                </span>
              }
            >
              <StatusTag tone={p.found ? 'ok' : 'bad'}>{p.found ? '做到' : '缺少'}</StatusTag> {p.label}
            </List.Item>
          ))}
          {sub.result.forbidden.map((f) => (
            <List.Item key={f.id} description={f.excerpt ? `回复中：“${f.excerpt}”` : undefined} extra={f.fatal ? '直接不通过' : `扣 ${f.penalty} 分`}>
              <StatusTag tone="bad">禁忌</StatusTag> {f.label}
            </List.Item>
          ))}
          {sub.result.sequenceRespected === false && <List.Item>回复顺序不符合要求</List.Item>}
        </List>
      )}
      {sub.result && sub.result.explanation.length > 0 && (
        <List header="评分说明">
          {sub.result.explanation.map((line, i) => (
            <List.Item key={i}>{line}</List.Item>
          ))}
        </List>
      )}
      {reviews.length > 0 && (
        <List header="讲师质检">
          {reviews.map((r) => (
            <List.Item
              key={r.createdAt}
              description={`${r.reviewerName} · ${new Date(r.createdAt).toLocaleString('zh-CN')}`}
              extra={`${r.score}/${r.maxScore} 分 · ${r.passed ? '通过' : '未通过'}`}
            >
              质检意见：{r.comment}
            </List.Item>
          ))}
        </List>
      )}
      {reviews.length === 0 && sub.reviewComment && (
        <List header="讲师质检">
          <List.Item>质检意见：{sub.reviewComment}</List.Item>
        </List>
      )}
      <div style={{ padding: '12px' }}>
        <Button block onClick={() => navigate(`/student/drills/${sub.scenarioId}`)}>
          再练一次
        </Button>
      </div>
    </div>
  );
}
