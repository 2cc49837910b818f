import { ascii } from './bytes';
import { ebmlDocType } from './ebml';
import { type Container, ProbeStop } from './types';

export type SniffResult = Container | 'unsupported' | 'unknown' | 'need_more';

/** Beyond this many bytes a header that is still undecided is not a video we accept. */
export const SNIFF_MAX_BYTES = 4096;

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

/**
 * Decides from the first bytes of an upload what it is, by content and never by name:
 * - `mp4`: an ISO BMFF file, whose first box is `ftyp`;
 * - `webm`: an EBML file whose DocType is `webm`;
 * - `unsupported`: EBML with another DocType (Matroska), which browsers do not reliably play;
 * - `unknown`: anything else;
 * - `need_more`: undecided yet; pass more bytes, or `complete` when there are no more.
 */
export function sniffContainer(head: Uint8Array, complete = false): SniffResult {
  const undecided = (): SniffResult => (complete || head.length >= SNIFF_MAX_BYTES ? 'unknown' : 'need_more');
  if (head.length >= 4 && EBML_MAGIC.every((b, i) => head[i] === b)) {
    try {
      const docType = ebmlDocType(head.subarray(0, SNIFF_MAX_BYTES));
      if (docType === 'need_more') return undecided();
      return docType === 'webm' ? 'webm' : 'unsupported';
    } catch (err) {
      if (err instanceof ProbeStop) return 'unknown';
      throw err;
    }
  }
  if (head.length < 8) return complete ? 'unknown' : 'need_more';
  if (ascii(head, 4, 4) !== 'ftyp') return 'unknown';
  const size = ((head[0] << 24) >>> 0) + (head[1] << 16) + (head[2] << 8) + head[3];
  // size 1 (a 64-bit size follows) is legal; otherwise ftyp holds at least a major brand and version.
  return size === 1 || size >= 16 ? 'mp4' : 'unknown';
}
