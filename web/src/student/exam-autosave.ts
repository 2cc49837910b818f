import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import type { AnswerSavedView } from '../api/views';

/** What the page shows next to the timer. */
export type SaveState = 'saved' | 'saving' | 'offline' | 'error';

interface Entry {
  answer: unknown;
  seq: number;
  /** The server holds this entry's seq (or a newer one). */
  saved: boolean;
}

interface Stored {
  seq: number;
  answers: Record<string, Entry>;
}

const keyOf = (attemptId: string) => `lms.attempt.${attemptId}`;
const RETRY_MS = 3000;
const DEBOUNCE_MS = 300;

/**
 * Autosave of one attempt's answers. Every change gets the next clientSeq and is written to
 * localStorage before it is sent, so a change made offline (or before a reload) is resent when
 * the network returns; the server keeps the highest clientSeq, so sending again is harmless.
 */
export class AnswerAutosave {
  private store: Stored;
  private state: SaveState = 'saved';
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retry: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> | null = null;
  /** A refusal that resending cannot fix (the attempt was submitted or its time ran out). */
  lastError: ApiError | null = null;

  constructor(
    private readonly attemptId: string,
    serverAnswers: Record<string, { answer: unknown; clientSeq: number }>,
  ) {
    const local = readStored(attemptId);
    const answers: Record<string, Entry> = {};
    let seq = local?.seq ?? 0;
    for (const [qid, a] of Object.entries(serverAnswers)) {
      answers[qid] = { answer: a.answer, seq: a.clientSeq, saved: true };
      seq = Math.max(seq, a.clientSeq);
    }
    // An unsent local change newer than what the server holds wins (it was typed while offline).
    for (const [qid, e] of Object.entries(local?.answers ?? {})) {
      if (!e.saved && (!answers[qid] || answers[qid].seq < e.seq)) answers[qid] = e;
    }
    this.store = { seq, answers };
    this.persist();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    if (!navigator.onLine) this.setState('offline');
    if (this.pending().length) this.schedule(0);
  }

  dispose(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    if (this.timer) clearTimeout(this.timer);
    if (this.retry) clearInterval(this.retry);
    this.listeners.clear();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getState = (): SaveState => this.state;

  answers(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.store.answers).map(([k, e]) => [k, e.answer]));
  }

  /** Records a change locally at once and sends it shortly after. */
  change(questionId: string, answer: unknown): void {
    this.store.seq += 1;
    this.store.answers[questionId] = { answer, seq: this.store.seq, saved: false };
    this.persist();
    if (this.state !== 'offline') this.setState('saving');
    this.schedule(DEBOUNCE_MS);
  }

  /** Sends every unsaved change now; resolves when none is left (or the network is gone). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    this.flushing = this.sendPending().finally(() => (this.flushing = null));
    await this.flushing;
  }

  /** Whether every change has reached the server. */
  allSaved(): boolean {
    return this.pending().length === 0;
  }

  /** Forgets the local copy (after submission). */
  clear(): void {
    localStorage.removeItem(keyOf(this.attemptId));
  }

  private pending(): Array<[string, Entry]> {
    return Object.entries(this.store.answers).filter(([, e]) => !e.saved);
  }

  private async sendPending(): Promise<void> {
    for (;;) {
      const todo = this.pending();
      if (!todo.length) {
        this.stopRetry();
        this.setState('saved');
        return;
      }
      if (!navigator.onLine) {
        this.setState('offline');
        this.startRetry();
        return;
      }
      this.setState('saving');
      for (const [questionId, entry] of todo) {
        try {
          await unwrap<AnswerSavedView>(
            api.PUT('/api/attempts/{id}/answers/{questionId}', {
              params: { path: { id: this.attemptId, questionId } },
              body: { answer: entry.answer as never, clientSeq: entry.seq },
            }),
          );
          // Mark saved only when no newer change to this question happened meanwhile.
          const now = this.store.answers[questionId];
          if (now && now.seq === entry.seq) now.saved = true;
          this.persist();
        } catch (err) {
          const apiErr = err instanceof ApiError ? err : new ApiError(null, null);
          if (apiErr.status === null || apiErr.status >= 500) {
            this.setState('offline');
            this.startRetry();
          } else {
            this.lastError = apiErr;
            this.setState('error');
          }
          return;
        }
      }
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private startRetry(): void {
    if (!this.retry) this.retry = setInterval(() => void this.flush(), RETRY_MS);
  }

  private stopRetry(): void {
    if (this.retry) clearInterval(this.retry);
    this.retry = null;
  }

  private onOnline = () => {
    void this.flush();
  };

  private onOffline = () => {
    this.setState('offline');
  };

  private setState(s: SaveState): void {
    if (this.state === s) return;
    this.state = s;
    for (const fn of this.listeners) fn();
  }

  private persist(): void {
    try {
      localStorage.setItem(keyOf(this.attemptId), JSON.stringify(this.store));
    } catch {
      // Storage full or disabled: the answers still go to the server.
    }
  }
}

function readStored(attemptId: string): Stored | null {
  try {
    const raw = localStorage.getItem(keyOf(attemptId));
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}
