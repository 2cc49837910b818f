import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { formatChineseDate } from './chinese-date';
import { qrPng } from './qr-png';

/**
 * The printable certificate: one A4 landscape page in Chinese with the holder's name, the tier,
 * the serial, the dates, the issuer and a QR code to the public verification page. Noto CJK is
 * embedded as a subset (only the glyphs used), so the file stays around 100 KB.
 *
 * Parsing a 20 MB CJK font collection costs far more than laying out one page, so a renderer
 * parses its fonts once, when it is created, and every document reuses the parsed fonts (pdfkit
 * takes a parsed fontkit font as a font source and subsets it per document).
 */

export interface CertificateFontSource {
  /** A font file (`.ttf`, `.otf`, `.ttc`) or its bytes. */
  file: string | Uint8Array;
  /** The PostScript name of the font inside a collection (`.ttc`). */
  postscriptName?: string;
}

export interface CertificateFonts {
  /** Title, holder's name, tier and issuer. */
  serif: CertificateFontSource;
  /** Body text, serial and dates. */
  sans: CertificateFontSource;
}

/** Debian's `fonts-noto-cjk` (installed by `.ci/run` and the Dockerfile). */
export const DEFAULT_CERTIFICATE_FONTS: CertificateFonts = {
  serif: { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
  sans: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
};

export interface CertificatePdfInput {
  holderName: string;
  /** e.g. 阿里巴巴一段客户体验官 */
  tierName: string;
  serial: string;
  issuedAt: Date | string;
  expiresAt?: Date | string | null;
  /** The public verification page the QR code opens. */
  verificationUrl: string;
  issuerName: string;
}

export interface CertificateRendererOptions {
  fonts?: CertificateFonts;
  /** The time zone dates given as `Date` are read in. */
  timeZone?: string;
}

export interface CertificateRenderer {
  render(input: CertificatePdfInput): Promise<Buffer>;
  /**
   * Renders one sample document and throws it away: the first document takes several times as
   * long as the next (fontkit reads the font's tables lazily and the JIT warms up), so a server
   * calls this at start rather than making the first holder wait.
   */
  warmUp(): Promise<void>;
}

/** Error-correction level of the QR code: M survives a crease or a stain on a printed page. */
export const CERTIFICATE_QR_ERROR_CORRECTION = 'M';

const PAGE = { width: 841.89, height: 595.28 };
const COLOR = { paper: '#fbf7ee', red: '#8b1a1a', gold: '#b08d3c', ink: '#222222', muted: '#666666' };

function loadFont(source: CertificateFontSource): fontkit.Font {
  const bytes = typeof source.file === 'string' ? readFileSync(source.file) : source.file;
  const font = fontkit.create(bytes, source.postscriptName);
  if (!font || typeof (font as fontkit.Font).layout !== 'function') {
    throw new Error(
      `no font ${source.postscriptName ?? ''} in ${typeof source.file === 'string' ? source.file : 'the given bytes'}` +
        ' (a collection needs the PostScript name of one of its fonts)',
    );
  }
  return font as fontkit.Font;
}

const WARM_UP_SAMPLE: CertificatePdfInput = {
  holderName: '欧阳小明',
  tierName: '阿里巴巴一段客户体验官',
  serial: 'CXO1-2022-000001',
  issuedAt: '2022-07-01',
  expiresAt: '2025-06-30',
  verificationUrl: 'https://example.invalid/verify/CXO1-2022-000001',
  issuerName: '客户体验官孵化基地',
};

/** Laid-out strings kept per font; beyond this many the cache starts afresh. */
const MAX_SHARED_LAYOUTS = 2000;

/**
 * The font as pdfkit sees it, with its text layouts shared between documents. pdfkit keeps the
 * layouts of one document only, and shaping Chinese with Noto CJK's OpenType tables is a good
 * part of a page's time; the fixed wording of the certificate is the same in every document.
 * pdfkit scales the positions of a run in place, so every caller gets its own copy of them.
 */
export function withSharedLayouts(font: fontkit.Font): fontkit.Font {
  const runs = new Map<string, fontkit.GlyphRun>();
  const shared = Object.create(font) as fontkit.Font;
  shared.layout = (text: string, features?: unknown): fontkit.GlyphRun => {
    if (features !== undefined) return font.layout(text, features);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= MAX_SHARED_LAYOUTS) runs.clear();
      run = font.layout(text);
      runs.set(text, run);
    }
    const copy = Object.create(Object.getPrototypeOf(run)) as fontkit.GlyphRun;
    Object.assign(copy, run);
    copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p)), p));
    return copy;
  };
  return shared;
}

