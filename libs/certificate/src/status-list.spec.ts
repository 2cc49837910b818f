import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { revokedIndicesArb } from '../test/certificate.arbitraries';
import {
  MIN_STATUS_LIST_BITS,
  buildBitstring,
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  isBitSet,
  setIndices,
  statusApplies,
  statusListEntry,
} from './status-list';
import { issuerProfile } from './vc';

const LIST_URL = 'https://lms.example.cn/api/public/status-lists/1';
const issuer = issuerProfile('https://lms.example.cn', '客户体验官孵化基地');

describe('bitstring status list', () => {
  it('puts index 0 in the most significant bit of the first byte', () => {
    const bits = buildBitstring([0, 9, MIN_STATUS_LIST_BITS - 1]);
    expect(bits).toHaveLength(16 * 1024);
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    expect(bits[bits.length - 1]).toBe(0b0000_0001);
    expect(bits.slice(2, -1).every((b) => b === 0)).toBe(true);
  });

  it('encodes as multibase base64url of a GZIP stream of at least 16 KB', () => {
    const encoded = encodeStatusList([94]);
    expect(encoded[0]).toBe('u');
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    const raw = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(raw).toHaveLength(MIN_STATUS_LIST_BITS / 8);
    expect(raw[94 >> 3]).toBe(0x80 >> (94 & 7));
    // An empty list compresses to well under a kilobyte.
    expect(encodeStatusList([]).length).toBeLessThan(200);
  });

  it('decodes what it encodes: the revoked bits set, every other clear', () => {
    const listArb = fc
      .constantFrom(MIN_STATUS_LIST_BITS, MIN_STATUS_LIST_BITS * 2)
      .chain((length) =>
        fc.tuple(fc.constant(length), revokedIndicesArb(length), fc.integer({ min: 0, max: length - 1 })),
      );
    fc.assert(
      fc.property(listArb, ([length, revoked, probe]) => {
        const bits = decodeStatusList(encodeStatusList(revoked, length));
        expect(bits.length * 8).toBe(length);
        for (const index of revoked) expect(isBitSet(bits, index)).toBe(true);
        expect(isBitSet(bits, probe)).toBe(revoked.includes(probe));
        expect(setIndices(bits)).toHaveLength(revoked.length);
      }),
      { numRuns: 40 },
    );
  });

  it('round-trips any set of indices', () => {
    fc.assert(
      fc.property(revokedIndicesArb(MIN_STATUS_LIST_BITS), (revoked) => {
        const decoded = setIndices(decodeStatusList(encodeStatusList(revoked)));
        expect(decoded).toEqual([...revoked].sort((a, b) => a - b));
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['no multibase prefix', gzipSync(new Uint8Array(16384)).toString('base64url')],
    ['base64 with padding', 'u' + gzipSync(new Uint8Array(16384)).toString('base64') + '=='],
    ['not GZIP', 'u' + Buffer.from('hello world').toString('base64url')],
    ['shorter than 16 KB', 'u' + gzipSync(new Uint8Array(1024)).toString('base64url')],
    ['larger than the bomb limit', 'u' + gzipSync(new Uint8Array(17 * 1024 * 1024)).toString('base64url')],
    ['empty', ''],
  ])('refuses an encodedList that is %s', (_what, encoded) => {
    expect(() => decodeStatusList(encoded)).toThrow(RangeError);
  });

  it('refuses indices outside the list and lengths below the minimum', () => {
    expect(() => encodeStatusList([MIN_STATUS_LIST_BITS])).toThrow(RangeError);
    expect(() => encodeStatusList([-1])).toThrow(RangeError);
    expect(() => encodeStatusList([1.5])).toThrow(RangeError);
    expect(() => encodeStatusList([], 1024)).toThrow(RangeError);
    expect(() => encodeStatusList([], MIN_STATUS_LIST_BITS + 4)).toThrow(RangeError);
  });
});

describe('status list credential', () => {
  it('is a BitstringStatusListCredential whose list has the revoked entry set', () => {
    const list = buildStatusListCredential({
      url: LIST_URL,
      issuer,
      setIndices: [3, 94],
      validFrom: new Date('2022-07-01T08:00:00.123Z'),
      validUntil: new Date('2022-07-02T08:00:00Z'),
    });
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: LIST_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: { id: 'https://lms.example.cn', type: ['Profile'] },
      validFrom: '2022-07-01T08:00:00Z',
      validUntil: '2022-07-02T08:00:00Z',
      credentialSubject: { id: `${LIST_URL}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    expect(statusApplies(statusListEntry(LIST_URL, 94), list)).toBe(true);
    expect(statusApplies(statusListEntry(LIST_URL, 3), list)).toBe(true);
    expect(statusApplies(statusListEntry(LIST_URL, 95), list)).toBe(false);
  });

  it('writes entries that point at the list with a string index', () => {
    expect(statusListEntry(LIST_URL, 94)).toEqual({
      id: `${LIST_URL}#94`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94',
      statusListCredential: LIST_URL,
    });
    expect(() => statusListEntry(LIST_URL, -1)).toThrow(RangeError);
  });

  it('refuses to judge an entry against another list or purpose', () => {
    const list = buildStatusListCredential({ url: LIST_URL, issuer, setIndices: [], validFrom: new Date() });
    expect(() => statusApplies(statusListEntry(`${LIST_URL}0`, 1), list)).toThrow(RangeError);
    expect(() => statusApplies(statusListEntry(LIST_URL, 1, 'suspension'), list)).toThrow(RangeError);
    expect(() => statusApplies({ ...statusListEntry(LIST_URL, 1), statusListIndex: '01' }, list)).toThrow(RangeError);
  });
});
