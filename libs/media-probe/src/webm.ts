import type { ByteSource } from './byte-source';
import { EbmlId, childElements, elementFloat, elementString, elementUint, readElementHeader } from './ebml';
import { type ProbedMedia, ProbeStop, type TrackKind } from './types';

/**
 * WebM (a Matroska subset): an EBML header whose DocType is "webm", then a Segment whose children
 * include Info (TimestampScale in ns, default 1 ms, and Duration in those units, a float) and Tracks
 * (TrackType 1 = video, 2 = audio). Children are walked by their sizes; Clusters (the media) are
 * skipped. A live-style Cluster of unknown size ends the walk, and the SeekHead, when present, points
 * at whatever metadata was not reached yet.
 */

const MAX_METADATA_BYTES = 1 << 20;
const MAX_ELEMENTS = 100_000;
const DEFAULT_TIMESTAMP_SCALE_NS = 1_000_000;

interface WebmFacts {
  docType: string;
  info?: { scaleNs: number; duration?: number };
  tracks?: TrackKind[];
  /** Segment-relative positions from the SeekHead, by element id. */
  seeks: Map<number, number>;
}

async function readWhole(source: ByteSource, dataStart: number, dataSize: number, what: string): Promise<Uint8Array> {
  if (dataSize > MAX_METADATA_BYTES) throw new ProbeStop('malformed', `${what} is implausibly large`);
  const data = await source.read(dataStart, dataSize);
  if (data.length < dataSize) throw new ProbeStop('truncated', `the file ends inside ${what}`);
  return data;
}

function parseInfo(data: Uint8Array): NonNullable<WebmFacts['info']> {
  const info: NonNullable<WebmFacts['info']> = { scaleNs: DEFAULT_TIMESTAMP_SCALE_NS };
  for (const child of childElements(data)) {
    if (child.id === EbmlId.TimestampScale) info.scaleNs = elementUint(child.data) ?? 0;
    if (child.id === EbmlId.Duration) info.duration = elementFloat(child.data);
  }
  return info;
}

function parseTracks(data: Uint8Array): TrackKind[] {
  const kinds: TrackKind[] = [];
  for (const entry of childElements(data)) {
    if (entry.id !== EbmlId.TrackEntry) continue;
    let kind: TrackKind = 'other';
    for (const field of childElements(entry.data)) {
      if (field.id === EbmlId.TrackType) {
        const type = elementUint(field.data);
        kind = type === 1 ? 'video' : type === 2 ? 'audio' : 'other';
      }
    }
    kinds.push(kind);
  }
  return kinds;
}

function parseSeekHead(data: Uint8Array, seeks: Map<number, number>): void {
  for (const seek of childElements(data)) {
    if (seek.id !== EbmlId.Seek) continue;
    let id: number | undefined;
    let position: number | undefined;
    for (const field of childElements(seek.data)) {
      if (field.id === EbmlId.SeekId) id = elementUint(field.data);
      if (field.id === EbmlId.SeekPosition) position = elementUint(field.data);
    }
    if (id !== undefined && position !== undefined && !seeks.has(id)) seeks.set(id, position);
  }
}

async function readMetadataElement(source: ByteSource, offset: number, limit: number, facts: WebmFacts): Promise<number | null> {
  const header = await readElementHeader(source, offset);
  if (header === null) return null;
  if (header.dataSize === null) {
    // Only media may be of unknown size; metadata after it is found through the SeekHead.
    if (header.id === EbmlId.Cluster) return null;
    throw new ProbeStop('malformed', 'an unknown-sized element that is not a Cluster');
  }
  const end = header.dataStart + header.dataSize;
  if (end > limit) throw new ProbeStop('truncated', `an element at byte ${offset} runs past the end of the segment`);
  if (header.id === EbmlId.Info && !facts.info) facts.info = parseInfo(await readWhole(source, header.dataStart, header.dataSize, 'Info'));
  else if (header.id === EbmlId.Tracks && !facts.tracks) facts.tracks = parseTracks(await readWhole(source, header.dataStart, header.dataSize, 'Tracks'));
  else if (header.id === EbmlId.SeekHead) parseSeekHead(await readWhole(source, header.dataStart, header.dataSize, 'SeekHead'), facts.seeks);
  return end;
}

export async function probeWebm(source: ByteSource): Promise<ProbedMedia> {
  const ebml = await readElementHeader(source, 0);
  if (!ebml || ebml.id !== EbmlId.Header || ebml.dataSize === null) throw new ProbeStop('malformed', 'no EBML header');
  const facts: WebmFacts = { docType: '', seeks: new Map() };
  for (const child of childElements(await readWhole(source, ebml.dataStart, ebml.dataSize, 'the EBML header'))) {
    if (child.id === EbmlId.DocType) facts.docType = elementString(child.data);
  }
  if (facts.docType !== 'webm') throw new ProbeStop('unsupported_container', `EBML DocType "${facts.docType}" is not webm`);

  // The Segment follows the header, possibly after Void elements.
  let offset = ebml.dataStart + ebml.dataSize;
  let segment = await readElementHeader(source, offset);
  while (segment && segment.id === EbmlId.Void && segment.dataSize !== null) {
    offset = segment.dataStart + segment.dataSize;
    segment = await readElementHeader(source, offset);
  }
  if (!segment || segment.id !== EbmlId.Segment) throw new ProbeStop('no_duration', 'the file has no Segment');
  const segmentEnd = segment.dataSize === null ? source.size : segment.dataStart + segment.dataSize;
  if (segmentEnd > source.size) throw new ProbeStop('truncated', 'the Segment runs past the end of the file');

  let elements = 0;
  let position: number | null = segment.dataStart;
  while (position !== null && position < segmentEnd && !(facts.info && facts.tracks)) {
    if (++elements > MAX_ELEMENTS) throw new ProbeStop('malformed', 'too many elements');
    position = await readMetadataElement(source, position, segmentEnd, facts);
  }
  for (const [id, relative] of facts.seeks) {
    const wanted = (id === EbmlId.Info && !facts.info) || (id === EbmlId.Tracks && !facts.tracks);
    if (wanted && segment.dataStart + relative < segmentEnd) await readMetadataElement(source, segment.dataStart + relative, segmentEnd, facts);
  }

  const info = facts.info;
  const durationSeconds = info?.duration !== undefined ? (info.duration * info.scaleNs) / 1e9 : 0;
  if (!(durationSeconds > 0) || !Number.isFinite(durationSeconds)) throw new ProbeStop('no_duration', 'the file states no duration');
  return {
    container: 'webm',
    contentType: 'video/webm',
    durationSeconds,
    durationSource: 'ebml_info',
    tracks: facts.tracks ?? [],
    brand: facts.docType,
  };
}
