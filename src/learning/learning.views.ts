import { type Interval, type Refusal, resumePosition } from '@lms/watch-time';
import type { CourseSummaryView, LessonView } from '../catalog/catalog.views';
import type { LessonMode } from '../catalog/entities/lesson.entity';
import type { LessonProgress } from './entities/lesson-progress.entity';

/** Media seconds to the millisecond, ratios to four places: enough for any display, no float noise. */
export const roundSeconds = (s: number) => Math.round(s * 1000) / 1000;
export const roundRatio = (r: number) => Math.round(r * 10_000) / 10_000;

export interface SegmentView {
  fromSecond: number;
  toSecond: number;
}

export const toSegments = (intervals: readonly Interval[]): SegmentView[] =>
  intervals.map(([from, to]) => ({ fromSecond: roundSeconds(from), toSecond: roundSeconds(to) }));

export interface PlaybackView {
  sessionId: string;
  lessonId: string;
  streamUrl: string;
  streamUrlExpiresAt: string;
  durationSeconds: number;
  resumeAt: number;
  watchedSeconds: number;
  completion: number;
  completed: boolean;
  /** How often the player should report. */
  heartbeatIntervalSeconds: number;
}

export interface HeartbeatView {
  sessionId: string;
  clientSeq: number;
  /** False when the sequence number was repeated or older than one already accepted (nothing credited). */
  accepted: boolean;
  creditedSeconds: number;
  watchedSeconds: number;
  completion: number;
  completed: boolean;
  /** True on the heartbeat that completed the lesson (and wrote its hours). */
  justCompleted: boolean;
  /**
   * Segments refused only for lack of time budget: not acknowledged, so send them again with the
   * next heartbeat. Everything else claimed is acknowledged (credited, or refused for good).
   */
  retry: SegmentView[];
  refused: Refusal[];
  /**
   * A fresh stream link for this session (stream links live MEDIA_URL_TTL_SECONDS): the player
   * switches to it before the one it plays expires.
   */
  streamUrl: string;
  streamUrlExpiresAt: string;
}

export type LessonState = 'not_started' | 'in_progress' | 'completed';

export interface LessonProgressView {
  lessonId: string;
  moduleId: string;
  title: string;
  mode: LessonMode;
  /** What the lesson credits: for a completed lesson, the minutes the ledger credited for it (whatever a later version says). */
  creditMinutes: number;
  /** The minutes the ledger holds for this lesson (0 until its source credits it). */
  creditedMinutes: number;
  state: LessonState;
  watchedSeconds: number;
  durationSeconds: number | null;
  completion: number;
  resumeAt: number;
  openedAt: string | null;
  completedAt: string | null;
}

export interface CourseProgressView {
  courseId: string;
  version: number;
  completedLessons: number;
  lessonCount: number;
  /** What the ledger credits the student from this course. */
  creditedMinutes: number;
  lessons: LessonProgressView[];
}

export interface MyCourseView extends CourseSummaryView {
  startedLessons: number;
  completedLessons: number;
  completion: number;
  creditedMinutes: number;
}

export interface SelfPacedView {
  lessonId: string;
  state: LessonState;
  openedAt: string;
  /** From when `POST /api/lessons/:id/complete` is accepted (reading and self-study lessons). */
  completableAt: string | null;
  completedAt: string | null;
}

/**
 * One lesson of a published course with the student's progress in it (none yet: not started). The
 * ledger decides completion too: a lesson its source credited (an exam or drill passed, a class
 * attended) is completed, and a completed lesson shows the minutes actually credited.
 */
export function toLessonProgressView(lesson: LessonView, moduleId: string, progress: LessonProgress | undefined, ledgerMinutes: number): LessonProgressView {
  const duration = lesson.durationSeconds;
  const watched = progress?.watchedSeconds ?? 0;
  const completed = progress?.state === 'completed' || ledgerMinutes > 0;
  const videoShare = duration ? Math.min(1, watched / duration) : 0;
  const creditedMinutes = Math.max(0, ledgerMinutes);
  return {
    lessonId: lesson.id,
    moduleId,
    title: lesson.title,
    mode: lesson.mode,
    creditMinutes: completed ? creditedMinutes : lesson.creditMinutes,
    creditedMinutes,
    state: completed ? 'completed' : progress === undefined ? 'not_started' : progress.state,
    watchedSeconds: roundSeconds(watched),
    durationSeconds: duration,
    completion: roundRatio(duration ? videoShare : completed ? 1 : 0),
    resumeAt:
      progress && duration
        ? roundSeconds(resumePosition({ durationSeconds: duration, watched: progress.watched, furthestSecond: progress.furthestSecond, lastAcceptedAtMs: 0 }))
        : 0,
    openedAt: progress?.openedAt ? new Date(progress.openedAt).toISOString() : null,
    completedAt: progress?.completedAt ? new Date(progress.completedAt).toISOString() : null,
  };
}
