import type { Media } from './entities/media.entity';

export interface MediaView {
  id: string;
  contentType: string;
  container: string;
  sizeBytes: number;
  durationSeconds: number;
  originalName: string;
  uploadedBy: string | null;
  createdAt: string;
  /** Staff preview only: a signed, expiring stream URL. */
  streamUrl?: string;
}

export function toMediaView(m: Media, streamUrl?: string): MediaView {
  return {
    id: m.id,
    contentType: m.contentType,
    container: m.container,
    sizeBytes: m.sizeBytes,
    durationSeconds: m.durationSeconds,
    originalName: m.originalName,
    uploadedBy: m.uploadedBy,
    createdAt: m.createdAt.toISOString(),
    ...(streamUrl === undefined ? {} : { streamUrl }),
  };
}

/** Whole seconds for lessons and heartbeats: rounded up, so the entire video lies within [0, duration]. */
export function lessonDurationSeconds(m: Pick<Media, 'durationSeconds'>): number {
  return Math.max(1, Math.ceil(m.durationSeconds - 1e-6));
}
