import { Injectable } from '@nestjs/common';
import { LruCache } from '../common/lru-cache';

/** Where a playback session named by a stream URL stands. */
export type StreamSessionState = 'active' | 'ended' | 'revoked' | 'unknown';

/** How long a session found streamable is taken as such without asking again. */
export const STREAMABLE_CACHE_MS = 2000;

export type StreamSessionCheck = (sessionId: string, userId: string, mediaId: string) => Promise<StreamSessionState>;

/**
 * Media streams but does not know playback sessions: the learning context registers, at start-up,
 * how to tell whether the session a stream URL names may still stream (as contexts register their
 * job handlers). A URL naming a session that was revoked (its student unenrolled) or never existed
 * for that student and media is refused. A session found streamable is remembered for
 * STREAMABLE_CACHE_MS, so a player's burst of range requests costs one lookup; the process that
 * revokes forgets at once, other processes within that time.
 */
@Injectable()
export class StreamSessions {
  private check: StreamSessionCheck | undefined;
  private readonly streamable = new LruCache<string, StreamSessionState>(50_000, STREAMABLE_CACHE_MS);

  register(check: StreamSessionCheck): void {
    if (this.check) throw new Error('A stream session check is already registered');
    this.check = check;
  }

  async state(sessionId: string, userId: string, mediaId: string): Promise<StreamSessionState> {
    if (!this.check) throw new Error('No stream session check is registered (the learning module is missing)');
    const key = `${sessionId.toLowerCase()}:${userId.toLowerCase()}:${mediaId.toLowerCase()}`;
    const cached = this.streamable.get(key);
    if (cached) return cached;
    const state = await this.check(sessionId, userId, mediaId);
    if (state === 'active' || state === 'ended') this.streamable.set(key, state);
    return state;
  }

  /** Forgets what this process remembered about sessions just revoked. */
  forget(): void {
    this.streamable.clear();
  }
}
