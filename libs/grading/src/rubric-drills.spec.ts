// Rubric scoring as the scenario drills use it: a conversation of several customer messages
// (the service passes them joined by new lines as the prompt) and replies typed on phones.
import fc from 'fast-check';
import { scoreRubric, type Rubric, type RubricResult } from '@lms/grading';

// 催发货: a customer chasing an order that has not shipped.
const RUBRIC: Rubric = {
  points: [
    { id: 'soothe', label: '安抚情绪', score: 20, phrases: ['抱歉', '理解您的心情', '让您久等了'] },
    { id: 'check', label: '核实订单与发货时效', score: 30, phrases: ['48小时', '承诺发货时间', '核实订单'] },
    { id: 'urge', label: '联系商家催发', score: 30, phrases: ['帮您催促', '联系商家', '催一下商家'] },
    { id: 'remedy', label: '告知超时可投诉', score: 20, phrases: ['未按约定时间发货', '发起投诉', 'VIP专线'] },
  ],
  forbidden: [
    { id: 'promise', label: '承诺当天必达', phrases: ['今天一定到', '保证明天到'], penalty: 30, fatal: true },
    { id: 'push', label: '推诿', phrases: ['自己去问商家', '跟我们没关系'], penalty: 20 },
  ],
  sequence: { pointIds: ['soothe', 'check', 'urge'], penalty: 10 },
  passScore: 70,
};

const CONVERSATION = ['我三天前下的单 到现在还没发货', '页面写的48小时内发货 你们到底管不管'];
const PROMPT = CONVERSATION.join('\n');

const MODEL = '亲，让您久等了，非常抱歉。我先帮您核实订单：该商品承诺48小时内发货，已经超时。我这边马上联系商家，帮您催促尽快发出；如果商家仍未按约定时间发货，您可以在订单页发起投诉。';

function summary(r: RubricResult) {
  return {
    score: r.score,
    passed: r.passed,
    found: r.points.filter((p) => p.found).map((p) => p.id),
    forbidden: r.forbidden.map((f) => f.id),
    sequenceRespected: r.sequenceRespected,
  };
}

describe('rubric scoring of drill replies', () => {
  it('passes the model reply with every point found in SOP order', () => {
    const r = scoreRubric(RUBRIC, MODEL, { prompt: PROMPT });
    expect(summary(r)).toEqual({ score: 100, passed: true, found: ['soothe', 'check', 'urge', 'remedy'], forbidden: [], sequenceRespected: true });
  });

  it('counts a point once when the reply uses several of its alternatives', () => {
    const r = scoreRubric(RUBRIC, '抱歉抱歉，理解您的心情，让您久等了', { prompt: PROMPT });
    expect(r.points.find((p) => p.id === 'soothe')).toMatchObject({ found: true, score: 20, matchedPhrase: '抱歉', at: 0 });
    expect(r.score).toBe(20);
  });

  it('finds the alternative "VIP专线" typed in full-width letters with spaces', () => {
    const r = scoreRubric(RUBRIC, '可以拨打 ＶＩＰ 专线反馈', { prompt: PROMPT });
    const remedy = r.points.find((p) => p.id === 'remedy');
    expect(remedy).toMatchObject({ found: true, matchedPhrase: 'VIP专线' });
    expect('可以拨打 ＶＩＰ 专线反馈'.slice(remedy?.at, remedy?.end)).toBe('ＶＩＰ 专线');
  });

  describe('replies that only repeat the customer', () => {
    it.each([
      ['every message, as the service joins them', PROMPT],
      ['every message run together', CONVERSATION.join('')],
      ['every message retyped with spaces and full-width digits', '我三天前下的单，到现在还没发货。页面写的４８小时内发货，你们到底管不管？'],
      ['the second message only', CONVERSATION[1]],
      ['a short piece of a message', '48小时内发货'],
    ])('gives no points to %s', (_name, reply) => {
      const r = scoreRubric(RUBRIC, reply, { prompt: PROMPT });
      expect(r.points.every((p) => !p.found)).toBe(true);
      expect(r.score).toBe(0);
      expect(r.passed).toBe(false);
      expect(r.explanation).toContain('与顾客原话重复的内容不计分');
    });

    it('credits the own words a reply adds after quoting the customer', () => {
      const reply = `${CONVERSATION[1]}——亲，非常抱歉，我马上联系商家`;
      const r = scoreRubric(RUBRIC, reply, { prompt: PROMPT });
      expect(summary(r).found).toEqual(['soothe', 'urge']);
      // "48小时" inside the quote is the customer's, not the student's.
      expect(r.points.find((p) => p.id === 'check')?.found).toBe(false);
    });
  });

  it('fails a reply with a fatal promise even when every point is there', () => {
    const r = scoreRubric(RUBRIC, `${MODEL}放心，今天一定到！`, { prompt: PROMPT });
    expect(r.passed).toBe(false);
    expect(r.score).toBe(70);
    expect(r.forbidden).toEqual([expect.objectContaining({ id: 'promise', fatal: true, matchedPhrase: '今天一定到' })]);
  });

  it('deducts the SOP penalty when the reply urges the seller before soothing', () => {
    const r = scoreRubric(RUBRIC, '我马上联系商家。非常抱歉，核实订单后承诺48小时内发货', { prompt: PROMPT });
    expect(r.sequenceRespected).toBe(false);
    expect(r.score).toBe(20 + 30 + 30 - 10);
  });

  describe('properties', () => {
    const tokenArb = fc.constantFrom(
      ...RUBRIC.points.flatMap((p) => p.phrases),
      ...(RUBRIC.forbidden ?? []).flatMap((f) => f.phrases),
      '亲', '您好', '，', '。', '订单', '马上', 'ok', '88',
    );
    // A phone keyboard's variants: full-width ASCII and ideographic or ASCII spaces anywhere.
    const retype = (text: string, picks: boolean[], spaces: number[]) =>
      [...text]
        .map((ch, i) => {
          const code = ch.charCodeAt(0);
          const wide = picks[i % picks.length] && code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : ch;
          const gap = spaces[i % spaces.length];
          return wide + (gap === 1 ? ' ' : gap === 2 ? '\u3000' : '');
        })
        .join('');

    it('scores a reply the same however it is retyped with full-width characters and spaces', () => {
      fc.assert(
        fc.property(
          fc.array(tokenArb, { maxLength: 10 }),
          fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
          fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
          (tokens, picks, spaces) => {
            const reply = tokens.join('');
            const retyped = retype(reply, picks, spaces);
            expect(summary(scoreRubric(RUBRIC, retyped, { prompt: PROMPT }))).toEqual(summary(scoreRubric(RUBRIC, reply, { prompt: PROMPT })));
          },
        ),
      );
    });

    it('gives no points to any piece of the conversation', () => {
      fc.assert(
        fc.property(fc.nat(), fc.nat(), (a, b) => {
          const [from, to] = [a % PROMPT.length, b % PROMPT.length].sort((x, y) => x - y);
          const r = scoreRubric(RUBRIC, PROMPT.slice(from, to + 1), { prompt: PROMPT });
          expect(r.points.every((p) => !p.found)).toBe(true);
          expect(r.score).toBe(0);
        }),
      );
    });
  });
});
