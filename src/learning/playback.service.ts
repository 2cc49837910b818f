import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  type CreditPolicy,
  creditHeartbeat,
  type HeartbeatClaim,
  type Interval,
  intervalsLength,
  isComplete,
  resumePosition,
} from '@lms/watch-time';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service';
import { GroupCommit, Outcome } from '../common/group-commit';
import { playbackConfig } from './playback.config';
import { HourLedger } from '../hours/hour-ledger.service';
import type { AuthUser } from '../identity/auth.decorators';
import { EnrollmentEvents } from '../catalog/enrollment-events';
import { inTransaction } from '../common/transaction';
import { MediaService } from '../media/media.service';
import { StreamSessions } from '../media/stream-sessions';
import { HeartbeatDto } from './dto/learning.dto';
import { CompletedLesson, creditCompletedLesson } from './lesson-credit';
import { lessonNotPlayable, sessionEnded, sessionNotFound, sessionRevoked } from './learning.errors';
import { HeartbeatLogWrite, LearningRepository, LockedSession, ProgressWrite, SessionWrite } from './learning.repository';
import { HeartbeatView, PlaybackView, roundRatio, roundSeconds, toSegments } from './learning.views';

export const HEARTBEAT_INTERVAL_SECONDS = 10;
const MAX_BATCH = 500;
const MAX_CONCURRENT_BATCHES = 2;
const MAX_ATTEMPTS = 3;

interface HeartbeatItem {
  sessionId: string;
  studentId: string;
  beat: HeartbeatDto;
}

function claimOf(beat: HeartbeatDto): HeartbeatClaim {
  const segments: Interval[] = [[beat.fromSecond, beat.toSecond], ...(beat.segments ?? []).map((s): Interval => [s.fromSecond, s.toSecond])];
  return { segments, playbackRate: beat.playbackRate, visible: beat.visible };
}

const ok = <R>(value: R): Outcome<R> => ({ ok: true, value });
const failed = (error: unknown): Outcome<never> => ({ ok: false, error });

/**
 * Playback sessions and heartbeats. A heartbeat is credited by @lms/watch-time against the server's
 * clock, and answered only once its effect is committed: heartbeats arriving together share one
 * transaction (group commit) that locks the sessions and progress rows they touch, applies them in
 * arrival order, and writes the lesson's hours in the same transaction when one completes it.
 * "Committed" means flushed to PostgreSQL's WAL, as long as the server keeps its default
 * synchronous_commit = on.
 */