export function createCertificateRenderer(options: CertificateRendererOptions = {}): CertificateRenderer {
  const fonts = options.fonts ?? DEFAULT_CERTIFICATE_FONTS;
  const serif = withSharedLayouts(loadFont(fonts.serif));
  const sans = withSharedLayouts(loadFont(fonts.sans));
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const render = async (input: CertificatePdfInput): Promise<Buffer> => {
    const qr = qrPng(input.verificationUrl, { errorCorrectionLevel: CERTIFICATE_QR_ERROR_CORRECTION, margin: 2, scale: 4 });
    return drawCertificate(input, { serif, sans }, qr, timeZone);
  };
  return {
    render,
    warmUp: async () => {
      await render(WARM_UP_SAMPLE);
    },
  };
}

let defaultRenderer: CertificateRenderer | undefined;

/** Renders with a renderer over `DEFAULT_CERTIFICATE_FONTS`, created on first use and then kept. */
export function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  defaultRenderer ??= createCertificateRenderer();
  return defaultRenderer.render(input);
}

type Doc = PDFKit.PDFDocument;

/**
 * One line centred on the page, shrunk (down to `minSize`) rather than wrapped if it is too long:
 * a name or a serial never breaks, and placing the line ourselves spares pdfkit's line wrapper,
 * which would lay out Chinese text once per character (every character is a break opportunity).
 */
function centred(doc: Doc, text: string, font: string, size: number, y: number, color: string, minSize = size): void {
  const maxWidth = PAGE.width - 200;
  doc.font(font).fontSize(size);
  let width = doc.widthOfString(text);
  if (width > maxWidth) {
    doc.fontSize(Math.max(minSize, (size * maxWidth) / width));
    width = doc.widthOfString(text);
  }
  doc.fillColor(color).text(text, (PAGE.width - width) / 2, y, { lineBreak: false });
}

function drawCertificate(
  input: CertificatePdfInput,
  fonts: { serif: fontkit.Font; sans: fontkit.Font },
  qr: Buffer,
  timeZone: string,
): Promise<Buffer> {
  const issued = formatChineseDate(input.issuedAt, timeZone);
  const expires = input.expiresAt ? formatChineseDate(input.expiresAt, timeZone) : null;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${input.tierName}证书 ${input.serial}`,
      Author: input.issuerName,
      Subject: `${input.holderName} · ${input.tierName}`,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit accepts a parsed fontkit font where its types say file or bytes.
  doc.registerFont('serif', fonts.serif as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('sans', fonts.sans as unknown as PDFKit.Mixins.PDFFontSource);

  // Paper and a double frame.
  doc.rect(0, 0, PAGE.width, PAGE.height).fill(COLOR.paper);
  doc.lineWidth(6).rect(22, 22, PAGE.width - 44, PAGE.height - 44).stroke(COLOR.red);
  doc.lineWidth(1.2).rect(34, 34, PAGE.width - 68, PAGE.height - 68).stroke(COLOR.gold);

  centred(doc, '证　书', 'serif', 46, 62, COLOR.red);
  doc.lineWidth(1).moveTo(PAGE.width / 2 - 90, 128).lineTo(PAGE.width / 2 + 90, 128).stroke(COLOR.gold);

  centred(doc, '兹证明', 'sans', 16, 150, COLOR.muted);
  centred(doc, input.holderName, 'serif', 36, 178, COLOR.ink, 14);
  centred(doc, `经${input.issuerName}培训与考核，成绩合格，达到以下认证标准：`, 'sans', 16, 238, COLOR.muted, 9);
  centred(doc, input.tierName, 'serif', 32, 272, COLOR.red, 12);
  centred(doc, '特发此证。', 'sans', 16, 326, COLOR.muted);

  // Serial and dates, bottom left.
  const left = 84;
  const rows: [string, string][] = [
    ['证书编号', input.serial],
    ['发证日期', issued],
    ['有效期至', expires ?? '长期有效'],
  ];
  rows.forEach(([label, value], i) => {
    doc.font('sans').fontSize(12).fillColor(COLOR.muted).text(`${label}：`, left, 420 + i * 24, { lineBreak: false });
    doc.font('sans').fontSize(12).fillColor(COLOR.ink).text(value, left + 64, 420 + i * 24, { lineBreak: false });
  });

  // Issuer and date where a seal would go, bottom centre.
  centred(doc, input.issuerName, 'serif', 18, 438, COLOR.ink, 10);
  centred(doc, issued, 'sans', 12, 466, COLOR.muted);

  // QR code to the verification page, bottom right.
  const qrSize = 104;
  const qrX = PAGE.width - 84 - qrSize;
  const qrY = 392;
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc
    .font('sans')
    .fontSize(9)
    .fillColor(COLOR.muted)
    .text('扫码验证证书真伪', qrX + (qrSize - doc.widthOfString('扫码验证证书真伪')) / 2, qrY + qrSize + 6, { lineBreak: false });

  // The address in words too, for a copy whose code no longer scans.
  centred(doc, `验证网址：${input.verificationUrl}`, 'sans', 8, 532, COLOR.muted, 5);

  doc.end();
  return done;
}
