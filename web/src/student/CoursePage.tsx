import { Card, ErrorBlock, List, ProgressBar, PullToRefresh, Skeleton } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { userMessageOf } from '../api/errors';
import type { components } from '../api/schema';
import { navigate, type PageProps } from '../shell/router';
import { LESSON_MODE_LABELS } from '../shell/labels';
import { LESSON_STATE_TEXT, type LessonProgress, minutesAsHours, percentOf } from './learning-text';
import { StatusTag } from './StatusTag';

type Course = components['schemas']['CourseView'];
type Progress = components['schemas']['CourseProgressView'];

/** A course's modules and lessons with the student's state, minutes and video progress in each. */
export default function CoursePage({ params }: PageProps) {
  const courseId = params.courseId;
  const [course, setCourse] = useState<Course | null>(null);
  const [progress, setProgress] = useState<Map<string, LessonProgress>>(new Map());
  const [totals, setTotals] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [c, p] = await Promise.all([
        unwrap(api.GET('/api/courses/{id}', { params: { path: { id: courseId } } })),
        unwrap(api.GET('/api/me/progress', { params: { query: { courseId } } })),
      ]);
      setCourse(c);
      setTotals(p);
      setProgress(new Map(p.lessons.map((l) => [l.lessonId, l])));
      setError(null);
    } catch (err) {
      setError(userMessageOf(err));
    }
  }, [courseId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <ErrorBlock status="default" title="课程加载失败" description={<span role="alert">{error}</span>} />;
  if (!course || !totals) return <Skeleton.Paragraph lineCount={8} animated />;
  const percent = percentOf(totals.lessonCount ? totals.completedLessons / totals.lessonCount : 0);
  return (
    <PullToRefresh onRefresh={load}>
      <Card title={<h2 className="lms-card-title">{course.title}</h2>} className="lms-lesson-card">
        {course.description && <p className="lms-muted">{course.description}</p>}
        <p className="lms-exam-facts">
          已完成 {totals.completedLessons}/{totals.lessonCount} 个课时 · 已获 {minutesAsHours(totals.creditedMinutes)} / {course.hours} 学时
        </p>
        <div role="progressbar" aria-label="课程进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <ProgressBar percent={percent} rounded />
        </div>
      </Card>
      {course.modules.map((m) => (
        <List key={m.id} header={`${m.title}（${m.hours} 学时）`}>
          {m.lessons.map((l) => {
            const p = progress.get(l.id);
            const state = p?.state ?? 'not_started';
            const video = l.mode === 'video' && p?.durationSeconds ? ` · 已看 ${percentOf(p.completion)}%` : '';
            return (
              <List.Item
                key={l.id}
                onClick={() => navigate(`/student/courses/${courseId}/lessons/${l.id}`)}
                description={`${LESSON_MODE_LABELS[l.mode] ?? l.mode} · ${l.creditMinutes} 分钟${video}`}
                extra={<StatusTag tone={state === 'completed' ? 'ok' : state === 'in_progress' ? 'warn' : 'plain'}>{LESSON_STATE_TEXT[state]}</StatusTag>}
              >
                {l.title}
              </List.Item>
            );
          })}
        </List>
      ))}
    </PullToRefresh>
  );
}
