import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Media } from './entities/media.entity';

export class MediaView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) contentType: string;
  @ApiProperty({ type: String }) container: string;
  @ApiProperty({ type: Number }) sizeBytes: number;
  @ApiProperty({ type: Number }) durationSeconds: number;
  @ApiProperty({ type: String }) originalName: string;
  @ApiProperty({ type: String, nullable: true }) uploadedBy: string | null;
  @ApiProperty({ type: String }) createdAt: string;
  /** Staff preview only: a signed, expiring stream URL. */
  @ApiPropertyOptional({ type: String }) streamUrl?: string;
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
