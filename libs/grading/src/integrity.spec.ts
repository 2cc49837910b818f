// Reply integrity on the seeded drills and on the replies that gamed them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkReplyIntegrity,
  isCopiedPrompt,
  isKeywordStuffing,
  sampledForReview,
  scoreRubric,
  MIN_OWN_UNITS,
  OWN_TO_PHRASE_RATIO,
  type Rubric,
} from '@lms/grading';

interface Seeded {
  title: string;
  conversation: string[];
  rubric: Rubric;
  modelReply: string;
  poorReply: string;
}

const SEEDS: Seeded[] = JSON.parse(readFileSync(join(__dirname, '../../../seeds/training/scenarios.json'), 'utf8'));

// The drill of issue 11: its keywords alone passed and earned an hour.
const DELAYED: Rubric = {
  points: [
    { id: 'soothe', label: '致歉', score: 20, phrases: ['抱歉'] },
    { id: 'check', label: '核实订单', score: 20, phrases: ['核实订单'] },
    { id: 'urge', label: '提醒发货', score: 20, phrases: ['提醒发货'] },
    { id: 'refund', label: '告知可退款', score: 20, phrases: ['退款'] },
    { id: 'complain', label: '告知可投诉', score: 20, phrases: ['投诉'] },
  ],
  passScore: 60,
};
const DELAYED_PROMPT = '我的订单五天了还没发货，客服也不回消息，到底怎么回事？';

describe('checkReplyIntegrity', () => {
  it('flags a reply that is only the rubric keywords, which the rubric alone passes', () => {
    const reply = '抱歉 核实订单 提醒发货 退款 投诉';
    expect(scoreRubric(DELAYED, reply, { prompt: DELAYED_PROMPT }).passed).toBe(true);
    const r = checkReplyIntegrity(DELAYED, reply, { prompt: DELAYED_PROMPT });
    expect(r.flags).toEqual(['keyword_stuffing']);
    expect(r).toMatchObject({ contentUnits: 14, phraseUnits: 14, ownUnits: 0, copiedUnits: 0 });
  });

  it('flags keywords separated by punctuation and a few filler words', () => {
    expect(isKeywordStuffing(DELAYED, '抱歉，核实订单，提醒发货，退款，投诉。好的', { prompt: DELAYED_PROMPT })).toBe(true);
    expect(isKeywordStuffing(DELAYED, '亲，抱歉！核实订单、提醒发货、退款、投诉，谢谢', { prompt: DELAYED_PROMPT })).toBe(true);
  });

  it('does not flag a reply that says the same things in sentences', () => {
    const reply = '亲，非常抱歉让您久等了。我这边马上为您核实订单的情况，并联系商家提醒发货；如果商家仍然不发货，您可以申请退款，也可以在订单页发起投诉，我们会跟进处理。';
    expect(checkReplyIntegrity(DELAYED, reply, { prompt: DELAYED_PROMPT }).flags).toEqual([]);
  });

  it('flags a reply that copies the customer message, with or without keywords', () => {
    expect(isCopiedPrompt(DELAYED_PROMPT, DELAYED_PROMPT)).toBe(true);
    const r = checkReplyIntegrity(DELAYED, `${DELAYED_PROMPT} 抱歉`, { prompt: DELAYED_PROMPT });
    expect(r.flags).toContain('copied_prompt');
    expect(isCopiedPrompt('我的订单五天了还没发货', DELAYED_PROMPT)).toBe(true);
  });

  it('does not count a quote of a few words of the customer as a copy', () => {
    const reply = '您说订单五天了还没发货，非常抱歉。我马上为您核实订单并联系商家提醒发货，超时未发可以申请退款或者发起投诉。';
    expect(checkReplyIntegrity(DELAYED, reply, { prompt: DELAYED_PROMPT }).flags).toEqual([]);
  });

  it('does not flag a short reply without any keyword as stuffing (it simply fails)', () => {
    expect(checkReplyIntegrity(DELAYED, '您好', { prompt: DELAYED_PROMPT }).flags).toEqual([]);
  });

  it('has no flag for a blank reply', () => {
    expect(checkReplyIntegrity(DELAYED, ' 　，。', { prompt: DELAYED_PROMPT })).toMatchObject({ flags: [], contentUnits: 0 });
  });

  it('asks for at least MIN_OWN_UNITS own words around a keyword', () => {
    const own = '我们马上处理'.slice(0, MIN_OWN_UNITS);
    expect(isKeywordStuffing(DELAYED, `抱歉${own.slice(0, MIN_OWN_UNITS - 1)}`)).toBe(true);
    expect(isKeywordStuffing(DELAYED, `抱歉${own}`)).toBe(false);
  });

  it('asks for own words in proportion to the phrases: a terse list of them is stuffing, a short sentence is not', () => {
    const rubric: Rubric = {
      points: [
        { id: 'greet', label: '问候', score: 20, phrases: ['您好'] },
        { id: 'apologize', label: '致歉', score: 30, phrases: ['抱歉'] },
        { id: 'track', label: '查询物流', score: 50, phrases: ['查询物流'] },
      ],
      passScore: 60,
    };
    expect(checkReplyIntegrity(rubric, '您好，非常抱歉，我马上帮您查询物流。')).toMatchObject({ flags: [], phraseUnits: 8, ownUnits: 7 });
    expect(checkReplyIntegrity(rubric, '您好，抱歉，帮您查询物流。')).toMatchObject({ flags: ['keyword_stuffing'], phraseUnits: 8, ownUnits: 2 });
    expect(OWN_TO_PHRASE_RATIO).toBe(0.5);
  });

  it('tolerates a malformed rubric and a missing prompt', () => {
    expect(checkReplyIntegrity({} as Rubric, '抱歉').flags).toEqual([]);
    expect(checkReplyIntegrity({ points: [{ phrases: [1, '', '抱歉'] }] } as unknown as Rubric, '抱歉').flags).toEqual(['keyword_stuffing']);
  });

  describe.each(SEEDS.map((s) => [s.title, s] as const))('seeded drill %s', (_title, s) => {
    const prompt = s.conversation.join('\n');
    it('leaves the model reply alone', () => {
      expect(checkReplyIntegrity(s.rubric, s.modelReply, { prompt }).flags).toEqual([]);
    });
    it('flags one phrase of every point, joined by spaces', () => {
      const keywords = s.rubric.points.map((p) => p.phrases[0]).join(' ');
      expect(checkReplyIntegrity(s.rubric, keywords, { prompt }).flags).toContain('keyword_stuffing');
    });
    it('flags the conversation sent back', () => {
      expect(checkReplyIntegrity(s.rubric, prompt, { prompt }).flags).toContain('copied_prompt');
    });
  });
});

describe('sampledForReview', () => {
  it('never samples at 0 and always at 1', () => {
    for (const key of ['a', 'b', '00000000-0000-0000-0000-000000000000']) {
      expect(sampledForReview(key, 0)).toBe(false);
      expect(sampledForReview(key, 1)).toBe(true);
    }
  });

  it('samples about the configured share of distinct keys', () => {
    let n = 0;
    for (let i = 0; i < 10_000; i++) if (sampledForReview(`submission-${i}`, 0.1)) n++;
    expect(n).toBeGreaterThan(850);
    expect(n).toBeLessThan(1150);
  });
});
