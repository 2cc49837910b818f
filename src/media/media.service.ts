import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../identity/auth.decorators';
import { mediaNotFound } from './media.errors';
import { MediaRepository } from './media.repository';
import { MediaUrlSigner, SignedStreamUrl } from './media-url-signer';
import { lessonDurationSeconds, MediaView, toMediaView } from './media.views';

/** What other contexts ask of media: attaching it to a lesson and handing out stream links. */
@Injectable()
export class MediaService {
  constructor(
    private readonly repo: MediaRepository,
    private readonly signer: MediaUrlSigner,
  ) {}

  /** The lesson-facing facts of a stored video, or MEDIA_NOT_FOUND. */
  async forLesson(mediaId: string): Promise<{ mediaId: string; durationSeconds: number }> {
    const media = await this.repo.findById(mediaId);
    if (!media) throw mediaNotFound();
    return { mediaId: media.id, durationSeconds: lessonDurationSeconds(media) };
  }

  /** A video the system imported under that name (the demo sample), lesson-facing, or null. */
  async imported(originalName: string): Promise<{ mediaId: string; durationSeconds: number } | null> {
    const media = await this.repo.findImported(originalName);
    return media ? { mediaId: media.id, durationSeconds: lessonDurationSeconds(media) } : null;
  }

  /**
   * Callers decide who may watch; this only signs. A URL naming a playback session streams only
   * while that session has not been revoked.
   */
  streamUrl(mediaId: string, userId: string, sessionId?: string): SignedStreamUrl {
    return this.signer.sign(mediaId, userId, Date.now(), sessionId);
  }

  /** Staff preview: the media's facts and a stream link for the caller. */
  async preview(mediaId: string, user: AuthUser): Promise<MediaView> {
    const media = await this.repo.findById(mediaId);
    if (!media) throw mediaNotFound();
    return toMediaView(media, this.signer.sign(media.id, user.id).url);
  }
}
