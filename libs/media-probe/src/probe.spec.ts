import { bytesSource, countingSource } from './byte-source';
import { box, concat, element, ftyp, Id, largeBox, mp4File, stringElement, uintElement, webmFile } from './media-probe.builders';
import { probeMedia } from './probe';
import type { ProbeOutcome } from './types';

const probe = (bytes: Uint8Array) => probeMedia(bytesSource(bytes));

function duration(outcome: ProbeOutcome): number {
  if (!outcome.ok) throw new Error(`expected a playable file, got ${outcome.reason}: ${outcome.detail}`);
  return outcome.media.durationSeconds;
}

const reason = (outcome: ProbeOutcome) => (outcome.ok ? 'ok' : outcome.reason);

describe('probeMedia: MP4', () => {
  it('reads the duration from mvhd (version 0)', async () => {
    const outcome = await probe(mp4File({ movie: { timescale: 1000, duration: 125_500 } }));
    expect(outcome).toEqual({
      ok: true,
      media: { container: 'mp4', contentType: 'video/mp4', durationSeconds: 125.5, durationSource: 'mvhd', tracks: ['video'], brand: 'isom' },
    });
  });

  it('reads 64-bit times from mvhd version 1', async () => {
    const hours = 10 * 3600 * 90_000; // beyond 32 bits at 90 kHz
    expect(duration(await probe(mp4File({ movie: { timescale: 90_000, duration: hours, version: 1 } })))).toBe(36_000);
  });

  it('finds moov after the media data, skipping mdat without reading it', async () => {
    const file = mp4File({ moovFirst: false, mediaBytes: 5_000_000, movie: { timescale: 600, duration: 600 * 42 } });
    const source = countingSource(bytesSource(file));
    expect(duration(await probeMedia(source))).toBe(42);
    expect(source.bytesRead).toBeLessThan(10_000);
  });

  it('understands the 64-bit box size form', async () => {
    expect(duration(await probe(mp4File({ largeMdat: true, moovFirst: false })))).toBe(120);
  });

  it('accepts a last box of size 0 (it runs to the end of the file)', async () => {
    const file = mp4File({ moovFirst: true, mediaBytes: 32 }).slice();
    file.set([0, 0, 0, 0], file.length - (8 + 32)); // the trailing mdat's size field
    expect(duration(await probe(file))).toBe(120);
  });

  it('reports no duration for an empty movie box', async () => {
    expect(reason(await probe(concat(ftyp(), box('moov'))))).toBe('no_duration');
  });

  it('falls back to the longest track (mdhd) when the movie header says 0', async () => {
    const file = mp4File({
      movie: { timescale: 1000, duration: 0 },
      tracks: [
        { handler: 'vide', timescale: 25, duration: 25 * 90 },
        { handler: 'soun', timescale: 48_000, duration: 48_000 * 91 },
      ],
    });
    const outcome = await probe(file);
    expect(duration(outcome)).toBe(91);
    expect(outcome.ok && outcome.media).toMatchObject({ durationSource: 'mdhd', tracks: ['video', 'audio'] });
  });

  it('uses the fragment header (mehd) of a fragmented file', async () => {
    const file = mp4File({ movie: { timescale: 1000, duration: 0 }, tracks: [{ handler: 'vide', timescale: 1000, duration: 0 }], fragmentDuration: 33_000 });
    const outcome = await probe(file);
    expect(duration(outcome)).toBe(33);
    expect(outcome.ok && outcome.media.durationSource).toBe('mehd');
  });

  it('refuses an audio-only file', async () => {
    expect(reason(await probe(mp4File({ tracks: [{ handler: 'soun', timescale: 44_100, duration: 44_100 * 60 }] })))).toBe('no_video_track');
  });

  it('refuses a file without a movie header or without a duration', async () => {
    expect(reason(await probe(concat(ftyp(), box('mdat', new Uint8Array(100)))))).toBe('no_duration');
    expect(reason(await probe(mp4File({ movie: { timescale: 0, duration: 100 }, tracks: [{ handler: 'vide' }] })))).toBe('no_duration');
  });

  it('refuses a truncated file (a box running past the end)', async () => {
    const file = mp4File({ moovFirst: true, mediaBytes: 1000 });
    expect(reason(await probe(file.subarray(0, file.length - 10)))).toBe('truncated');
    const cutInMoov = mp4File({ moovFirst: false });
    expect(reason(await probe(cutInMoov.subarray(0, cutInMoov.length - 20)))).toBe('truncated');
  });

  it('refuses a box smaller than its own header', async () => {
    const bad = concat(ftyp(), Uint8Array.of(0, 0, 0, 4), Uint8Array.from('moov', (c) => c.charCodeAt(0)));
    expect(reason(await probe(bad))).toBe('malformed');
  });

  it('refuses an implausible 64-bit size', async () => {
    const big = largeBox('mdat', new Uint8Array(8));
    big.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 8);
    expect(reason(await probe(concat(ftyp(), big)))).toBe('malformed');
  });
});

describe('probeMedia: WebM', () => {
  it('reads Duration in the default 1 ms TimestampScale', async () => {
    expect(await probe(webmFile({ duration: 120_000 }))).toEqual({
      ok: true,
      media: { container: 'webm', contentType: 'video/webm', durationSeconds: 120, durationSource: 'ebml_info', tracks: ['video'], brand: 'webm' },
    });
  });

  it('applies a custom TimestampScale and a 4-byte float', async () => {
    expect(duration(await probe(webmFile({ scaleNs: 1_000_000_000, duration: 75, durationBytes: 4 })))).toBe(75);
  });

  it('finds Info and Tracks through the SeekHead when a live-style Cluster comes first', async () => {
    const outcome = await probe(webmFile({ metadataAfterLiveCluster: true, duration: 61_500, trackTypes: [2, 1] }));
    expect(duration(outcome)).toBe(61.5);
    expect(outcome.ok && outcome.media.tracks).toEqual(['audio', 'video']);
  });

  it('refuses Matroska that is not WebM', async () => {
    expect(reason(await probe(webmFile({ docType: 'matroska' })))).toBe('unsupported_container');
  });

  it('refuses a file without Duration', async () => {
    expect(reason(await probe(webmFile({ duration: undefined })))).toBe('no_duration');
  });

  it('refuses an audio-only file', async () => {
    expect(reason(await probe(webmFile({ trackTypes: [2] })))).toBe('no_video_track');
  });

  it('refuses a Segment that runs past the end of the file', async () => {
    const file = webmFile({ clusterBytes: 500 });
    expect(reason(await probe(file.subarray(0, file.length - 100)))).toBe('truncated');
  });

  it('refuses an EBML header without a Segment', async () => {
    const headerOnly = element(Id.Header, uintElement(0x4286, 1, 1), stringElement(Id.DocType, 'webm'));
    expect(reason(await probe(headerOnly))).toBe('no_duration');
  });
});

describe('probeMedia: anything else', () => {
  it('refuses an empty file', async () => {
    expect(reason(await probe(new Uint8Array(0)))).toBe('empty');
  });

  it('refuses a text file whatever its name', async () => {
    expect(reason(await probe(new TextEncoder().encode('这不是视频 — just text pretending to be video.mp4\n'.repeat(20))))).toBe('unknown_container');
  });

  it('refuses a file too short to say what it is', async () => {
    expect(reason(await probe(Uint8Array.of(0, 0, 0)))).toBe('unknown_container');
  });
});
