import { crc32, deflateSync } from 'node:zlib';
import QRCode, { type QRCodeErrorCorrectionLevel } from 'qrcode';

/**
 * A QR code as an 8-bit greyscale PNG, written directly from `qrcode`'s module matrix.
 *
 * `qrcode`'s own PNG output goes through pngjs, which tries every row filter on every row (about
 * 200 ms per code on this machine under Jest), and its RGBA output makes pdfkit decode the image
 * and split off an alpha mask. A greyscale PNG without alpha and with filter 0 is passed through
 * by pdfkit as it is (the IDAT stream becomes the image XObject), and costs well under 1 ms.
 */

export interface QrPngOptions {
  errorCorrectionLevel: QRCodeErrorCorrectionLevel;
  /** Pixels per module. */
  scale: number;
  /** Quiet zone, in modules (the standard asks for 4; 2 reads fine on a white page). */
  margin: number;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export function qrPng(text: string, options: QrPngOptions): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: options.errorCorrectionLevel });
  const { scale, margin } = options;
  const side = (modules.size + 2 * margin) * scale;
  const rowBytes = side + 1; // filter byte + one byte per pixel
  const raw = Buffer.alloc(rowBytes * side, 0xff);
  for (let y = 0; y < side; y++) {
    raw[y * rowBytes] = 0; // filter: none
    const row = Math.floor(y / scale) - margin;
    if (row < 0 || row >= modules.size) continue;
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      raw.fill(0x00, y * rowBytes + 1 + (col + margin) * scale, y * rowBytes + 1 + (col + margin + 1) * scale);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: greyscale
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
