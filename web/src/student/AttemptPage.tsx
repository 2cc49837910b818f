import './imperative-render';
import { Button, Card, Checkbox, Dialog, ErrorBlock, Input, List, Radio, Result, Skeleton, Space, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api, unwrap } from '../api/client';
import { userMessageOf } from '../api/errors';
import type { AttemptQuestionView, AttemptView, ReviewPolicy, StudentExamView } from '../api/views';
import type { PageProps } from '../shell/router';
import { navigate } from '../shell/router';
import { StatusTag } from './StatusTag';
import { AnswerAutosave, type SaveState } from './exam-autosave';
import { answerText, ATTEMPT_STATUS_TEXT, clock, isAnswered, REVIEW_POLICY_TEXT } from './exam-text';

const POLL_MS = 1500;

const SAVE_TEXT: Record<SaveState, string> = { saved: '已保存', saving: '保存中', offline: '离线', error: '保存失败' };

/** Reads the attempt and the server's clock: offset = server time − local time, taken mid-request. */
async function fetchAttempt(id: string): Promise<{ attempt: AttemptView; offset: number }> {
  const sentAt = Date.now();
  const attempt = await unwrap<AttemptView>(api.GET('/api/attempts/{id}', { params: { path: { id } } }));
  const receivedAt = Date.now();
  return { attempt, offset: Date.parse(attempt.serverTime) - (sentAt + receivedAt) / 2 };
}

/** One attempt: answering with autosave and a countdown while in progress, then the result. */
export default function AttemptPage({ params }: PageProps) {
  const id = params.id;
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [offset, setOffset] = useState(0);
  const [policy, setPolicy] = useState<ReviewPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { attempt: a, offset: o } = await fetchAttempt(id);
      setAttempt(a);
      setOffset(o);
      setError(null);
      return a;
    } catch (err) {
      setError(userMessageOf(err));
      return null;
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!attempt?.examId) return;
    unwrap<StudentExamView>(api.GET('/api/exams/{id}', { params: { path: { id: attempt.examId } } }))
      .then((e) => setPolicy(e.reviewPolicy))
      .catch(() => setPolicy(null));
  }, [attempt?.examId]);

  // Until grading has run, ask again every so often.
  const status = attempt?.status;
  useEffect(() => {
    if (status !== 'submitted') return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [status, load]);

  if (error && !attempt) return <ErrorBlock status="default" title="试卷加载失败" description={<span role="alert">{error}</span>} />;
  if (!attempt) return <Skeleton.Paragraph lineCount={8} animated />;
  if (attempt.status === 'in_progress') return <Answering key={attempt.id} attempt={attempt} offset={offset} onSubmitted={load} />;
  return <AttemptResult attempt={attempt} policy={policy} />;
}

