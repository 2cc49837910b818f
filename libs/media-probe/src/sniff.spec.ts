import { mp4File, webmFile } from './media-probe.builders';
import { SNIFF_MAX_BYTES, sniffContainer } from './sniff';

describe('sniffContainer', () => {
  it('recognises MP4 and WebM from their first bytes', () => {
    expect(sniffContainer(mp4File().subarray(0, 8))).toBe('mp4');
    expect(sniffContainer(webmFile().subarray(0, 64))).toBe('webm');
  });

  it('asks for more bytes until it can decide, and decides once told there are no more', () => {
    expect(sniffContainer(mp4File().subarray(0, 5))).toBe('need_more');
    expect(sniffContainer(mp4File().subarray(0, 5), true)).toBe('unknown');
    expect(sniffContainer(webmFile().subarray(0, 10))).toBe('need_more');
    expect(sniffContainer(webmFile().subarray(0, 10), true)).toBe('unknown');
  });

  it('calls Matroska unsupported and text unknown', () => {
    expect(sniffContainer(webmFile({ docType: 'matroska' }))).toBe('unsupported');
    expect(sniffContainer(new TextEncoder().encode('hello, this is a text file'))).toBe('unknown');
    expect(sniffContainer(Uint8Array.of(0, 0, 0, 8, 0x66, 0x74, 0x79, 0x70))).toBe('unknown'); // "ftyp" too small to hold a brand
  });

  it('gives up on a header that stays undecided for SNIFF_MAX_BYTES', () => {
    const endless = new Uint8Array(SNIFF_MAX_BYTES + 10);
    endless.set([0x1a, 0x45, 0xdf, 0xa3, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff]);
    expect(sniffContainer(endless.subarray(0, 100))).toBe('need_more');
    expect(sniffContainer(endless)).toBe('unknown');
  });
});
