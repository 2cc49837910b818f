import fc from 'fast-check';
import { unicodeTextArb } from '../test/grading.arbitraries';
import { normalizeText, normalizeWithOffsets } from '@lms/grading';

describe('normalizeText', () => {
  it.each([
    ['７天无理由', '7天无理由'],
    ['7 天无理由', '7天无理由'],
    ['7　天　无理由', '7天无理由'],
    ['ＡＢＣ', 'abc'],
    ['ABC', 'abc'],
    [' 88ＶＩＰ 会员 ', '88vip会员'],
    ['您好，请问；可以：吗！？', '您好,请问;可以:吗!?'],
    ['好的。', '好的.'],
    ['春节、新年', '春节,新年'],
    ['“七天无理由”', '"七天无理由"'],
    ['「好评返现」', '"好评返现"'],
    ['‘亲’', "'亲'"],
    ['《消费者权益保护法》', '<消费者权益保护法>'],
    ['【重要】', '[重要]'],
    ['（订单号）', '(订单号)'],
    ['稍等……', '稍等......'],
    ['退款——到账', '退款--到账'],
    ['a\tb\nc\r\nd', 'abcd'],
    ['零\u200b宽\ufeff字符', '零宽字符'],
    ['①', '1'],
    ['㎏', 'kg'],
    ['', ''],
    ['　 \t\n', ''],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('composes a letter with a combining accent like its precomposed form', () => {
    expect(normalizeText('Cafe\u0301')).toBe(normalizeText('Café'));
  });

  it('composes a combining accent separated from its letter by a space, stably', () => {
    const once = normalizeText('e \u0301');
    expect(normalizeText(once)).toBe(once);
  });

  it('returns an empty string for a non-string input instead of throwing', () => {
    expect(normalizeText(null as unknown as string)).toBe('');
    expect(normalizeText(42 as unknown as string)).toBe('');
  });

  it('is idempotent on arbitrary Unicode strings', () => {
    fc.assert(
      fc.property(unicodeTextArb(), (s) => {
        const once = normalizeText(s);
        return normalizeText(once) === once;
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent on phone-typed mixes of Chinese, full-width and punctuation', () => {
    const unit = fc.constantFrom(...'７7天无理由ＡａAa　 ，,。.“”‘’！？：；、…—《》\u0301\u200be'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
        const once = normalizeText(s);
        return normalizeText(once) === once;
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeText fast path', () => {
  it('agrees with the full normalisation on any text', () => {
    const unit = fc.oneof(
      fc.constantFrom(...'AaZz09`~!-_.,:;\'"[]<>中文天七生意　 ，。ＡａＺ７\u0301\u200b\u3400\u4dbf\u9fff\uf900'.split('')),
      fc.integer({ min: 0x20, max: 0x7f }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 20 }), unicodeTextArb()), (s) => {
        expect(normalizeText(s)).toBe(normalizeWithOffsets(s).text);
      }),
      { numRuns: 2000 },
    );
  });

  it('lower-cases and folds the backtick of plain ASCII and Chinese keys', () => {
    expect(normalizeText('ABC`d中文')).toBe("abc'd中文");
  });
});

describe('normalizeWithOffsets', () => {
  it('maps every normalized character back to where it was typed', () => {
    const original = '　亲，７ 天无理由ＯＫ';
    const { text, starts, ends } = normalizeWithOffsets(original);
    expect(text).toBe('亲,7天无理由ok');
    expect(starts).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10]);
    expect(ends).toEqual([2, 3, 4, 6, 7, 8, 9, 10, 11]);
  });

  it('maps all characters of an expansion to the one original character', () => {
    const { text, starts, ends } = normalizeWithOffsets('x㎏');
    expect(text).toBe('xkg');
    expect(starts).toEqual([0, 1, 1]);
    expect(ends).toEqual([1, 2, 2]);
  });

  it('maps a surrogate pair to both of its code units', () => {
    const { text, starts, ends } = normalizeWithOffsets('😀a');
    expect(text).toBe('😀a');
    expect(starts).toEqual([0, 0, 2]);
    expect(ends).toEqual([2, 2, 3]);
  });

  it('maps a composed accent to the letter, the space and the mark it came from', () => {
    const { text, starts, ends } = normalizeWithOffsets('xe \u0301');
    expect(text).toBe('xé');
    expect(starts).toEqual([0, 1]);
    expect(ends).toEqual([1, 4]);
  });

  it('gives, for any string, one in-bounds non-empty range per normalized unit, in order', () => {
    fc.assert(
      fc.property(unicodeTextArb(), (s) => {
        const { text, starts, ends } = normalizeWithOffsets(s);
        return (
          text === normalizeText(s) &&
          starts.length === text.length &&
          ends.length === text.length &&
          starts.every((start, i) => start >= 0 && start < ends[i] && ends[i] <= s.length && (i === 0 || start >= starts[i - 1]))
        );
      }),
      { numRuns: 1000 },
    );
  });
});
