import type { ByteSource } from './byte-source';
import { ProbeStop } from './types';
import { ascii, readFloat, readUint } from './bytes';

/**
 * EBML (the encoding of Matroska and WebM): every element is an ID and a size, both variable-length
 * integers whose first byte's leading zero bits give their length. IDs keep their marker bit (as the
 * specifications write them, e.g. 0x1A45DFA3); sizes drop it, and a size of all ones means unknown.
 */
export const EbmlId = {
  Header: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekId: 0x53ab,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimestampScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackType: 0x83,
  Cluster: 0x1f43b675,
  Void: 0xec,
} as const;

export interface ElementHeader {
  id: number;
  /** Offset of the element's first byte. */
  start: number;
  dataStart: number;
  /** null: unknown size (live streams), the element runs to the end of its parent. */
  dataSize: number | null;
}

interface VarInt {
  length: number;
  value: number;
  allOnes: boolean;
}

function readVarInt(bytes: Uint8Array, offset: number, keepMarker: boolean, maxLength: number): VarInt | 'need_more' | undefined {
  if (offset >= bytes.length) return 'need_more';
  const first = bytes[offset];
  if (first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > maxLength) return undefined;
  if (offset + length > bytes.length) return 'need_more';
  const marker = 0x80 >> (length - 1);
  let value = keepMarker ? first : first & (marker - 1);
  let allOnes = (first & (marker - 1)) === marker - 1;
  for (let i = 1; i < length; i++) {
    const b = bytes[offset + i];
    value = value * 256 + b;
    if (b !== 0xff) allOnes = false;
  }
  return { length, value, allOnes };
}

/** Parses an element header at `offset` of `bytes`; 'need_more' when the bytes stop inside it. */
export function parseElementHeader(bytes: Uint8Array, offset: number, baseOffset = 0): ElementHeader | 'need_more' {
  const id = readVarInt(bytes, offset, true, 4);
  if (id === 'need_more') return id;
  if (id === undefined) throw new ProbeStop('malformed', `invalid EBML element id at byte ${baseOffset + offset}`);
  const size = readVarInt(bytes, offset + id.length, false, 8);
  if (size === 'need_more') return size;
  if (size === undefined) throw new ProbeStop('malformed', `invalid EBML element size at byte ${baseOffset + offset}`);
  if (!size.allOnes && size.value > Number.MAX_SAFE_INTEGER) throw new ProbeStop('malformed', 'EBML element size too large');
  return {
    id: id.value,
    start: baseOffset + offset,
    dataStart: baseOffset + offset + id.length + size.length,
    dataSize: size.allOnes ? null : size.value,
  };
}

/** Reads an element header from the source (at most 12 bytes). */
export async function readElementHeader(source: ByteSource, offset: number): Promise<ElementHeader | null> {
  const bytes = await source.read(offset, 12);
  if (bytes.length === 0) return null;
  const header = parseElementHeader(bytes, 0, offset);
  if (header === 'need_more') throw new ProbeStop('truncated', `the file ends inside an EBML element header at byte ${offset}`);
  return header;
}

/** The child elements of a master element held in memory; unknown-sized children are not allowed here. */
export function* childElements(bytes: Uint8Array): Generator<{ id: number; data: Uint8Array }> {
  let offset = 0;
  while (offset < bytes.length) {
    const header = parseElementHeader(bytes, offset);
    if (header === 'need_more') throw new ProbeStop('truncated', 'an EBML element is cut short');
    if (header.dataSize === null) throw new ProbeStop('malformed', 'an unknown-sized EBML element inside a metadata block');
    const end = header.dataStart + header.dataSize;
    if (end > bytes.length) throw new ProbeStop('truncated', 'an EBML element runs past its parent');
    yield { id: header.id, data: bytes.subarray(header.dataStart, end) };
    offset = end;
  }
}

export function elementUint(data: Uint8Array): number | undefined {
  return data.length === 0 ? 0 : readUint(data, 0, data.length);
}

export function elementFloat(data: Uint8Array): number | undefined {
  return readFloat(data, 0, data.length);
}

export function elementString(data: Uint8Array): string {
  const zero = data.indexOf(0);
  return ascii(data, 0, zero === -1 ? data.length : zero);
}

/** The DocType of an EBML header held in memory ('' when absent), or 'need_more'. */
export function ebmlDocType(head: Uint8Array): string | 'need_more' {
  const header = parseElementHeader(head, 0);
  if (header === 'need_more') return header;
  if (header.id !== EbmlId.Header || header.dataSize === null) throw new ProbeStop('malformed', 'not an EBML header');
  const end = header.dataStart + header.dataSize;
  if (end > head.length) return 'need_more';
  for (const child of childElements(head.subarray(header.dataStart, end))) {
    if (child.id === EbmlId.DocType) return elementString(child.data);
  }
  return '';
}
