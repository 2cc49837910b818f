import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT, type CredentialIssuer, toXsdDateTime } from './vc';

/**
 * W3C Bitstring Status List v1.0: one bit per issued credential, bit 0 being the most
 * significant bit of the first byte; set means the status (here: revocation) applies. The list
 * is published GZIP-compressed and base64url-encoded (no padding) with the multibase prefix `u`,
 * inside a `BitstringStatusListCredential`; each credential's `credentialStatus` names the list
 * and its index, so a verifier learns of a revocation without asking anyone which one it checks.
 */

/** The specification's minimum (16 KB), which also keeps a single revocation from standing out. */
export const MIN_STATUS_LIST_BITS = 131_072;
/** Refuse lists that inflate beyond this (a decompression bomb), 16 MB = 134 million entries. */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;
const MULTIBASE_BASE64URL = 'u';

export type StatusPurpose = 'revocation' | 'suspension';

function checkLength(length: number): void {
  if (!Number.isInteger(length) || length < MIN_STATUS_LIST_BITS || length % 8 !== 0 || length / 8 > MAX_STATUS_LIST_BYTES) {
    throw new RangeError(`a status list has a multiple of 8 bits, at least ${MIN_STATUS_LIST_BITS}; got ${length}`);
  }
}

function checkIndex(index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`status list index ${index} is outside 0..${length - 1}`);
  }
}

/** The bitstring with exactly the given indices set. */
export function buildBitstring(setIndices: Iterable<number>, length = MIN_STATUS_LIST_BITS): Uint8Array {
  checkLength(length);
  const bytes = new Uint8Array(length / 8);
  for (const index of setIndices) {
    checkIndex(index, length);
    bytes[index >> 3] |= 0x80 >> (index & 7);
  }
  return bytes;
}

export function isBitSet(bitstring: Uint8Array, index: number): boolean {
  checkIndex(index, bitstring.length * 8);
  return (bitstring[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** Every set index, in increasing order. */
export function setIndices(bitstring: Uint8Array): number[] {
  const out: number[] = [];
  bitstring.forEach((byte, i) => {
    if (byte === 0) return;
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) out.push(i * 8 + bit);
  });
  return out;
}

/** `encodedList` for the given set indices: multibase(`u`) base64url(gzip(bitstring)). */
export function encodeStatusList(indices: Iterable<number>, length = MIN_STATUS_LIST_BITS): string {
  return encodeBitstring(buildBitstring(indices, length));
}

export function encodeBitstring(bitstring: Uint8Array): string {
  checkLength(bitstring.length * 8);
  return MULTIBASE_BASE64URL + gzipSync(bitstring, { level: 9 }).toString('base64url');
}

/**
 * The bitstring of an `encodedList`. Throws a RangeError when the value is not multibase
 * base64url, not GZIP, shorter than the minimum or larger than `MAX_STATUS_LIST_BYTES`.
 */
export function decodeStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith(MULTIBASE_BASE64URL) || !/^[A-Za-z0-9_-]+$/.test(encodedList.slice(1))) {
    throw new RangeError('encodedList is not multibase base64url (prefix "u", no padding)');
  }
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: MAX_STATUS_LIST_BYTES });
  } catch (error) {
    throw new RangeError(`encodedList does not inflate: ${(error as Error).message}`);
  }
  checkLength(bytes.length * 8);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

/** The `credentialStatus` of a credential at `index` of the list published at `statusListCredential`. */
export function statusListEntry(
  statusListCredential: string,
  index: number,
  statusPurpose: StatusPurpose = 'revocation',
): BitstringStatusListEntry {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`status list index ${index} is not a natural number`);
  return {
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential,
  };
}

export interface BitstringStatusListCredential {
  '@context': [typeof VC_V2_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: CredentialIssuer;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
}

export interface StatusListCredentialInput {
  /** The URL the credential is published at (what entries name as `statusListCredential`). */
  url: string;
  issuer: CredentialIssuer;
  /** The indices whose status applies (revoked certificates). */
  setIndices: Iterable<number>;
  length?: number;
  statusPurpose?: StatusPurpose;
  validFrom: Date;
  /** Verifiers may cache the list until then; publish a new one before. */
  validUntil?: Date;
}

export function buildStatusListCredential(input: StatusListCredentialInput): BitstringStatusListCredential {
  const credential: BitstringStatusListCredential = {
    '@context': [VC_V2_CONTEXT],
    id: input.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: toXsdDateTime(input.validFrom),
    credentialSubject: {
      id: `${input.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.statusPurpose ?? 'revocation',
      encodedList: encodeStatusList(input.setIndices, input.length),
    },
  };
  if (input.validUntil) credential.validUntil = toXsdDateTime(input.validUntil);
  return credential;
}

/**
 * Whether the status of `entry` applies according to the (already verified) list credential:
 * true means revoked. Throws when the entry does not point at this list or its index is outside it.
 */
export function statusApplies(entry: BitstringStatusListEntry, list: BitstringStatusListCredential): boolean {
  if (entry.statusListCredential !== list.id) throw new RangeError('the entry points at another status list');
  if (entry.statusPurpose !== list.credentialSubject.statusPurpose) throw new RangeError('the entry and the list differ in purpose');
  if (!/^(0|[1-9][0-9]*)$/.test(entry.statusListIndex)) throw new RangeError('statusListIndex is not a natural number');
  return isBitSet(decodeStatusList(list.credentialSubject.encodedList), Number(entry.statusListIndex));
}