function Answering({ attempt, offset, onSubmitted }: { attempt: AttemptView; offset: number; onSubmitted: () => Promise<AttemptView | null> }) {
  const [autosave] = useState(() => new AnswerAutosave(attempt.id, attempt.answers));
  useEffect(() => () => autosave.dispose(), [autosave]);
  const saveState = useSyncExternalStore(autosave.subscribe, autosave.getState);
  const [answers, setAnswers] = useState<Record<string, unknown>>(() => autosave.answers());
  const [submitting, setSubmitting] = useState(false);
  const deadline = Date.parse(attempt.deadline);
  const [left, setLeft] = useState(() => deadline - (Date.now() + offset));
  const timeUp = useRef(false);

  useEffect(() => {
    const timer = setInterval(() => setLeft(deadline - (Date.now() + offset)), 1000);
    return () => clearInterval(timer);
  }, [deadline, offset]);

  // At the deadline the server submits the attempt itself: send what is left, then read the outcome.
  useEffect(() => {
    if (left > 0 || timeUp.current) return;
    timeUp.current = true;
    void (async () => {
      await autosave.flush();
      Toast.show({ content: '考试时间已到，试卷已自动提交' });
      autosave.clear();
      await new Promise((r) => setTimeout(r, POLL_MS));
      await onSubmitted();
    })();
  }, [left, autosave, onSubmitted]);

  const change = (questionId: string, value: unknown) => {
    setAnswers((a) => ({ ...a, [questionId]: value }));
    autosave.change(questionId, value);
  };

  const questions = [...attempt.questions].sort((a, b) => a.position - b.position);
  const unanswered = questions.filter((q) => !isAnswered(answers[q.id]));

  const submit = async () => {
    const ok = await Dialog.confirm({
      title: '确认交卷',
      content: (
        <div>
          {unanswered.length ? (
            <>
              <p>以下题目尚未作答：</p>
              <ul aria-label="未作答的题目">
                {unanswered.map((q) => (
                  <li key={q.id}>第 {q.position} 题</li>
                ))}
              </ul>
            </>
          ) : (
            <p>全部题目均已作答。</p>
          )}
          <p>交卷后不能再修改答案。</p>
        </div>
      ),
      confirmText: '交卷',
      cancelText: '继续作答',
    });
    if (!ok) return;
    setSubmitting(true);
    try {
      await autosave.flush();
      if (!autosave.allSaved()) {
        Toast.show({ content: autosave.lastError ? userMessageOf(autosave.lastError) : '网络未连接，答案尚未全部保存，请联网后再交卷' });
        return;
      }
      await unwrap(api.POST('/api/attempts/{id}/submit', { params: { path: { id: attempt.id } } }));
      autosave.clear();
      await onSubmitted();
    } catch (err) {
      Toast.show({ content: userMessageOf(err) });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="lms-attempt">
      <div className="lms-attempt-bar">
        <span role="timer" aria-label="剩余时间" className={left < 5 * 60_000 ? 'lms-time-short' : undefined}>
          剩余 {clock(left)}
        </span>
        <span role="status" aria-label="保存状态" className={`lms-save lms-save-${saveState}`}>
          {SAVE_TEXT[saveState]}
        </span>
      </div>
      {saveState === 'error' && autosave.lastError && (
        <p role="alert" className="lms-refusal">
          {userMessageOf(autosave.lastError)}
        </p>
      )}
      <h2 className="lms-attempt-title">{attempt.examTitle}</h2>
      {questions.map((q) => (
        <Card key={q.id} style={{ margin: '0 12px 12px' }}>
          <section aria-label={`第 ${q.position} 题`} data-question-id={q.id}>
            <p className="lms-stem">
              <strong>第 {q.position} 题</strong>（{q.points} 分）{q.stem}
            </p>
            <QuestionInput question={q} value={answers[q.id]} onChange={(v) => change(q.id, v)} />
          </section>
        </Card>
      ))}
      <div style={{ padding: '0 12px' }}>
        <Button color="primary" block size="large" loading={submitting} onClick={() => void submit()}>
          交卷
        </Button>
      </div>
    </div>
  );
}

function QuestionInput({ question: q, value, onChange }: { question: AttemptQuestionView; value: unknown; onChange: (v: unknown) => void }) {
  const label = `第 ${q.position} 题`;
  switch (q.type) {
    case 'single':
      return (
        <Radio.Group value={typeof value === 'string' ? value : null} onChange={(v) => onChange(String(v))}>
          <div role="radiogroup" aria-label={`${label}选项`} className="lms-options">
            {q.options?.map((o) => (
              <Radio key={o.key} value={o.key}>
                {o.key}. {o.text}
              </Radio>
            ))}
          </div>
        </Radio.Group>
      );
    case 'multiple':
      return (
        <Checkbox.Group value={Array.isArray(value) ? (value as string[]) : []} onChange={(v) => onChange(v.map(String).sort())}>
          <div role="group" aria-label={`${label}选项（多选）`} className="lms-options">
            {q.options?.map((o) => (
              <Checkbox key={o.key} value={o.key}>
                {o.key}. {o.text}
              </Checkbox>
            ))}
          </div>
        </Checkbox.Group>
      );
    case 'true_false':
      return (
        <Radio.Group value={value === true ? 'true' : value === false ? 'false' : null} onChange={(v) => onChange(v === 'true')}>
          <div role="radiogroup" aria-label={`${label}判断`} className="lms-options lms-options-row">
            <Radio value="true">正确</Radio>
            <Radio value="false">错误</Radio>
          </div>
        </Radio.Group>
      );
    case 'fill_blank': {
      const blanks = Array.from({ length: q.blanks ?? 1 }, (_, i) => (Array.isArray(value) ? ((value[i] as string | null) ?? '') : ''));
      return (
        <Space direction="vertical" block>
          {blanks.map((b, i) => (
            <Input
              key={i}
              aria-label={`${label}第 ${i + 1} 空`}
              placeholder={`第 ${i + 1} 空`}
              value={b}
              onChange={(text) => onChange(blanks.map((x, j) => (j === i ? text : x)).map((x) => (x === '' ? null : x)))}
            />
          ))}
        </Space>
      );
    }
    default:
      return (
        <TextArea
          aria-label={`${label}作答`}
          placeholder="请输入您的回答"
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={5000}
          value={typeof value === 'string' ? value : ''}
          onChange={(text) => onChange(text)}
        />
      );
  }
}

function AttemptResult({ attempt, policy }: { attempt: AttemptView; policy: ReviewPolicy | null }) {
  const questions = [...attempt.questions].sort((a, b) => a.position - b.position);
  const review = new Map((attempt.review ?? []).map((r) => [r.questionId, r]));
  const graded = attempt.status === 'graded' && attempt.score !== undefined;
  return (
    <div className="lms-attempt">
      {graded ? (
        <Result
          status={attempt.passed ? 'success' : 'warning'}
          title={attempt.passed ? '考试通过' : '未通过'}
          description={
            <span aria-label="考试成绩">
              得分 {attempt.score}/{attempt.maxScore}
              {attempt.percent !== undefined ? `（${attempt.percent}%）` : ''}
            </span>
          }
        />
      ) : (
        <Result status="waiting" title={ATTEMPT_STATUS_TEXT[attempt.status]} description={attempt.status === 'needs_review' ? '主观题需讲师阅卷，出分后会显示在这里。' : '试卷已提交，正在评分…'} />
      )}
      <Card style={{ margin: '0 12px 12px' }}>
        <p className="lms-muted">
          {attempt.examTitle} · 第 {attempt.attemptNo} 次作答
          {attempt.submittedBy === 'deadline' || attempt.submittedBy === 'sweep' ? ' · 到时自动交卷' : ''}
        </p>
        {!attempt.review && <p className="lms-muted">{policy ? REVIEW_POLICY_TEXT[policy] : '答案与解析按本场考试的规定公布。'}</p>}
      </Card>
      {attempt.review && (
        <List header="答题详情">
          {questions.map((q) => {
            const r = review.get(q.id);
            return (
              <List.Item key={q.id} description={r?.explanation ? `解析：${r.explanation}` : undefined}>
                <div>
                  <strong>第 {q.position} 题</strong> {q.stem}{' '}
                  {r?.correct === true && <StatusTag tone="ok">正确</StatusTag>}
                  {r?.correct === false && <StatusTag tone="bad">错误</StatusTag>}
                </div>
                <div className="lms-muted">您的答案：{answerText(q, attempt.answers[q.id]?.answer ?? null)}</div>
                {r && <div className="lms-muted">正确答案：{answerText(q, r.correctAnswer)}</div>}
                {r && (
                  <div className="lms-muted">
                    得分：{r.score ?? '待阅'}/{r.maxScore}
                  </div>
                )}
                {r?.feedback?.map((f) => (
                  <div key={f} className="lms-muted">
                    {f}
                  </div>
                ))}
              </List.Item>
            );
          })}
        </List>
      )}
      <div style={{ padding: '0 12px' }}>
        <Button block onClick={() => navigate('/student/exams')}>
          返回考试列表
        </Button>
      </div>
    </div>
  );
}
