import type { ByteSource } from './byte-source';
import { ascii, readUint } from './bytes';
import { type ProbedMedia, ProbeStop, type TrackKind } from './types';

/**
 * ISO base media file format (MP4): a file is a sequence of boxes, each a 32-bit size and a
 * four-character type (size 1: a 64-bit size follows; size 0: the box runs to the end of the file).
 * The duration is `mvhd.duration / mvhd.timescale`; when the movie header says 0 (fragmented files
 * often do), the longest track's `mdhd`, then the fragment header `mehd`, are used instead.
 * `moov` may come before or after the media data (`mdat`), which is skipped by its size.
 */

interface Box {
  type: string;
  start: number;
  headerSize: number;
  end: number;
}

/** Boxes we descend into; everything else is skipped by its size. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'mvex']);
/** Metadata boxes we read whole: all are a few dozen bytes. */
const LEAVES = new Set(['mvhd', 'mdhd', 'hdlr', 'mehd']);
const MAX_LEAF_BYTES = 4096;
/** A file with more boxes than this is not a lesson video (and would be a way to make probing slow). */
const MAX_BOXES = 100_000;

interface Header {
  timescale: number;
  duration: number;
}

interface Mp4Facts {
  brand: string;
  movie?: Header;
  fragmentDuration?: number;
  tracks: Array<{ kind: TrackKind; media?: Header }>;
}

async function readBox(source: ByteSource, offset: number, limit: number): Promise<Box> {
  const bytes = await source.read(offset, 16);
  if (bytes.length < 8) throw new ProbeStop('truncated', `the file ends inside a box header at byte ${offset}`);
  const size32 = readUint(bytes, 0, 4) as number;
  const type = ascii(bytes, 4, 4);
  let headerSize = 8;
  let size: number;
  if (size32 === 1) {
    if (bytes.length < 16) throw new ProbeStop('truncated', `the file ends inside a box header at byte ${offset}`);
    const large = readUint(bytes, 8, 8);
    if (large === undefined) throw new ProbeStop('malformed', `box "${type}" declares an impossible size`);
    headerSize = 16;
    size = large;
  } else if (size32 === 0) {
    size = limit - offset;
  } else {
    size = size32;
  }
  if (size < headerSize) throw new ProbeStop('malformed', `box "${type}" at byte ${offset} is smaller than its header`);
  if (offset + size > limit) throw new ProbeStop('truncated', `box "${type}" at byte ${offset} runs past the end of its parent`);
  return { type, start: offset, headerSize, end: offset + size };
}

/** Full-box header (version, flags) then the times: 32-bit fields in version 0, 64-bit in version 1. */
function parseTimedHeader(data: Uint8Array, type: string): Header {
  const version = data[0];
  const wide = version === 1;
  const timescaleAt = wide ? 4 + 8 + 8 : 4 + 4 + 4;
  const durationLength = wide ? 8 : 4;
  if (data.length < timescaleAt + 4 + durationLength) throw new ProbeStop('malformed', `"${type}" is too short`);
  const timescale = readUint(data, timescaleAt, 4) as number;
  const duration = readUint(data, timescaleAt + 4, durationLength);
  // All ones means "unknown"; a 64-bit value beyond 2^53 (all ones included) cannot be a real duration.
  const unknown = duration === undefined || (!wide && duration === 0xffffffff);
  return { timescale, duration: unknown ? 0 : (duration as number) };
}

function handlerKind(data: Uint8Array): TrackKind {
  const handler = ascii(data, 8, 4);
  return handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : 'other';
}

async function walk(source: ByteSource, from: number, to: number, parent: string, facts: Mp4Facts, budget: { boxes: number }): Promise<void> {
  let offset = from;
  while (offset < to) {
    if (++budget.boxes > MAX_BOXES) throw new ProbeStop('malformed', 'too many boxes');
    const box = await readBox(source, offset, to);
    if (parent === '' && offset === 0 && box.type !== 'ftyp') throw new ProbeStop('malformed', 'the first box is not "ftyp"');
    if (box.type === 'ftyp' && parent === '') {
      facts.brand = ascii(await source.read(box.start + box.headerSize, 4), 0, 4);
    } else if (CONTAINERS.has(box.type)) {
      if (box.type === 'trak') facts.tracks.push({ kind: 'other' });
      await walk(source, box.start + box.headerSize, box.end, box.type, facts, budget);
    } else if (LEAVES.has(box.type)) {
      const length = box.end - box.start - box.headerSize;
      if (length > MAX_LEAF_BYTES) throw new ProbeStop('malformed', `"${box.type}" is implausibly large`);
      const data = await source.read(box.start + box.headerSize, length);
      const track = facts.tracks[facts.tracks.length - 1];
      if (box.type === 'mvhd' && parent === 'moov') facts.movie = parseTimedHeader(data, 'mvhd');
      else if (box.type === 'mdhd' && parent === 'mdia' && track) track.media = parseTimedHeader(data, 'mdhd');
      else if (box.type === 'hdlr' && parent === 'mdia' && track) track.kind = handlerKind(data);
      else if (box.type === 'mehd' && parent === 'mvex') {
        const wide = data[0] === 1;
        facts.fragmentDuration = readUint(data, 4, wide ? 8 : 4) ?? 0;
      }
    }
    offset = box.end;
  }
}

const seconds = (h: Header | undefined): number => (h && h.timescale > 0 && h.duration > 0 ? h.duration / h.timescale : 0);

export async function probeMp4(source: ByteSource): Promise<ProbedMedia> {
  const facts: Mp4Facts = { brand: '', tracks: [] };
  await walk(source, 0, source.size, '', facts, { boxes: 0 });
  if (!facts.movie && facts.tracks.length === 0) throw new ProbeStop('no_duration', 'the file has no movie header ("moov")');
  let durationSeconds = seconds(facts.movie);
  let durationSource: ProbedMedia['durationSource'] = 'mvhd';
  if (durationSeconds === 0) {
    durationSeconds = Math.max(0, ...facts.tracks.map((t) => seconds(t.media)));
    durationSource = 'mdhd';
  }
  if (durationSeconds === 0 && facts.fragmentDuration && facts.movie && facts.movie.timescale > 0) {
    durationSeconds = facts.fragmentDuration / facts.movie.timescale;
    durationSource = 'mehd';
  }
  if (!(durationSeconds > 0) || !Number.isFinite(durationSeconds)) throw new ProbeStop('no_duration', 'the file states no duration');
  return {
    container: 'mp4',
    contentType: 'video/mp4',
    durationSeconds,
    durationSource,
    tracks: facts.tracks.map((t) => t.kind),
    brand: facts.brand,
  };
}
