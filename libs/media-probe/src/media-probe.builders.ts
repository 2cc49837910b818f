import { EbmlId } from './ebml';

/**
 * Byte-exact builders of small MP4 and WebM files for the probe's tests: real containers are built
 * box by box and element by element, so every branch of the parsers can be reached on purpose.
 */

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const text = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function uintBytes(value: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// MP4

export function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const body = concat(...payload);
  return concat(uintBytes(8 + body.length, 4), text(type), body);
}

/** A box with the 64-bit size form (size field 1, then the real size). */
export function largeBox(type: string, ...payload: Uint8Array[]): Uint8Array {
  const body = concat(...payload);
  return concat(uintBytes(1, 4), text(type), uintBytes(16 + body.length, 8), body);
}

export function ftyp(brand = 'isom'): Uint8Array {
  return box('ftyp', text(brand), uintBytes(512, 4), text(brand), text('mp41'));
}

function timedHeader(type: 'mvhd' | 'mdhd', timescale: number, duration: number, version: 0 | 1): Uint8Array {
  const times = version === 1 ? concat(uintBytes(0, 8), uintBytes(0, 8)) : concat(uintBytes(0, 4), uintBytes(0, 4));
  const tail = type === 'mvhd' ? new Uint8Array(80) : new Uint8Array(4);
  return box(type, Uint8Array.of(version, 0, 0, 0), times, uintBytes(timescale, 4), uintBytes(duration, version === 1 ? 8 : 4), tail);
}

export const mvhd = (timescale: number, duration: number, version: 0 | 1 = 0) => timedHeader('mvhd', timescale, duration, version);
export const mdhd = (timescale: number, duration: number, version: 0 | 1 = 0) => timedHeader('mdhd', timescale, duration, version);

export function hdlr(handler: string): Uint8Array {
  return box('hdlr', new Uint8Array(4), new Uint8Array(4), text(handler), new Uint8Array(12), text('handler\0'));
}

export function trak(handler: string, timescale = 1000, duration = 0): Uint8Array {
  return box('trak', box('tkhd', new Uint8Array(84)), box('mdia', mdhd(timescale, duration), hdlr(handler), box('minf', new Uint8Array(24))));
}

export interface Mp4Spec {
  brand?: string;
  movie?: { timescale: number; duration: number; version?: 0 | 1 };
  tracks?: Array<{ handler: string; timescale?: number; duration?: number }>;
  fragmentDuration?: number;
  mediaBytes?: number;
  /** moov before mdat ("fast start") or after it (ffmpeg's default). */
  moovFirst?: boolean;
  /** mdat with the 64-bit size form. */
  largeMdat?: boolean;
}

export function mp4File(spec: Mp4Spec = {}): Uint8Array {
  const movie = spec.movie ?? { timescale: 1000, duration: 120_000 };
  const tracks = spec.tracks ?? [{ handler: 'vide', timescale: 12_800, duration: 120 * 12_800 }];
  const moov = box(
    'moov',
    mvhd(movie.timescale, movie.duration, movie.version ?? 0),
    ...tracks.map((t) => trak(t.handler, t.timescale, t.duration)),
    ...(spec.fragmentDuration !== undefined ? [box('mvex', box('mehd', Uint8Array.of(0, 0, 0, 0), uintBytes(spec.fragmentDuration, 4)))] : []),
  );
  const media = new Uint8Array(spec.mediaBytes ?? 64).fill(0xab);
  const mdat = spec.largeMdat ? largeBox('mdat', media) : box('mdat', media);
  return spec.moovFirst === false ? concat(ftyp(spec.brand), box('free'), mdat, moov) : concat(ftyp(spec.brand), moov, mdat);
}

// ---------------------------------------------------------------------------------------------
// EBML / WebM

function idBytes(id: number): Uint8Array {
  const length = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  return uintBytes(id, length);
}

/** An EBML size of `length` bytes (1–8), or the reserved all-ones "unknown" size. */
export function ebmlSize(size: number | null, length = 8): Uint8Array {
  const out = new Uint8Array(length);
  if (size === null) {
    out.fill(0xff);
    out[0] = 0x1ff >> length; // the marker bit and every value bit after it set
    return out;
  }
  const value = uintBytes(size, length);
  value[0] |= 0x80 >> (length - 1);
  return value;
}

export function element(id: number, ...data: Uint8Array[]): Uint8Array {
  const body = concat(...data);
  return concat(idBytes(id), ebmlSize(body.length), body);
}

export function unknownSizeElement(id: number, ...data: Uint8Array[]): Uint8Array {
  return concat(idBytes(id), ebmlSize(null), ...data);
}

export const uintElement = (id: number, value: number, length = 4) => element(id, uintBytes(value, length));
export const stringElement = (id: number, value: string) => element(id, text(value));

export function floatElement(id: number, value: number, length: 4 | 8 = 8): Uint8Array {
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  if (length === 4) view.setFloat32(0, value);
  else view.setFloat64(0, value);
  return element(id, bytes);
}

/** The ids the parser knows (real ffmpeg files in the e2e tests check them against the world). */
export const Id = EbmlId;

export interface WebmSpec {
  docType?: string;
  scaleNs?: number;
  /** In TimestampScale units; undefined leaves Duration out. */
  duration?: number;
  durationBytes?: 4 | 8;
  trackTypes?: number[];
  clusterBytes?: number;
  /** Info and Tracks after a Cluster of unknown size, found only through the SeekHead. */
  metadataAfterLiveCluster?: boolean;
}

export function webmFile(spec: WebmSpec = {}): Uint8Array {
  const header = element(Id.Header, uintElement(0x4286, 1, 1), stringElement(Id.DocType, spec.docType ?? 'webm'));
  const info = element(
    Id.Info,
    ...(spec.scaleNs !== undefined ? [uintElement(Id.TimestampScale, spec.scaleNs)] : []),
    ...('duration' in spec && spec.duration === undefined ? [] : [floatElement(Id.Duration, spec.duration ?? 120_000, spec.durationBytes ?? 8)]),
  );
  const tracks = element(Id.Tracks, ...(spec.trackTypes ?? [1]).map((t) => element(Id.TrackEntry, uintElement(Id.TrackType, t, 1))));
  const clusterBody = new Uint8Array(spec.clusterBytes ?? 64).fill(0xcd);
  if (!spec.metadataAfterLiveCluster) {
    return concat(header, element(Id.Segment, info, tracks, element(Id.Cluster, clusterBody)));
  }
  // SeekHead (fixed size: 8-byte positions) first, then an unknown-size Cluster, then the metadata.
  const seekEntry = (id: number, position: number) =>
    element(Id.Seek, element(Id.SeekId, idBytes(id)), element(Id.SeekPosition, uintBytes(position, 8)));
  const seekHeadSize = element(Id.SeekHead, seekEntry(Id.Info, 0), seekEntry(Id.Tracks, 0)).length;
  const clusterLength = 4 + 8 + clusterBody.length;
  const infoAt = seekHeadSize + clusterLength;
  const seekHead = element(Id.SeekHead, seekEntry(Id.Info, infoAt), seekEntry(Id.Tracks, infoAt + info.length));
  // The live cluster's data is raw bytes that do not parse as elements; the walk must not enter it.
  return concat(header, unknownSizeElement(Id.Segment, seekHead, unknownSizeElement(Id.Cluster, clusterBody), info, tracks));
}
