import fc from 'fast-check';
import { chineseNameArb, holderNameArb, latinNameArb } from '../test/certificate.arbitraries';
import { maskName } from './mask-name';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳小明', '欧**明'],
    ['司马相如', '司**如'],
    ['张', '*'],
    ['迪丽热巴·迪力木拉提', '迪***·迪****'],
    ['买买提 艾力', '买** 艾*'],
    ['John Smith', 'J*** S****'],
    ['  John   Smith ', 'J*** S****'],
    ['Mary-Jane Watson', 'M***-J*** W*****'],
    ['Madonna', 'M*****a'],
    ['Li', 'L*'],
    ['Zoë', 'Z*ë'],
    ['Éric Dupont', 'É*** D*****'],
    ['', ''],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never shows a whole name, and always masks something', () => {
    fc.assert(
      fc.property(holderNameArb, (name) => {
        const masked = maskName(name);
        expect(masked).not.toBe(name);
        expect(masked).toContain('*');
        if (Array.from(name).length >= 2) expect(masked.includes(name)).toBe(false);
      }),
    );
  });

  it('keeps the length of a Chinese name and at most its first and last characters', () => {
    fc.assert(
      fc.property(chineseNameArb, (name) => {
        const chars = Array.from(name);
        const masked = Array.from(maskName(name));
        expect(masked).toHaveLength(chars.length);
        masked.forEach((ch, i) => {
          if (ch !== '*') expect(i === 0 || (i === chars.length - 1 && chars.length >= 3)).toBe(true);
          if (ch !== '*') expect(ch).toBe(chars[i]);
        });
      }),
    );
  });

  it('shows no more than the initial of each longer word of a multi-word Latin name', () => {
    fc.assert(
      fc.property(latinNameArb, (name) => {
        const words = name.split(' ');
        const masked = maskName(name).split(' ');
        expect(masked).toHaveLength(words.length);
        if (words.length > 1) {
          masked.forEach((word, i) => {
            const chars = Array.from(words[i]);
            expect(word).toBe(chars.length === 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1));
          });
        }
      }),
    );
  });

  it('is the same for names that differ only in surrounding or repeated spaces', () => {
    fc.assert(
      fc.property(holderNameArb, fc.stringMatching(/^ {0,3}$/), (name, pad) => {
        expect(maskName(`${pad}${name.replace(/ /g, `${pad} `)}${pad}`)).toBe(maskName(name));
      }),
    );
  });
});
