import fc from 'fast-check';
import { bytesSource } from './byte-source';
import { type Mp4Spec, mp4File, type WebmSpec, webmFile } from './media-probe.builders';
import { probeMedia } from './probe';
import { sniffContainer } from './sniff';

const anyFile: fc.Arbitrary<FileSpec> = fc.oneof(
  fc.record({ kind: fc.constant('mp4' as const), moovFirst: fc.boolean(), largeMdat: fc.boolean(), mediaBytes: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ kind: fc.constant('webm' as const), metadataAfterLiveCluster: fc.boolean(), clusterBytes: fc.integer({ min: 0, max: 300 }) }),
);

type FileSpec = ({ kind: 'mp4' } & Mp4Spec) | ({ kind: 'webm' } & WebmSpec);

function build(spec: FileSpec): Uint8Array {
  return spec.kind === 'mp4' ? mp4File(spec) : webmFile(spec);
}

describe('probeMedia properties', () => {
  it('never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        const outcome = await probeMedia(bytesSource(bytes));
        expect(typeof outcome.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on valid files with cut ends or flipped bytes, and never reports a bad duration', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyFile,
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        async (spec, cut, flips) => {
          const file = build(spec).slice();
          for (const [at, value] of flips) file[at % file.length] = value;
          const bytes = file.subarray(0, file.length - (cut % (file.length + 1)));
          const outcome = await probeMedia(bytesSource(bytes));
          if (outcome.ok) {
            expect(Number.isFinite(outcome.media.durationSeconds)).toBe(true);
            expect(outcome.media.durationSeconds).toBeGreaterThan(0);
            expect(outcome.media.tracks).toContain('video');
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it('reads back the duration an MP4 states, in either version, wherever moov is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 2 ** 32 - 2 }),
        fc.constantFrom(0 as const, 1 as const),
        fc.boolean(),
        async (timescale, ticks, version, moovFirst) => {
          const outcome = await probeMedia(bytesSource(mp4File({ movie: { timescale, duration: ticks, version }, moovFirst })));
          expect(outcome.ok && outcome.media.durationSeconds).toBe(ticks / timescale);
        },
      ),
    );
  });

  it('reads back the duration a WebM states for any TimestampScale', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        async (scaleNs, units) => {
          const outcome = await probeMedia(bytesSource(webmFile({ scaleNs, duration: units })));
          expect(outcome.ok && outcome.media.durationSeconds).toBe((units * scaleNs) / 1e9);
        },
      ),
    );
  });

  it('sniffs a file the same from its first bytes as from all of them', () => {
    fc.assert(
      fc.property(anyFile, (spec) => {
        const file = build(spec);
        let head = 1;
        while (sniffContainer(file.subarray(0, head)) === 'need_more') head++;
        expect(sniffContainer(file.subarray(0, head))).toBe(sniffContainer(file, true));
        expect(sniffContainer(file, true)).toBe(spec.kind);
      }),
    );
  });
});
