import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { DEFAULT_CERTIFICATE_FONTS, createCertificateRenderer, withSharedLayouts } from './pdf';

// Count every font parse in this file's module registry: ours and any pdfkit would make itself.
jest.mock('fontkit', () => {
  const actual = jest.requireActual('fontkit');
  return { ...actual, create: jest.fn(actual.create) };
});

const input = {
  holderName: '张小三',
  tierName: '阿里巴巴二段客户体验官',
  serial: 'CXO2-2022-000001',
  issuedAt: '2022-07-01',
  verificationUrl: 'https://lms.example.cn/verify/CXO2-2022-000001',
  issuerName: '客户体验官孵化基地',
};

describe('certificate renderer fonts', () => {
  it('parses each font once, when the renderer is created, and never per document', async () => {
    const create = fontkit.create as jest.Mock;
    create.mockClear();
    const renderer = createCertificateRenderer();
    expect(create).toHaveBeenCalledTimes(2);
    await renderer.warmUp();
    for (let i = 0; i < 3; i++) await renderer.render({ ...input, holderName: `张小${'三四五'[i]}` });
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('hands out copies of a shared layout, which pdfkit may scale in place', () => {
    const font = fontkit.create(
      readFileSync(DEFAULT_CERTIFICATE_FONTS.sans.file as string),
      DEFAULT_CERTIFICATE_FONTS.sans.postscriptName,
    ) as fontkit.Font;
    const shared = withSharedLayouts(font);
    const first = shared.layout('阿里巴巴一段客户体验官');
    const width = first.advanceWidth;
    expect(width).toBe(font.layout('阿里巴巴一段客户体验官').advanceWidth);
    for (const position of first.positions) position.xAdvance *= 0.5; // what pdfkit does with 1000 / unitsPerEm
    expect(first.advanceWidth).toBe(width / 2);
    const second = shared.layout('阿里巴巴一段客户体验官');
    expect(second.advanceWidth).toBe(width);
    expect(second.glyphs).toBe(first.glyphs);
    expect(second.positions).not.toBe(first.positions);
  });
});
