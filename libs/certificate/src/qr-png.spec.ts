import { crc32, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { qrPng } from './qr-png';

/** Width, height, bit depth, colour type and the unfiltered pixel rows of a PNG we wrote. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)) >>> 0);
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(chunks[1].data);
  expect(raw).toHaveLength((width + 1) * height);
  return { width, height, depth: ihdr[8], colourType: ihdr[9], pixel: (x: number, y: number) => raw[y * (width + 1) + 1 + x], filters: Array.from({ length: height }, (_, y) => raw[y * (width + 1)]) };
}

describe('qrPng', () => {
  it('draws the QR module matrix of the text as 8-bit greyscale without alpha', () => {
    fc.assert(
      fc.property(
        fc.webUrl(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('L' as const, 'M' as const, 'Q' as const, 'H' as const),
        (url, scale, margin, errorCorrectionLevel) => {
          const png = readPng(qrPng(url, { scale, margin, errorCorrectionLevel }));
          const { modules } = QRCode.create(url, { errorCorrectionLevel });
          expect([png.depth, png.colourType]).toEqual([8, 0]);
          expect(png.width).toBe((modules.size + 2 * margin) * scale);
          expect(png.height).toBe(png.width);
          expect(png.filters.every((f) => f === 0)).toBe(true);
          for (let y = 0; y < png.height; y++) {
            for (let x = 0; x < png.width; x++) {
              const [row, col] = [Math.floor(y / scale) - margin, Math.floor(x / scale) - margin];
              const inside = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
              const dark = inside && Boolean(modules.get(row, col));
              if (png.pixel(x, y) !== (dark ? 0 : 255)) throw new Error(`pixel ${x},${y} of ${url}`);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
