import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Writable } from 'node:stream';
import { LruCache } from '../common/lru-cache';
import { mediaConfig } from './media.config';
import { decideRange, ifRangeHolds, notModified } from './byte-range';
import type { Media } from './entities/media.entity';
import { mediaNotFound, playbackRevoked, rangeNotSatisfiable, urlExpired, urlInvalid } from './media.errors';
import { MediaRepository } from './media.repository';
import { MediaUrlSigner } from './media-url-signer';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage';
import { StreamSessions } from './stream-sessions';

export interface StreamRequest {
  method: string;
  query: { u?: unknown; s?: unknown; exp?: unknown; sig?: unknown };
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

/**
 * What to answer: status and headers, and for a body a function that streams the bytes into the
 * response, calling `ready` (to send the headers) once the file is known to be readable.
 */
export interface StreamResponse {
  status: 200 | 206 | 304;
  headers: Record<string, string>;
  body?: (destination: Writable, ready: () => void) => Promise<void>;
}

/** Browsers may keep a range they fetched for this long, never beyond the link's own expiry. */
const MAX_CACHE_SECONDS = 3600;

/**
 * The internal nginx location that serves stored objects by key (MEDIA_DELIVERY=nginx):
 * `location /_media/ { internal; alias <DATA_DIR>/media/; }`, see docker/nginx.conf.
 */
export const NGINX_MEDIA_LOCATION = '/_media/';

/**
 * Signed, ranged streaming of stored media. Media rows never change after upload, so they are kept
 * in a per-process cache and a range request costs an HMAC check, a file read and, for a student's
 * link, one primary-key lookup of the playback session it names (revoked on unenrolment).
 */
@Injectable()
export class MediaStreamService {
  private readonly media = new LruCache<string, Media>(2000);
  private readonly delivery: 'embedded' | 'nginx';

  constructor(
    private readonly repo: MediaRepository,
    private readonly signer: MediaUrlSigner,
    private readonly sessions: StreamSessions,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(mediaConfig.KEY) media: ConfigType<typeof mediaConfig>,
  ) {
    this.delivery = media.delivery;
  }

  async respond(mediaId: string, req: StreamRequest): Promise<StreamResponse> {
    const nowMs = Date.now();
    const verdict = this.signer.verify(mediaId, req.query.u, req.query.exp, req.query.sig, nowMs, req.query.s);
    if (verdict === 'invalid') throw urlInvalid();
    if (verdict === 'expired') throw urlExpired();
    if (req.query.s !== undefined) {
      // A student's link: good only while their playback session stands (one indexed lookup).
      const state = await this.sessions.state(req.query.s as string, req.query.u as string, mediaId);
      if (state === 'revoked') throw playbackRevoked();
      if (state === 'unknown') throw urlInvalid();
    }
    const media = await this.find(mediaId);

    const size = media.sizeBytes;
    const etag = `"${media.sha256.slice(0, 32)}"`;
    const lastModified = new Date(Math.floor(media.createdAt.getTime() / 1000) * 1000);
    const maxAge = Math.max(0, Math.min(MAX_CACHE_SECONDS, Number(req.query.exp) - Math.ceil(nowMs / 1000)));
    const cacheControl = `private, max-age=${maxAge}`;

    if (this.delivery === 'nginx') {
      // The request is authorised; nginx sends the file (ranges, If-Range, ETag, 304, HEAD) with
      // its own sendfile from the internal location, keeping this Content-Type and Cache-Control.
      return {
        status: 200,
        headers: { 'X-Accel-Redirect': `${NGINX_MEDIA_LOCATION}${encodeURIComponent(media.storageKey)}`, 'Content-Type': media.contentType, 'Cache-Control': cacheControl },
      };
    }

    const validators: Record<string, string> = {
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Last-Modified': lastModified.toUTCString(),
      'Cache-Control': cacheControl,
    };

    if (notModified(req, etag, lastModified)) return { status: 304, headers: validators };

    const decision = ifRangeHolds(req.ifRange, etag, lastModified) ? decideRange(req.range, size) : ({ kind: 'full' } as const);
    if (decision.kind === 'unsatisfiable') {
      throw rangeNotSatisfiable(size, validators);
    }
    const [start, end] = decision.kind === 'partial' ? [decision.start, decision.end] : [0, size - 1];
    const headers: Record<string, string> = {
      ...validators,
      'Content-Type': media.contentType,
      'Content-Length': String(end - start + 1),
      ...(decision.kind === 'partial' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    };
    const body =
      req.method === 'HEAD'
        ? undefined
        : (destination: Writable, ready: () => void) => this.storage.sendRange(media.storageKey, { start, end }, destination, ready);
    return { status: decision.kind === 'partial' ? 206 : 200, headers, body };
  }

  private async find(id: string): Promise<Media> {
    const cached = this.media.get(id);
    if (cached) return cached;
    const media = await this.repo.findById(id);
    if (!media) throw mediaNotFound();
    this.media.set(id, media);
    return media;
  }
}
