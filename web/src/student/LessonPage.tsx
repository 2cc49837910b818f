import { Button, Card, ErrorBlock, ProgressBar, Skeleton } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError, userMessageOf } from '../api/errors';
import type { components } from '../api/schema';
import { navigate, type PageProps } from '../shell/router';
import { LESSON_MODE_LABELS } from '../shell/labels';
import { lessonRequests } from './first-requests';
import { formatSeconds, type LessonProgress, percentOf } from './learning-text';
import { PlaybackHeartbeats } from './playback-heartbeats';
import { StatusTag } from './StatusTag';

type Lesson = components['schemas']['LessonView'];
type Playback = components['schemas']['PlaybackView'];
type SelfPaced = components['schemas']['SelfPacedView'];

interface Loaded {
  courseTitle: string;
  lesson: Lesson;
  progress: LessonProgress | undefined;
}

/** One lesson: the video player, the text to read, or where to go for an exam, drill or class. */
export default function LessonPage({ params }: PageProps) {
  const { courseId, lessonId } = params;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const sent = lessonRequests(api, courseId);
    Promise.all([unwrap(sent.course), unwrap(sent.progress)]).then(
      ([course, progress]) => {
        if (!live) return;
        const lesson = course.modules.flatMap((m) => m.lessons).find((l) => l.id === lessonId);
        if (!lesson) return setError('该课时不存在或已下线。');
        setLoaded({ courseTitle: course.title, lesson, progress: progress.lessons.find((l) => l.lessonId === lessonId) });
      },
      (err) => live && setError(userMessageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [courseId, lessonId]);

  if (error) return <ErrorBlock status="default" title="课时加载失败" description={<span role="alert">{error}</span>} />;
  if (!loaded) return <Skeleton.Paragraph lineCount={6} animated />;
  const { lesson } = loaded;
  return (
    <article className="lms-lesson" aria-labelledby="lesson-title">
      <div className="lms-lesson-head">
        <a className="lms-lesson-course" href={`/student/courses/${courseId}`} onClick={(e) => (e.preventDefault(), navigate(`/student/courses/${courseId}`))}>
          {loaded.courseTitle}
        </a>
        <h2 id="lesson-title" className="lms-lesson-title">
          {lesson.title}
        </h2>
        <p className="lms-muted">
          {LESSON_MODE_LABELS[lesson.mode] ?? lesson.mode} · {lesson.creditMinutes} 分钟学时
        </p>
      </div>
      {lesson.mode === 'video' && <VideoLesson lesson={lesson} />}
      {(lesson.mode === 'reading' || lesson.mode === 'self_study') && <ReadingLesson lesson={lesson} />}
      {lesson.mode === 'exam' && <ElsewhereLesson text="本课时为考试，通过后计入学时。" action="去考试" to="/student/exams" />}
      {lesson.mode === 'drill' && <ElsewhereLesson text="本课时为客服实训，通过后计入学时。" action="去实训" to={lesson.scenarioId ? `/student/drills/${lesson.scenarioId}` : '/student/drills'} />}
      {(lesson.mode === 'offline' || lesson.mode === 'blended') && <ElsewhereLesson text="本课时为线下课堂，按课堂签到计入学时。" />}
    </article>
  );
}

function ElsewhereLesson({ text, action, to }: { text: string; action?: string; to?: string }) {
  return (
    <Card className="lms-lesson-card">
      <p className="lms-muted">{text}</p>
      {action && to && (
        <Button color="primary" block onClick={() => navigate(to)}>
          {action}
        </Button>
      )}
    </Card>
  );
}

/** How long before a stream link expires the player swaps to the fresher one of the last heartbeat answer. */
const SWAP_BEFORE_EXPIRY_MS = 60_000;

function VideoLesson({ lesson }: { lesson: Lesson }) {
  const video = useRef<HTMLVideoElement | null>(null);
  const [playback, setPlayback] = useState<Playback | null>(null);
  const [beats, setBeats] = useState<PlaybackHeartbeats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stream = useRef<{ current: string; currentExpiresAt: number; next: string | null } | null>(null);

  useEffect(() => {
    let live = true;
    let hb: PlaybackHeartbeats | null = null;
    unwrap(api.POST('/api/lessons/{id}/playback', { params: { path: { id: lesson.id } } })).then(
      (p) => {
        if (!live) return;
        stream.current = { current: p.streamUrl, currentExpiresAt: Date.parse(p.streamUrlExpiresAt), next: null };
        hb = new PlaybackHeartbeats(
          p.sessionId,
          { watchedSeconds: p.watchedSeconds, completion: p.completion, completed: p.completed, intervalSeconds: p.heartbeatIntervalSeconds },
          (url) => {
            if (stream.current) stream.current.next = url;
          },
        );
        setPlayback(p);
        setBeats(hb);
      },
      (err) => live && setError(userMessageOf(err)),
    );
    return () => {
      live = false;
      if (hb) {
        void hb.flush({ keepalive: true });
        hb.dispose();
      }
    };
  }, [lesson.id]);

  // Resume where the credited watching ends: before the first play this sets where playing starts.
  useEffect(() => {
    const v = video.current;
    if (v && playback && playback.resumeAt > 0 && playback.resumeAt < playback.durationSeconds - 1) v.currentTime = playback.resumeAt;
  }, [playback]);

  // Page hide: report what was played before the page goes (keepalive outlives it).
  useEffect(() => {
    if (!beats) return;
    const hidden = () => {
      if (document.visibilityState === 'hidden') void beats.flush({ keepalive: true });
    };
    const pagehide = () => void beats.flush({ keepalive: true });
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', pagehide);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', pagehide);
    };
  }, [beats]);

  const swapStreamIfExpiring = useCallback(() => {
    const v = video.current;
    const s = stream.current;
    if (!v || !s?.next || s.currentExpiresAt - Date.now() > SWAP_BEFORE_EXPIRY_MS) return;
    const [second, playing] = [v.currentTime, !v.paused];
    const url = new URL(s.next, window.location.origin);
    s.current = s.next;
    s.currentExpiresAt = Number(url.searchParams.get('exp')) * 1000;
    s.next = null;
    v.src = s.current;
    // A new source starts over and, with preload="none", loads only once played.
    v.currentTime = second;
    if (playing) void v.play().catch(() => undefined);
  }, []);

  if (error) return <ErrorBlock status="default" title="视频无法播放" description={<span role="alert">{error}</span>} />;
  if (!playback || !beats) return <Skeleton.Paragraph lineCount={4} animated />;

  const maxRate = playback.maxPlaybackRate;
  const rate = (v: HTMLVideoElement) => Math.min(v.playbackRate, maxRate);
  return (
    <>
      <video
        ref={video}
        className="lms-video"
        src={stream.current?.current}
        controls
        playsInline
        // Nothing is downloaded before the student presses play: a phone's data is the student's.
        preload="none"
        aria-label={`视频：${lesson.title}`}
        // The played segment starts where playing starts, not at the first timeupdate a moment later.
        onPlaying={(e) => beats.position(e.currentTarget.currentTime, rate(e.currentTarget))}
        onTimeUpdate={(e) => {
          const v = e.currentTarget;
          if (!v.paused && !v.seeking) beats.position(v.currentTime, rate(v));
          swapStreamIfExpiring();
        }}
        onSeeking={(e) => beats.interrupted(e.currentTarget.currentTime)}
        onPause={(e) => {
          const v = e.currentTarget;
          if (!v.seeking) beats.position(v.currentTime, rate(v));
          beats.interrupted(v.currentTime);
          void beats.flush();
        }}
        onEnded={(e) => {
          const v = e.currentTarget;
          beats.position(v.duration, rate(v));
          beats.interrupted(v.duration);
          void beats.flush();
        }}
        onRateChange={(e) => {
          // Faster than the server credits would only look like watching.
          if (e.currentTarget.playbackRate > maxRate) e.currentTarget.playbackRate = maxRate;
        }}
      />
      <WatchProgress beats={beats} durationSeconds={playback.durationSeconds} maxRate={maxRate} />
    </>
  );
}

