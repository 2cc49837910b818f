export type Container = 'mp4' | 'webm';

export type TrackKind = 'video' | 'audio' | 'other';

export interface ProbedMedia {
  container: Container;
  contentType: 'video/mp4' | 'video/webm';
  /** Seconds, finite and > 0. */
  durationSeconds: number;
  /** Where the duration came from, for diagnostics. */
  durationSource: 'mvhd' | 'mdhd' | 'mehd' | 'ebml_info';
  tracks: TrackKind[];
  /** MP4: the major brand of `ftyp`; WebM: the EBML DocType. */
  brand: string;
}

/**
 * Why a file is not accepted as a playable video:
 * - `empty`: no bytes at all;
 * - `unknown_container`: neither ISO BMFF (MP4) nor EBML (WebM) magic bytes;
 * - `unsupported_container`: EBML, but a DocType other than webm (e.g. Matroska);
 * - `truncated`: a box or element claims more bytes than the file has;
 * - `malformed`: sizes or headers that cannot be valid;
 * - `no_duration`: the container states no usable duration;
 * - `no_video_track`: no track is a video track (e.g. an audio-only M4A).
 */
export type ProbeFailureReason =
  | 'empty'
  | 'unknown_container'
  | 'unsupported_container'
  | 'truncated'
  | 'malformed'
  | 'no_duration'
  | 'no_video_track';

export type ProbeOutcome = { ok: true; media: ProbedMedia } | { ok: false; reason: ProbeFailureReason; detail: string };

export const fail = (reason: ProbeFailureReason, detail: string): ProbeOutcome => ({ ok: false, reason, detail });

/** Thrown inside the parsers only; probeMedia turns it into a failed outcome. */
export class ProbeStop extends Error {
  constructor(
    readonly reason: ProbeFailureReason,
    detail: string,
  ) {
    super(detail);
  }
}
