import { Button, Card, ErrorBlock, List, PullToRefresh, Skeleton, Space } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError, userMessageOf } from '../api/errors';
import type { AttemptView, Paged, RuleCheckView, StudentExamView } from '../api/views';
import { navigate } from '../shell/router';
import { StatusTag } from './StatusTag';
import { ATTEMPT_STATUS_TEXT } from './exam-text';

interface Refusal {
  examId: string;
  message: string;
  unmet: string[];
}

/** The exams a student may take: start or resume an attempt, or open a past one's result. */
export default function ExamsPage() {
  const [exams, setExams] = useState<StudentExamView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await unwrap<Paged<StudentExamView>>(api.GET('/api/exams', { params: { query: { limit: 100 } } }));
      setExams(page.items);
      setError(null);
    } catch (err) {
      setError(userMessageOf(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const start = async (exam: StudentExamView) => {
    setBusy(exam.id);
    setRefusal(null);
    try {
      const attempt = await unwrap<AttemptView>(api.POST('/api/exams/{id}/attempts', { params: { path: { id: exam.id } } }));
      navigate(`/student/attempts/${attempt.id}`);
    } catch (err) {
      const body = err instanceof ApiError ? (err.body as { unmet?: RuleCheckView[] } | null) : null;
      setRefusal({ examId: exam.id, message: userMessageOf(err), unmet: (body?.unmet ?? []).map((c) => c.message) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <PullToRefresh onRefresh={load}>
      {error && <ErrorBlock status="default" title="考试加载失败" description={<span role="alert">{error}</span>} />}
      {!error && !exams && <Skeleton.Paragraph lineCount={5} animated />}
      {exams && exams.length === 0 && <ErrorBlock status="empty" title="暂无可参加的考试" description="有新的考试时会显示在这里。" />}
      {exams?.map((exam) => {
        const left = exam.maxAttempts - exam.attemptsUsed;
        return (
          <Card
            key={exam.id}
            title={
              <Space wrap>
                <span>{exam.title}</span>
                {exam.tierCode && <StatusTag tone="warn">段位考试</StatusTag>}
              </Space>
            }
            style={{ margin: '0 12px 12px' }}
          >
            <section aria-label={exam.title}>
              {exam.description && <p className="lms-muted">{exam.description}</p>}
              <p className="lms-exam-facts">
                共 {exam.questionCount} 题 · 限时 {exam.timeLimitMinutes} 分钟 · 及格 {exam.passScore} 分 · 已用 {exam.attemptsUsed}/{exam.maxAttempts} 次
              </p>
              {exam.openAttemptId ? (
                <Button color="primary" block onClick={() => navigate(`/student/attempts/${exam.openAttemptId}`)}>
                  继续作答
                </Button>
              ) : (
                <Button color="primary" block disabled={left <= 0} loading={busy === exam.id} onClick={() => void start(exam)}>
                  {left > 0 ? '开始考试' : '作答次数已用完'}
                </Button>
              )}
              {refusal?.examId === exam.id && (
                <div role="alert" className="lms-refusal">
                  <p>{refusal.message}</p>
                  {refusal.unmet.length > 0 && (
                    <ul>
                      {refusal.unmet.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
              {exam.attempts.length > 0 && (
                <List header="作答记录">
                  {exam.attempts.map((a) => (
                    <List.Item
                      key={a.id}
                      onClick={() => navigate(`/student/attempts/${a.id}`)}
                      extra={a.score !== undefined ? `${a.score}/${a.maxScore} 分` : ATTEMPT_STATUS_TEXT[a.status]}
                      description={new Date(a.startedAt).toLocaleString('zh-CN')}
                    >
                      第 {a.attemptNo} 次{a.passed === true ? '（通过）' : a.passed === false ? '（未通过）' : ''}
                    </List.Item>
                  ))}
                </List>
              )}
            </section>
          </Card>
        );
      })}
    </PullToRefresh>
  );
}
