import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mediaConfig } from './media.config';

export interface SignedStreamUrl {
  /** Path and query, relative to the API's origin. */
  url: string;
  expiresAt: Date;
}

export type UrlVerdict = 'ok' | 'invalid' | 'expired';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Stream URLs are capabilities: `/media/:id/stream?u=<user>[&s=<session>]&exp=<unix s>&sig=<HMAC-SHA256>`
 * over (media id, user, expiry[, playback session]). A player fetches them without a bearer token (a
 * <video> element cannot send one), so the URL itself must prove who was allowed to watch, and until
 * when. A student's URL names their playback session: it stops working when that session is revoked
 * (unenrolment), and it lives MEDIA_URL_TTL_SECONDS (default 5 minutes), renewed by heartbeats.
 */
@Injectable()
export class MediaUrlSigner {
  private readonly secret: Buffer;
  private readonly ttlSeconds: number;

  constructor(@Inject(mediaConfig.KEY) media: ConfigType<typeof mediaConfig>) {
    this.secret = Buffer.from(media.urlSecret, 'utf8');
    this.ttlSeconds = media.urlTtlSeconds;
  }

  sign(mediaId: string, userId: string, nowMs = Date.now(), sessionId?: string): SignedStreamUrl {
    const exp = Math.floor(nowMs / 1000) + this.ttlSeconds;
    const sig = this.mac(mediaId.toLowerCase(), userId.toLowerCase(), exp, sessionId?.toLowerCase());
    const session = sessionId ? `&s=${sessionId}` : '';
    return { url: `/media/${mediaId}/stream?u=${userId}${session}&exp=${exp}&sig=${sig}`, expiresAt: new Date(exp * 1000) };
  }

  /** Checks the signature first, so that an expiry date cannot be probed without a valid link. */
  verify(mediaId: string, user: unknown, exp: unknown, sig: unknown, nowMs = Date.now(), session?: unknown): UrlVerdict {
    if (typeof user !== 'string' || typeof exp !== 'string' || typeof sig !== 'string') return 'invalid';
    if (!UUID.test(user) || !/^\d{1,12}$/.test(exp) || !SIGNATURE.test(sig)) return 'invalid';
    if (session !== undefined && (typeof session !== 'string' || !UUID.test(session))) return 'invalid';
    const expected = Buffer.from(this.mac(mediaId.toLowerCase(), user.toLowerCase(), Number(exp), session?.toLowerCase()));
    if (!timingSafeEqual(expected, Buffer.from(sig))) return 'invalid';
    return Number(exp) * 1000 <= nowMs ? 'expired' : 'ok';
  }

  private mac(mediaId: string, userId: string, exp: number, sessionId?: string): string {
    const subject = sessionId ? `${mediaId}\n${userId}\n${exp}\n${sessionId}` : `${mediaId}\n${userId}\n${exp}`;
    return createHmac('sha256', this.secret).update(subject).digest('base64url');
  }
}
