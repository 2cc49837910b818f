import { authFetch } from '../api/client';
import { ApiError } from '../api/errors';
import type { components } from '../api/schema';

type HeartbeatBody = components['schemas']['HeartbeatDto'];
type HeartbeatAnswer = components['schemas']['HeartbeatView'];
type Segment = [number, number];

/** What the page shows under the player. */
export interface WatchStatus {
  watchedSeconds: number;
  completion: number;
  completed: boolean;
  /** ok: everything reported; retrying: a report failed and is being resent; ended: the session is over (another device, unenrolled). */
  network: 'ok' | 'retrying' | 'ended';
  /** The session's refusal when network is 'ended'. */
  error: ApiError | null;
}

/** The server takes at most this many earlier segments with one heartbeat (MAX_RESENT_SEGMENTS). */
const MAX_RESENT = 50;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;
/** A jump in the media position larger than this (beyond what playing moved) is a seek, not playing. */
const CONTINUITY_SLACK_SECONDS = 1.5;

function merge(segments: Segment[]): Segment[] {
  const sorted = segments.filter(([a, b]) => b >= a).sort((x, y) => x[0] - y[0]);
  const out: Segment[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * The heartbeats of one playback session, apart from the player that feeds it. The player reports
 * positions (`position()` while playing, `seeked()` after a jump); this module turns them into
 * played segments and reports them about every `intervalSeconds`, on demand (pause, page hide, end)
 * and again after a failure. Every heartbeat carries a new clientSeq and, besides the newest
 * segment, every earlier one not yet acknowledged: the server counts the union of watched
 * intervals, so a segment sent twice (a lost answer) is never counted twice, and a repeated
 * clientSeq credits nothing. Segments the server refused only for lack of time budget (`retry`)
 * are sent again with the next heartbeat.
 */
export class PlaybackHeartbeats {
  private seq = 0;
  /** Played since the last heartbeat was sent. */
  private unsent: Segment[] = [];
  /** Sent but not acknowledged (the request failed, or the server asked for them again). */
  private unacknowledged: Segment[] = [];
  /** The segment being played: [start, furthest position] or null while paused or after a seek. */
  private open: Segment | null = null;
  private lastPosition = 0;
  private inFlight: Promise<void> | null = null;
  /** What the heartbeat in flight claims (a keepalive beat sent meanwhile repeats it). */
  private inFlightClaims: Segment[] = [];
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = RETRY_MIN_MS;
  private listeners = new Set<() => void>();
  private status: WatchStatus;
  private rate = 1;
  private stopped = false;

  constructor(
    private readonly sessionId: string,
    initial: { watchedSeconds: number; completion: number; completed: boolean; intervalSeconds: number },
    /** Each answer carries a fresh stream link (the player swaps to it before the old one expires). */
    private readonly onStreamUrl: (url: string, expiresAt: string) => void = () => undefined,
  ) {
    this.status = { watchedSeconds: initial.watchedSeconds, completion: initial.completion, completed: initial.completed, network: 'ok', error: null };
    // The timer reports only what there is to report; pause, end and page hide report at once.
    this.timer = setInterval(() => {
      if (this.hasNews()) void this.send();
    }, initial.intervalSeconds * 1000);
    window.addEventListener('online', this.onOnline);
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getStatus = (): WatchStatus => this.status;

  /** The player is at `second` while playing at `rate`: extends the played segment (or starts one after a jump). */
  position(second: number, rate: number): void {
    this.rate = rate;
    const moved = second - this.lastPosition;
    if (this.open && moved >= 0 && moved <= CONTINUITY_SLACK_SECONDS * Math.max(1, rate)) {
      this.open[1] = Math.max(this.open[1], second);
    } else {
      this.closeSegment();
      this.open = [second, second];
    }
    this.lastPosition = second;
  }

  /** Playing stopped or jumped: what was played so far becomes a finished segment. */
  interrupted(second: number): void {
    this.closeSegment();
    this.lastPosition = second;
  }

  /**
   * Reports now (pause, end, page hide). `keepalive` lets the request outlive the page when it is
   * being unloaded.
   */
  flush(opts: { keepalive?: boolean } = {}): Promise<void> {
    return this.send(opts.keepalive ?? false);
  }

  /** Stops the timers; a last flush (keepalive) should come before when the page goes away. */
  dispose(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.onOnline);
    this.listeners.clear();
  }

  private hasNews(): boolean {
    return this.unsent.length > 0 || this.unacknowledged.length > 0 || (this.open !== null && this.open[1] > this.open[0]);
  }

  private closeSegment(): void {
    if (this.open && this.open[1] > this.open[0]) this.unsent.push(this.open);
    this.open = null;
  }

  private send(keepalive = false): Promise<void> {
    if (this.stopped && !keepalive) return Promise.resolve();
    // The page is going: no waiting for the heartbeat in flight. This one repeats its segments, so
    // whichever the server takes second (and credits nothing, its clientSeq being older) loses nothing.
    if (keepalive && this.inFlight) return this.sendOne(true);
    if (this.inFlight) {
      // One heartbeat at a time, so that clientSeq reaches the server in order; send again after.
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.sendOne(keepalive).finally(() => {
      this.inFlight = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.send();
      }
    });
    return this.inFlight;
  }

  private async sendOne(keepalive: boolean): Promise<void> {
    if (this.status.network === 'ended') return;
    // The segment still playing is reported up to where it is; it goes on from there.
    if (this.open && this.open[1] > this.open[0]) {
      this.unsent.push([this.open[0], this.open[1]]);
      this.open = [this.open[1], this.open[1]];
    }
    const newest = this.unsent.length ? this.unsent[this.unsent.length - 1] : null;
    const earlier = merge([...this.unacknowledged, ...this.unsent.slice(0, -1)]);
    // The oldest go first when there are too many; they stay unacknowledged and follow later.
    const resent = earlier.slice(-MAX_RESENT);
    const held = earlier.slice(0, earlier.length - resent.length);
    const claimed: Segment[] = newest ? [newest, ...resent] : resent;
    this.unsent = [];
    this.unacknowledged = held;
    const flying = this.inFlightClaims;
    this.inFlightClaims = merge([...flying, ...claimed]);
    const all = merge([...flying, ...resent]).slice(-MAX_RESENT);
    const [from, to] = newest ?? [this.lastPosition, this.lastPosition];
    const body: HeartbeatBody = {
      fromSecond: from,
      toSecond: to,
      playbackRate: this.rate,
      visible: document.visibilityState === 'visible',
      clientSeq: ++this.seq,
      ...(all.length ? { segments: all.map(([a, b]) => ({ fromSecond: a, toSecond: b })) } : {}),
    };
    try {
      const res = await authFetch(
        new Request(new URL(`/api/playback/${encodeURIComponent(this.sessionId)}/heartbeat`, window.location.origin), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          keepalive,
        }),
      );
      const answer: unknown = await res.json().catch(() => null);
      if (!res.ok) throw ApiError.fromBody(res.status, answer);
      const view = answer as HeartbeatAnswer;
      // Not accepted (a newer clientSeq got there first): nothing of it was looked at, so it all goes again.
      const again = view.accepted ? view.retry.map((r): Segment => [r.fromSecond, r.toSecond]) : claimed;
      this.unacknowledged = merge([...this.unacknowledged, ...again]);
      this.retryMs = RETRY_MIN_MS;
      this.update({ watchedSeconds: view.watchedSeconds, completion: view.completion, completed: view.completed, network: 'ok', error: null });
      this.onStreamUrl(view.streamUrl, view.streamUrlExpiresAt);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError(null, null);
      if (apiErr.status !== null && apiErr.status < 500 && apiErr.status !== 429) {
        // The session is over (ended by another one, revoked, gone): resending cannot help.
        this.update({ network: 'ended', error: apiErr });
        return;
      }
      // Not acknowledged: everything claimed goes out again with the next heartbeat (with a new clientSeq).
      this.unacknowledged = merge([...this.unacknowledged, ...claimed]);
      this.update({ network: 'retrying', error: null });
      this.scheduleRetry();
    } finally {
      this.inFlightClaims = flying;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.send();
    }, this.retryMs);
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  private onOnline = () => {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryMs = RETRY_MIN_MS;
    if (this.status.network === 'retrying') void this.send();
  };

  private update(patch: Partial<WatchStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const fn of this.listeners) fn();
  }
}