function WatchProgress({ beats, durationSeconds, maxRate }: { beats: PlaybackHeartbeats; durationSeconds: number; maxRate: number }) {
  const status = useSyncExternalStore(beats.subscribe, beats.getStatus);
  const percent = percentOf(status.completion);
  return (
    <Card className="lms-lesson-card">
      <div className="lms-watch-row">
        <span>
          已观看 {formatSeconds(status.watchedSeconds)} / {formatSeconds(durationSeconds)}
        </span>
        {status.completed ? <StatusTag tone="ok">已完成</StatusTag> : <StatusTag tone="plain">完成度 {percent}%</StatusTag>}
      </div>
      <div role="progressbar" aria-label="观看进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <ProgressBar percent={percent} rounded />
      </div>
      <p className="lms-muted" aria-live="polite" data-testid="watch-network">
        {status.network === 'retrying' && '网络不稳定：观看进度会在网络恢复后补报，不会丢失。'}
        {status.network === 'ended' && (status.error?.userMessage ?? '播放已停止，请刷新页面。')}
        {status.network === 'ok' && (status.completed ? '本课时已完成，学时已计入。' : `观看满 90% 即完成本课时；最高 ${maxRate} 倍速。`)}
      </p>
    </Card>
  );
}

function ReadingLesson({ lesson }: { lesson: Lesson }) {
  const [state, setState] = useState<SelfPaced | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Client time from which the button is active (the server decides; a refusal tells the rest). */
  const [readyAt, setReadyAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    unwrap(api.POST('/api/lessons/{id}/open', { params: { path: { id: lesson.id } } })).then(
      (s) => {
        if (!live) return;
        setState(s);
        setReadyAt(s.completableAt ? Date.parse(s.completableAt) : Date.now());
      },
      (err) => live && setError(userMessageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [lesson.id]);

  const waiting = readyAt !== null && readyAt > now && state?.state !== 'completed';
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting]);

  const complete = async () => {
    setBusy(true);
    setError(null);
    try {
      setState(await unwrap(api.POST('/api/lessons/{id}/complete', { params: { path: { id: lesson.id } } })));
    } catch (err) {
      const retryAfter = err instanceof ApiError ? (err.body as { retryAfterSeconds?: number } | null)?.retryAfterSeconds : undefined;
      if (retryAfter) {
        setNow(Date.now());
        setReadyAt(Date.now() + retryAfter * 1000);
      }
      setError(userMessageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const paragraphs = lesson.body.split(/\n\s*\n/).filter((p) => p.trim());
  const done = state?.state === 'completed';
  const secondsLeft = readyAt === null ? 0 : Math.ceil((readyAt - now) / 1000);
  return (
    <>
      <Card className="lms-lesson-card">
        <div className="lms-reading">{paragraphs.length ? paragraphs.map((p, i) => <p key={i}>{p}</p>) : <p className="lms-muted">本课时暂无文字内容，请按培训师的安排自学。</p>}</div>
      </Card>
      <Card className="lms-lesson-card">
        {done ? (
          <p className="lms-lesson-done" role="status">
            <StatusTag tone="ok">已完成</StatusTag> 本课时已学完，学时已计入。
          </p>
        ) : (
          <>
            <Button color="primary" block disabled={!state || waiting} loading={busy} onClick={() => void complete()}>
              已学完
            </Button>
            <p className="lms-muted" aria-live="polite">
              {waiting ? `请认真阅读，${secondsLeft} 秒后可标记为已学完。` : '读完后点击“已学完”，计入本课时学时。'}
            </p>
          </>
        )}
        {error && (
          <p role="alert" className="lms-refusal">
            {error}
          </p>
        )}
      </Card>
    </>
  );
}
