import { Card, ErrorBlock, List, ProgressBar, PullToRefresh, Skeleton } from 'antd-mobile';
import { useCallback, useDeferredValue, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { userMessageOf } from '../api/errors';
import type { components } from '../api/schema';
import type { Paged, StudentExamView, TranscriptView } from '../api/views';
import { useSession } from '../auth/session';
import { navigate } from '../shell/router';
import { dashboardRequests } from './first-requests';
import { minutesAsHours, percentOf } from './learning-text';

type MyCourse = components['schemas']['MyCourseView'];
type TierEvaluation = components['schemas']['TierEvaluationView'];

/** An exam the student can still sit: attempts left, not passed, window open. */
function isOpen(exam: StudentExamView, now: number): boolean {
  if (exam.attempts.some((a) => a.passed === true)) return false;
  if (exam.closesAt && Date.parse(exam.closesAt) < now) return false;
  return exam.openAttemptId !== null || exam.attemptsUsed < exam.maxAttempts;
}

/**
 * The student's home: what the next tier still needs, hours per course system against the
 * requirement, enrolled courses with their progress, and the way to exams, drills and certificates.
 */
export default function HomePage() {
  const session = useSession();
  const studentId = session?.user.id;
  const [transcript, setTranscript] = useState<TranscriptView | null>(null);
  const [courses, setCourses] = useState<MyCourse[] | null>(null);
  const [exams, setExams] = useState<StudentExamView[] | null>(null);
  /** The lowest tier the student does not hold yet (null: holds them all, or none is set up). */
  const [nextTier, setNextTier] = useState<TierEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Each part shows as soon as its answer is in: the hours do not wait for the eligibility rules.
  const load = useCallback(async () => {
    if (!studentId) return;
    const failed = (err: unknown) => setError(userMessageOf(err));
    setError(null);
    const sent = dashboardRequests(api, studentId);
    await Promise.all([
      unwrap<TranscriptView>(sent.transcript).then(setTranscript, failed),
      unwrap(sent.courses).then((page) => setCourses(page.items), failed),
      unwrap<Paged<StudentExamView>>(sent.exams).then((page) => setExams(page.items), failed),
      unwrap(sent.eligibility).then((e) => setNextTier(e.tiers.find((t) => !t.held) ?? null), failed),
    ]);
  }, [studentId]);

  useEffect(() => {
    void load();
  }, [load]);

  // The course list is long and below the fold on a phone: it renders after the parts above it.
  const shownCourses = useDeferredValue(courses);
  const now = Date.now();
  const openExams = exams?.filter((e) => isOpen(e, now)) ?? [];
  return (
    <PullToRefresh onRefresh={load}>
      <Card title={<h2 className="lms-card-title">{`你好，${session?.user.displayName ?? ''}`}</h2>} className="lms-lesson-card">
        <p className="lms-muted">{session?.user.cohortName ? `班级：${session.user.cohortName}` : '欢迎回来，继续学习吧。'}</p>
        {nextTier && <NextTier tier={nextTier} />}
      </Card>
      {error && <ErrorBlock status="default" title="学习数据加载失败" description={<span role="alert">{error}</span>} />}
      <List header="学时进度">
        {!transcript && !error && (
          <List.Item>
            <Skeleton.Paragraph lineCount={3} animated />
          </List.Item>
        )}
        {transcript?.systems.map((s) => {
          const percent = s.requiredHours > 0 ? Math.min(100, Math.round((s.creditedHours / s.requiredHours) * 100)) : 100;
          return (
            <List.Item key={s.code}>
              <div className="lms-hours-row" data-system={s.code}>
                <div className="lms-hours-label">
                  <span>{s.name}</span>
                  <span className={s.met ? 'lms-hours-met' : undefined}>
                    {s.creditedHours} / {s.requiredHours} 学时{s.met ? '（已达标）' : ''}
                  </span>
                </div>
                <div role="progressbar" aria-label={`${s.name}学时`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
                  <ProgressBar percent={percent} rounded />
                </div>
              </div>
            </List.Item>
          );
        })}
      </List>
      <List header="考试与实训">
        <List.Item onClick={() => navigate('/student/exams')} extra={exams === null ? '' : openExams.length ? `${openExams.length} 场可参加` : '暂无'}>
          考试
        </List.Item>
        <List.Item onClick={() => navigate('/student/drills')}>客服实训</List.Item>
        <List.Item onClick={() => navigate('/student/certificates')}>我的证书</List.Item>
      </List>
      <List header="我的课程">
        {!shownCourses && !error && (
          <List.Item>
            <Skeleton.Paragraph lineCount={3} animated />
          </List.Item>
        )}
        {shownCourses?.length === 0 && <List.Item>还没有报名的课程。</List.Item>}
        {shownCourses?.map((c) => (
          <List.Item
            key={c.id}
            onClick={() => navigate(`/student/courses/${c.id}`)}
            description={
              <div className="lms-course-row">
                <span>
                  {c.completedLessons}/{c.lessonCount} 课时 · {minutesAsHours(c.creditedMinutes)}/{c.hours} 学时
                </span>
                <div role="progressbar" aria-label={`${c.title}进度`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percentOf(c.completion)}>
                  <ProgressBar percent={percentOf(c.completion)} />
                </div>
              </div>
            }
          >
            {c.title}
          </List.Item>
        ))}
      </List>
    </PullToRefresh>
  );
}

/** "离一段还差：…" from the eligibility API's sentences (or that the student may now take it). */
function NextTier({ tier }: { tier: TierEvaluation }) {
  if (tier.eligible) {
    return (
      <p className="lms-next-tier lms-next-tier-ok" data-testid="next-tier">
        已满足{tier.tierName}的全部条件。
      </p>
    );
  }
  return (
    <div className="lms-next-tier" data-testid="next-tier">
      <p>离{tier.tierName}还差：</p>
      <ul>
        {tier.unmet.map((c) => (
          <li key={c.index}>{c.message}</li>
        ))}
      </ul>
    </div>
  );
}