@Injectable()
export class PlaybackService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(PlaybackService.name);
  private readonly heartbeats: GroupCommit<HeartbeatItem, HeartbeatView>;

  constructor(
    private readonly ds: DataSource,
    private readonly repo: LearningRepository,
    private readonly catalog: CatalogService,
    private readonly media: MediaService,
    private readonly ledger: HourLedger,
    private readonly streamSessions: StreamSessions,
    private readonly enrollments: EnrollmentEvents,
    @Inject(playbackConfig.KEY) private readonly playback: ConfigType<typeof playbackConfig>,
  ) {
    this.heartbeats = new GroupCommit((items) => this.commit(items), {
      maxBatch: MAX_BATCH,
      lingerMs: this.playback.batchWaitMs,
      maxConcurrent: MAX_CONCURRENT_BATCHES,
    });
  }

  /**
   * Stream links name their session: media asks here whether it still stands. Unenrolment revokes
   * the student's sessions of the course in the unenrolment's own transaction.
   */
  onModuleInit(): void {
    this.streamSessions.register(async (sessionId, userId, mediaId) => {
      const status = await this.repo.streamSessionStatus(sessionId, userId, mediaId);
      return status === 'active' || status === 'ended' || status === 'revoked' ? status : 'unknown';
    });
    this.enrollments.onUnenrolled(async (tx, { courseId, studentId }) => {
      const revoked = await this.repo.revokeSessions(tx, courseId, studentId);
      this.streamSessions.forget();
      if (revoked > 0) this.logger.log(`unenrolment revoked ${revoked} playback session(s) of student ${studentId} in course ${courseId}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.heartbeats.drain();
  }

  /** Opens a session on a video lesson the student may watch; any other active session of theirs ends. */
  async open(lessonId: string, student: AuthUser): Promise<PlaybackView> {
    const { courseId, systemCode, lesson } = await this.catalog.lessonForStudent(lessonId, student.id);
    if (lesson.mode !== 'video' || !lesson.mediaId || !lesson.durationSeconds) throw lessonNotPlayable();
    const opened = await this.repo.openSession({
      studentId: student.id,
      lessonId,
      courseId,
      mediaId: lesson.mediaId,
      systemCode,
      durationSeconds: lesson.durationSeconds,
      allowSkipAhead: lesson.allowSkipAhead,
      creditMinutes: lesson.creditMinutes,
    });
    const stream = this.media.streamUrl(lesson.mediaId, student.id, opened.sessionId);
    const watchedSeconds = intervalsLength(opened.watched);
    const state = { durationSeconds: lesson.durationSeconds, watched: opened.watched, furthestSecond: opened.furthestSecond, lastAcceptedAtMs: 0 };
    return {
      sessionId: opened.sessionId,
      lessonId,
      streamUrl: stream.url,
      streamUrlExpiresAt: stream.expiresAt.toISOString(),
      durationSeconds: lesson.durationSeconds,
      resumeAt: roundSeconds(resumePosition(state)),
      watchedSeconds: roundSeconds(watchedSeconds),
      completion: roundRatio(Math.min(1, watchedSeconds / lesson.durationSeconds)),
      completed: opened.state === 'completed',
      heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_SECONDS,
      maxPlaybackRate: this.playback.maxRate,
    };
  }

  /** Resolves once the heartbeat's credit is committed (it survives a crash from then on). */
  heartbeat(sessionId: string, student: AuthUser, beat: HeartbeatDto): Promise<HeartbeatView> {
    return this.heartbeats.submit({ sessionId, studentId: student.id, beat });
  }

  /** A batch that hits a serialization failure or deadlock is simply run again, up to MAX_ATTEMPTS times in all. */
  private commit(items: HeartbeatItem[]): Promise<Outcome<HeartbeatView>[]> {
    return inTransaction(this.ds, (tx) => this.applyBatch(tx, items), {
      tries: MAX_ATTEMPTS,
      onRetry: (code, attempt) => this.logger.warn(`heartbeat batch of ${items.length} hit ${code}; retrying (attempt ${attempt})`),
    });
  }

  private policy(allowSkipAhead: boolean): CreditPolicy {
    return {
      maxRate: this.playback.maxRate,
      toleranceSeconds: this.playback.toleranceSeconds,
      toleranceMinElapsedMs: this.playback.toleranceMinIntervalMs,
      allowSkipAhead,
    };
  }

  private async applyBatch(tx: EntityManager, items: HeartbeatItem[]): Promise<Outcome<HeartbeatView>[]> {
    const ids = [...new Set(items.map((i) => i.sessionId))];
    const locked = new Map((await this.repo.lockActiveSessions(tx, ids)).map((row) => [row.id, row]));
    const skipped = ids.filter((id) => !locked.has(id));
    const others = new Map(skipped.length ? (await this.repo.sessionStatuses(tx, skipped)).map((s) => [s.id, s]) : []);

    const sessions = new Map<string, SessionWrite>();
    const progress = new Map<string, ProgressWrite>();
    const logs: HeartbeatLogWrite[] = [];
    const completions: CompletedLesson[] = [];

    const outcomes = items.map((item): Outcome<HeartbeatView> => {
      const row = locked.get(item.sessionId);
      if (!row) {
        const other = others.get(item.sessionId);
        if (!other || other.studentId !== item.studentId) return failed(sessionNotFound());
        return failed(other.status === 'revoked' ? sessionRevoked() : sessionEnded());
      }
      if (row.studentId !== item.studentId) return failed(sessionNotFound());
      return ok(this.applyOne(row, item.beat, { sessions, progress, logs, completions }));
    });

    if (logs.length > 0) await this.repo.writeHeartbeats(tx, [...sessions.values()], [...progress.values()], logs);
    // The ledger locks each student in turn: one order for every batch, so two batches never deadlock.
    completions.sort((a, b) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0));
    for (const lesson of completions) await creditCompletedLesson(this.ledger, this.repo, tx, lesson);
    return outcomes;
  }

  /** Credits one heartbeat against its (locked) session, updating the row in memory for the next one of the batch. */
  private applyOne(
    row: LockedSession,
    beat: HeartbeatDto,
    out: { sessions: Map<string, SessionWrite>; progress: Map<string, ProgressWrite>; logs: HeartbeatLogWrite[]; completions: CompletedLesson[] },
  ): HeartbeatView {
    const claim = claimOf(beat);
    // Every answer carries a fresh stream link: the player swaps to it before its current one expires.
    const stream = this.media.streamUrl(row.mediaId, row.studentId, row.id);
    const base = { sessionId: row.id, clientSeq: beat.clientSeq, streamUrl: stream.url, streamUrlExpiresAt: stream.expiresAt.toISOString() };
    const log = { sessionId: row.id, clientSeq: beat.clientSeq, atMs: row.nowMs, visible: beat.visible, playbackRate: beat.playbackRate, claimed: claim.segments as Interval[] };

    if (beat.clientSeq <= row.lastClientSeq) {
      out.logs.push({ ...log, accepted: false, credited: [], creditedSeconds: 0, refused: [] });
      const watchedSeconds = intervalsLength(row.watched);
      return {
        ...base,
        accepted: false,
        creditedSeconds: 0,
        watchedSeconds: roundSeconds(watchedSeconds),
        completion: roundRatio(Math.min(1, watchedSeconds / row.durationSeconds)),
        completed: row.state === 'completed',
        justCompleted: false,
        retry: [],
        refused: [],
      };
    }

    const state = { durationSeconds: row.durationSeconds, watched: row.watched, furthestSecond: row.furthestSecond, lastAcceptedAtMs: row.lastAtMs };
    const credit = creditHeartbeat(state, claim, row.nowMs, this.policy(row.allowSkipAhead));
    row.watched = credit.state.watched;
    row.furthestSecond = credit.state.furthestSecond;
    row.lastAtMs = credit.state.lastAcceptedAtMs;
    row.lastClientSeq = beat.clientSeq;

    const justCompleted = row.state !== 'completed' && isComplete(credit.watchedSeconds, row.durationSeconds, this.playback.completionThreshold);
    if (justCompleted) {
      row.state = 'completed';
      out.completions.push({ studentId: row.studentId, lessonId: row.lessonId, courseId: row.courseId, systemCode: row.systemCode, creditMinutes: row.creditMinutes });
    }

    const session = out.sessions.get(row.id) ?? { id: row.id, lastClientSeq: 0, lastAtMs: 0, accepted: 0, creditedSeconds: 0 };
    session.lastClientSeq = row.lastClientSeq;
    session.lastAtMs = row.lastAtMs;
    session.accepted += 1;
    session.creditedSeconds += credit.creditedSeconds;
    out.sessions.set(row.id, session);
    out.progress.set(`${row.studentId}:${row.lessonId}`, {
      studentId: row.studentId,
      lessonId: row.lessonId,
      watched: row.watched,
      watchedSeconds: credit.watchedSeconds,
      furthestSecond: row.furthestSecond,
      state: row.state,
      atMs: row.nowMs,
    });
    out.logs.push({ ...log, accepted: true, credited: credit.newlyCredited, creditedSeconds: credit.creditedSeconds, refused: credit.refused });

    return {
      ...base,
      accepted: true,
      creditedSeconds: roundSeconds(credit.creditedSeconds),
      watchedSeconds: roundSeconds(credit.watchedSeconds),
      completion: roundRatio(credit.completion),
      completed: row.state === 'completed',
      justCompleted,
      retry: toSegments(credit.retryable),
      refused: credit.refused.map((r) => ({ reason: r.reason, seconds: roundSeconds(r.seconds) })),
    };
  }
}
