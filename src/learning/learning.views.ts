import { ApiProperty } from '@nestjs/swagger';
import { type Interval, type Refusal, resumePosition } from '@lms/watch-time';
import { CourseSummaryView, type LessonView } from '../catalog/catalog.views';
import type { LessonMode } from '../catalog/entities/lesson.entity';
import type { LessonProgress } from './entities/lesson-progress.entity';

/** Media seconds to the millisecond, ratios to four places: enough for any display, no float noise. */
export const roundSeconds = (s: number) => Math.round(s * 1000) / 1000;
export const roundRatio = (r: number) => Math.round(r * 10_000) / 10_000;

export class SegmentView {
  @ApiProperty({ type: Number }) fromSecond: number;
  @ApiProperty({ type: Number }) toSecond: number;
}

export const toSegments = (intervals: readonly Interval[]): SegmentView[] =>
  intervals.map(([from, to]) => ({ fromSecond: roundSeconds(from), toSecond: roundSeconds(to) }));

export class PlaybackView {
  @ApiProperty({ type: String }) sessionId: string;
  @ApiProperty({ type: String }) lessonId: string;
  @ApiProperty({ type: String }) streamUrl: string;
  @ApiProperty({ type: String }) streamUrlExpiresAt: string;
  @ApiProperty({ type: Number }) durationSeconds: number;
  @ApiProperty({ type: Number }) resumeAt: number;
  @ApiProperty({ type: Number }) watchedSeconds: number;
  @ApiProperty({ type: Number }) completion: number;
  @ApiProperty({ type: Boolean }) completed: boolean;
  /** How often the player should report. */
  @ApiProperty({ type: Number }) heartbeatIntervalSeconds: number;
  /** The highest playback rate credited (PLAYBACK_MAX_RATE): the player does not go faster. */
  @ApiProperty({ type: Number }) maxPlaybackRate: number;
}

export class HeartbeatView {
  @ApiProperty({ type: String }) sessionId: string;
  @ApiProperty({ type: Number }) clientSeq: number;
  /** False when the sequence number was repeated or older than one already accepted (nothing credited). */
  @ApiProperty({ type: Boolean }) accepted: boolean;
  @ApiProperty({ type: Number }) creditedSeconds: number;
  @ApiProperty({ type: Number }) watchedSeconds: number;
  @ApiProperty({ type: Number }) completion: number;
  @ApiProperty({ type: Boolean }) completed: boolean;
  /** True on the heartbeat that completed the lesson (and wrote its hours). */
  @ApiProperty({ type: Boolean }) justCompleted: boolean;
  /**
   * Segments refused only for lack of time budget: not acknowledged, so send them again with the
   * next heartbeat. Everything else claimed is acknowledged (credited, or refused for good).
   */
  @ApiProperty({ type: () => [SegmentView] }) retry: SegmentView[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) refused: Refusal[];
  /**
   * A fresh stream link for this session (stream links live MEDIA_URL_TTL_SECONDS): the player
   * switches to it before the one it plays expires.
   */
  @ApiProperty({ type: String }) streamUrl: string;
  @ApiProperty({ type: String }) streamUrlExpiresAt: string;
}

export type LessonState = 'not_started' | 'in_progress' | 'completed';

export class LessonProgressView {
  @ApiProperty({ type: String }) lessonId: string;
  @ApiProperty({ type: String }) moduleId: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ enum: ['offline', 'blended', 'video', 'reading', 'exam', 'self_study', 'drill'] }) mode: LessonMode;
  /** What the lesson credits: for a completed lesson, the minutes the ledger credited for it (whatever a later version says). */
  @ApiProperty({ type: Number }) creditMinutes: number;
  /** The minutes the ledger holds for this lesson (0 until its source credits it). */
  @ApiProperty({ type: Number }) creditedMinutes: number;
  @ApiProperty({ enum: ['in_progress', 'not_started', 'completed'] }) state: LessonState;
  @ApiProperty({ type: Number }) watchedSeconds: number;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds: number | null;
  @ApiProperty({ type: Number }) completion: number;
  @ApiProperty({ type: Number }) resumeAt: number;
  @ApiProperty({ type: String, nullable: true }) openedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) completedAt: string | null;
}

export class CourseProgressView {
  @ApiProperty({ type: String }) courseId: string;
  @ApiProperty({ type: Number }) version: number;
  @ApiProperty({ type: Number }) completedLessons: number;
  @ApiProperty({ type: Number }) lessonCount: number;
  /** What the ledger credits the student from this course. */
  @ApiProperty({ type: Number }) creditedMinutes: number;
  @ApiProperty({ type: () => [LessonProgressView] }) lessons: LessonProgressView[];
}

export class MyCourseView extends CourseSummaryView {
  @ApiProperty({ type: Number }) startedLessons: number;
  @ApiProperty({ type: Number }) completedLessons: number;
  @ApiProperty({ type: Number }) completion: number;
  @ApiProperty({ type: Number }) creditedMinutes: number;
}

export class SelfPacedView {
  @ApiProperty({ type: String }) lessonId: string;
  @ApiProperty({ enum: ['in_progress', 'not_started', 'completed'] }) state: LessonState;
  @ApiProperty({ type: String }) openedAt: string;
  /** From when `POST /api/lessons/:id/complete` is accepted (reading and self-study lessons). */
  @ApiProperty({ type: String, nullable: true }) completableAt: string | null;
  @ApiProperty({ type: String, nullable: true }) completedAt: string | null;
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
