import type { ByteSource } from './byte-source';
import { probeMp4 } from './mp4';
import { SNIFF_MAX_BYTES, sniffContainer } from './sniff';
import { fail, type ProbeOutcome, ProbeStop } from './types';
import { probeWebm } from './webm';

/**
 * Reads what a stored upload is: container, duration and track kinds, from the container's own
 * metadata, never from a file name. Total: any input gives an outcome (never throws for bad bytes;
 * errors from the source itself, e.g. a failing disk, are passed on).
 */
export async function probeMedia(source: ByteSource): Promise<ProbeOutcome> {
  if (source.size === 0) return fail('empty', 'the file is empty');
  const head = await source.read(0, Math.min(source.size, SNIFF_MAX_BYTES));
  const kind = sniffContainer(head, true);
  if (kind === 'unknown' || kind === 'need_more') return fail('unknown_container', 'not an MP4 or WebM file');
  if (kind === 'unsupported') return fail('unsupported_container', 'a Matroska file that is not WebM');
  try {
    const media = kind === 'mp4' ? await probeMp4(source) : await probeWebm(source);
    if (!media.tracks.includes('video')) return fail('no_video_track', 'the file has no video track');
    return { ok: true, media };
  } catch (err) {
    if (err instanceof ProbeStop) return fail(err.reason, err.message);
    throw err;
  }
}
