import { Injectable } from '@nestjs/common';

/** Where a playback session named by a stream URL stands. */
export type StreamSessionState = 'active' | 'ended' | 'revoked' | 'unknown';

export type StreamSessionCheck = (sessionId: string, userId: string, mediaId: string) => Promise<StreamSessionState>;

/**
 * Media streams but does not know playback sessions: the learning context registers, at start-up,
 * how to tell whether the session a stream URL names may still stream (as contexts register their
 * job handlers). A URL naming a session that was revoked (its student unenrolled) or never existed
 * for that student and media is refused.
 */
@Injectable()
export class StreamSessions {
  private check: StreamSessionCheck | undefined;

  register(check: StreamSessionCheck): void {
    if (this.check) throw new Error('A stream session check is already registered');
    this.check = check;
  }

  state(sessionId: string, userId: string, mediaId: string): Promise<StreamSessionState> {
    if (!this.check) throw new Error('No stream session check is registered (the learning module is missing)');
    return this.check(sessionId, userId, mediaId);
  }
}
