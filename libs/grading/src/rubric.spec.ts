import { markCopiedFromPrompt, scoreRubric, validateRubric, type Rubric } from '@lms/grading';

// 七天无理由退货: a customer wants to return clothes that do not fit.
function makeReturnRubric(overrides: Partial<Rubric> = {}): Rubric {
  return {
    points: [
      { id: 'greet', label: '问候', score: 1, phrases: ['您好', '亲'] },
      { id: 'apologize', label: '致歉', score: 2, phrases: ['抱歉', '不好意思', '对不起'] },
      { id: 'policy', label: '说明七天无理由退货', score: 3, phrases: ['7天无理由', '七天无理由'] },
      { id: 'action', label: '引导申请退货', score: 2, phrases: ['申请退货', '退货申请'] },
    ],
    forbidden: [
      { id: 'blame', label: '指责顾客', phrases: ['你自己的问题', '怪你'], penalty: 3 },
      { id: 'compensate', label: '承诺额外赔偿', phrases: ['额外赔偿', '补偿你'], penalty: 5, fatal: true },
    ],
    sequence: { pointIds: ['greet', 'apologize', 'action'], penalty: 1 },
    passScore: 6,
    ...overrides,
  };
}

const CUSTOMER = '我买的衣服尺码不合适，想七天无理由退货，可以吗？';

function point(result: ReturnType<typeof scoreRubric>, id: string) {
  const p = result.points.find((x) => x.id === id);
  if (!p) throw new Error(`no point ${id}`);
  return p;
}

describe('scoreRubric', () => {
  it('gives full marks and passes a complete reply in SOP order', () => {
    const reply = '您好，非常抱歉给您带来不便。本店支持七天无理由退货，您可以在订单页面申请退货。';
    const r = scoreRubric(makeReturnRubric(), reply);
    expect(r.score).toBe(8);
    expect(r.maxScore).toBe(8);
    expect(r.passed).toBe(true);
    expect(r.needsReview).toBe(false);
    expect(r.sequenceRespected).toBe(true);
    expect(r.forbidden).toEqual([]);
    expect(r.points.every((p) => p.found)).toBe(true);
    expect(r.explanation).toContain('已包含要点：致歉（+2分）');
    expect(r.explanation[r.explanation.length - 1]).toBe('得分 8/8，及格线 6分，通过');
  });

  it('finds a point through any of its alternative phrases', () => {
    const withSorry = scoreRubric(makeReturnRubric(), '对不起');
    const withExcuse = scoreRubric(makeReturnRubric(), '不好意思');
    expect(point(withSorry, 'apologize')).toMatchObject({ found: true, matchedPhrase: '对不起', score: 2 });
    expect(point(withExcuse, 'apologize')).toMatchObject({ found: true, matchedPhrase: '不好意思', score: 2 });
  });

  it('reports the earliest occurring alternative as the matched phrase', () => {
    const r = scoreRubric(makeReturnRubric(), '不好意思，真的很抱歉');
    expect(point(r, 'apologize')).toMatchObject({ matchedPhrase: '不好意思', at: 0 });
  });

  it('lists the missing points and fails a reply below the pass score', () => {
    const r = scoreRubric(makeReturnRubric(), '您好，可以申请退货');
    expect(r.score).toBe(3);
    expect(r.passed).toBe(false);
    expect(point(r, 'policy')).toMatchObject({ found: false, score: 0, maxScore: 3 });
    expect(point(r, 'policy').at).toBeUndefined();
    expect(r.explanation).toContain('未包含要点：说明七天无理由退货（3分）');
    expect(r.explanation).toContain('未包含要点：致歉（2分）');
  });

  it('passes at exactly the pass score', () => {
    const r = scoreRubric(makeReturnRubric(), '抱歉，支持七天无理由，请您提交退货申请');
    expect(r.score).toBe(7);
    const exact = scoreRubric(makeReturnRubric({ passScore: 7 }), '抱歉，支持七天无理由，请您提交退货申请');
    expect(exact.passed).toBe(true);
    const above = scoreRubric(makeReturnRubric({ passScore: 8 }), '抱歉，支持七天无理由，请您提交退货申请');
    expect(above.passed).toBe(false);
  });

  describe('forbidden phrases (服务禁忌)', () => {
    it('deducts the penalty of a non-fatal item and still passes when the score allows', () => {
      const reply = '您好，抱歉，尺码不合适也不怪你，支持7天无理由，请申请退货';
      const r = scoreRubric(makeReturnRubric({ passScore: 5 }), reply);
      expect(r.score).toBe(8 - 3);
      expect(r.passed).toBe(true);
      expect(r.forbidden).toEqual([
        { id: 'blame', label: '指责顾客', penalty: 3, fatal: false, matchedPhrase: '怪你', at: reply.indexOf('怪你'), end: reply.indexOf('怪你') + 2 },
      ]);
      expect(r.explanation).toContain('使用了服务禁忌：指责顾客（-3分）');
    });

    it('deducts an item once however often its phrases are used', () => {
      const reply = '您好，抱歉，七天无理由，申请退货。这是你自己的问题，怪你，怪你，怪你';
      const r = scoreRubric(makeReturnRubric(), reply);
      expect(r.forbidden).toHaveLength(1);
      expect(r.forbidden[0]).toMatchObject({ id: 'blame', matchedPhrase: '你自己的问题', at: reply.indexOf('你自己的问题') });
      expect(r.score).toBe(5);
    });

    it('deducts each used item', () => {
      const reply = '您好，抱歉，七天无理由，申请退货。怪你，不过给你额外赔偿';
      const r = scoreRubric(makeReturnRubric(), reply);
      expect(r.forbidden.map((f) => f.id)).toEqual(['blame', 'compensate']);
      expect(r.score).toBe(0);
    });

    it('fails a reply that uses a fatal item whatever its score', () => {
      const rubric = makeReturnRubric({
        forbidden: [{ id: 'compensate', label: '承诺额外赔偿', phrases: ['额外赔偿'], penalty: 0, fatal: true }],
      });
      const reply = '您好，非常抱歉，支持七天无理由退货，请申请退货，我们再给您额外赔偿';
      const r = scoreRubric(rubric, reply);
      expect(r.score).toBe(8);
      expect(r.passed).toBe(false);
      expect(r.forbidden[0]).toMatchObject({ fatal: true, penalty: 0 });
      expect(r.explanation).toContain('使用了服务禁忌：承诺额外赔偿（一票否决）');
      expect(r.explanation[r.explanation.length - 1]).toContain('未通过');
    });

    it('explains both the penalty and the veto of a fatal item with a penalty', () => {
      const r = scoreRubric(makeReturnRubric(), '亲，补偿你');
      expect(r.explanation).toContain('使用了服务禁忌：承诺额外赔偿（-5分，一票否决）');
      expect(r.score).toBe(0);
    });

    it('never lets penalties take the score below zero', () => {
      const r = scoreRubric(makeReturnRubric(), '怪你，额外赔偿');
      expect(r.score).toBe(0);
      expect(r.passed).toBe(false);
    });

    it('matches forbidden phrases across spacing and full-width variants', () => {
      const r = scoreRubric(makeReturnRubric(), '您好　额 外 赔 偿');
      expect(r.forbidden.map((f) => f.id)).toEqual(['compensate']);
      expect(r.forbidden[0].at).toBe(3);
    });
  });

  describe('SOP order', () => {
    it('respects the order when found points first occur in sequence order', () => {
      const r = scoreRubric(makeReturnRubric(), '亲，抱歉，请申请退货');
      expect(r.sequenceRespected).toBe(true);
      expect(r.score).toBe(5);
    });

    it('deducts the sequence penalty once when the order is violated', () => {
      const reply = '请申请退货。抱歉。您好。支持七天无理由';
      const r = scoreRubric(makeReturnRubric(), reply);
      expect(r.sequenceRespected).toBe(false);
      expect(r.score).toBe(8 - 1);
      expect(r.explanation).toContain('服务步骤顺序不对，应为：问候 → 致歉 → 引导申请退货（-1分）');
    });

    it('judges the order by first occurrences, so a later repetition does not break it', () => {
      const r = scoreRubric(makeReturnRubric(), '您好，抱歉，请申请退货。您好，再次抱歉');
      expect(r.sequenceRespected).toBe(true);
    });

    it('ignores points of the sequence that were not found', () => {
      const r = scoreRubric(makeReturnRubric(), '您好，请申请退货');
      expect(r.sequenceRespected).toBe(true);
      const one = scoreRubric(makeReturnRubric(), '申请退货');
      expect(one.sequenceRespected).toBe(true);
    });

    it('ignores the order of points that are not in the sequence', () => {
      const r = scoreRubric(makeReturnRubric(), '七天无理由。您好，抱歉，请申请退货');
      expect(r.sequenceRespected).toBe(true);
      expect(r.score).toBe(8);
    });

    it('reports null when the rubric has no sequence', () => {
      const r = scoreRubric(makeReturnRubric({ sequence: undefined }), '请申请退货，您好');
      expect(r.sequenceRespected).toBeNull();
      expect(r.score).toBe(3);
    });
  });

  describe('variants typed on phones', () => {
    it('matches "７天无理由" and "7 天无理由" against the phrase "7天无理由"', () => {
      for (const reply of ['７天无理由', '7 天无理由', '7　天 无 理 由', '７ 天无理由']) {
        expect(point(scoreRubric(makeReturnRubric(), reply), 'policy').found).toBe(true);
      }
    });

    it('matches a phrase written with spaces or full-width letters against a compact reply', () => {
      const rubric = makeReturnRubric({
        points: [{ id: 'vip', label: '说明88VIP权益', score: 2, phrases: ['８８ ＶＩＰ'] }],
        forbidden: [],
        sequence: undefined,
        passScore: 2,
      });
      expect(scoreRubric(rubric, '您是88vip会员').score).toBe(2);
      expect(scoreRubric(rubric, '您是８８ＶＩＰ会员').score).toBe(2);
      expect(scoreRubric(rubric, '您是88 V I P会员').score).toBe(2);
    });

    it('treats "ＡＢＣ" and "abc" as the same', () => {
      const rubric: Rubric = { points: [{ id: 'code', label: '告知优惠码', score: 1, phrases: ['ABC'] }], passScore: 1 };
      expect(scoreRubric(rubric, '优惠码是ＡＢＣ').passed).toBe(true);
      expect(scoreRubric(rubric, '优惠码是abc').passed).toBe(true);
    });

    it('unifies Chinese and Latin punctuation inside phrases', () => {
      const rubric: Rubric = { points: [{ id: 'p', label: '确认', score: 1, phrases: ['好的，亲'] }], passScore: 1 };
      expect(scoreRubric(rubric, '好的,亲').score).toBe(1);
      expect(scoreRubric(rubric, '好的 ， 亲').score).toBe(1);
      expect(scoreRubric(rubric, '好的亲').score).toBe(0);
    });
  });

  describe('offsets into the original reply', () => {
    it('points `at` and `end` at the typed text despite spaces and full-width characters', () => {
      const reply = '　　亲 ，  非常 抱 歉！本店支持７ 天 无理由退货，请 申请退货';
      const r = scoreRubric(makeReturnRubric(), reply);
      const policy = point(r, 'policy');
      expect(policy.at).toBe(reply.indexOf('７'));
      expect(reply.slice(policy.at, policy.end)).toBe('７ 天 无理由');
      const apologize = point(r, 'apologize');
      expect(reply.slice(apologize.at, apologize.end)).toBe('抱 歉');
      const greet = point(r, 'greet');
      expect(greet.at).toBe(2);
      const action = point(r, 'action');
      expect(reply.slice(action.at, action.end)).toBe('申请退货');
      expect(action.at).toBe(reply.lastIndexOf('申请退货'));
    });

    it('points past emoji (surrogate pairs) correctly', () => {
      const reply = '😊😊亲😊抱歉';
      const r = scoreRubric(makeReturnRubric(), reply);
      expect(point(r, 'greet').at).toBe(4);
      expect(point(r, 'apologize').at).toBe(7);
    });
  });

  describe('empty replies', () => {
    it.each(['', '   ', '　　', '\n\t', '\u200b'])('scores %j as 0 and fails it, even with pass score 0', (reply) => {
      const r = scoreRubric(makeReturnRubric({ passScore: 0 }), reply);
      expect(r.score).toBe(0);
      expect(r.passed).toBe(false);
      expect(r.maxScore).toBe(8);
      expect(r.points.every((p) => !p.found)).toBe(true);
      expect(r.forbidden).toEqual([]);
      expect(r.explanation).toEqual(['回复为空，不得分']);
    });

    it('treats a non-string reply as empty instead of throwing', () => {
      expect(scoreRubric(makeReturnRubric(), null as unknown as string).score).toBe(0);
      expect(scoreRubric(makeReturnRubric(), { text: '您好' } as unknown as string).passed).toBe(false);
    });
  });

  describe('replies that repeat the customer', () => {
    it('gives no points to a reply that only repeats the customer message', () => {
      const r = scoreRubric(makeReturnRubric({ passScore: 0 }), CUSTOMER, { prompt: CUSTOMER });
      expect(r.score).toBe(0);
      expect(point(r, 'policy').found).toBe(false);
      expect(r.explanation).toContain('与顾客原话重复的内容不计分');
    });

    it('still gives the points without the prompt, showing the prompt is what blocks them', () => {
      expect(point(scoreRubric(makeReturnRubric(), CUSTOMER), 'policy').found).toBe(true);
    });

    it('gives no points to a repetition typed with other spacing and full-width characters', () => {
      const retyped = ' 我买的衣服尺码不合适 ,想７天无理由退货 , 可以吗?';
      const r = scoreRubric(makeReturnRubric(), retyped, { prompt: CUSTOMER.replace('七', '7') });
      expect(r.score).toBe(0);
    });

    it('gives no points to a reply that repeats only a short part of the customer message', () => {
      const r = scoreRubric(makeReturnRubric(), '七天无理由退货', { prompt: CUSTOMER });
      expect(r.score).toBe(0);
    });

    it('credits the student own words around a quoted customer message', () => {
      const reply = `您好，您说“${CUSTOMER}”——非常抱歉，支持七天无理由的，请在订单页申请退货`;
      const r = scoreRubric(makeReturnRubric(), reply, { prompt: CUSTOMER });
      expect(r.score).toBe(8);
      const policy = point(r, 'policy');
      expect(policy.at).toBe(reply.lastIndexOf('七天无理由'));
    });

    it('credits a short phrase that also occurs in the prompt when the student writes it in a new sentence', () => {
      const r = scoreRubric(makeReturnRubric(), '亲，可以的，本店支持七天无理由', { prompt: CUSTOMER });
      expect(point(r, 'policy').found).toBe(true);
    });

    it('still counts forbidden phrases the reply copies from the customer', () => {
      const prompt = '你们客服就是骗子，我要额外赔偿！';
      const rubric = makeReturnRubric();
      const r = scoreRubric(rubric, prompt, { prompt });
      expect(r.forbidden.map((f) => f.id)).toEqual(['compensate']);
    });

    it('ignores an empty or missing prompt', () => {
      expect(scoreRubric(makeReturnRubric(), '您好', { prompt: '' }).score).toBe(1);
      expect(scoreRubric(makeReturnRubric(), '您好', {}).score).toBe(1);
    });
  });

  it('reports needsReview from the rubric', () => {
    const r = scoreRubric(makeReturnRubric({ requiresReview: true }), '您好');
    expect(r.needsReview).toBe(true);
    expect(r.explanation[r.explanation.length - 1]).toContain('待人工复核');
  });

  it('ignores phrases that normalize to nothing instead of matching everywhere', () => {
    const rubric: Rubric = { points: [{ id: 'p', label: '空', score: 1, phrases: ['  ', '　'] }], passScore: 1 };
    expect(scoreRubric(rubric, '任何回复').score).toBe(0);
  });

  it('does not throw on a malformed rubric', () => {
    const broken = { points: [null, { id: 'x', score: 'a', phrases: 'no' }], forbidden: [{}], sequence: {}, passScore: 'x' };
    expect(() => scoreRubric(broken as unknown as Rubric, '您好')).not.toThrow();
    expect(() => scoreRubric(null as unknown as Rubric, '您好')).not.toThrow();
  });
});

describe('markCopiedFromPrompt', () => {
  it('marks runs of at least 8 characters shared with the prompt', () => {
    const copied = markCopiedFromPrompt('xx12345678yy', 'a12345678b');
    expect(copied.map((c) => (c ? '1' : '0')).join('')).toBe('001111111100');
  });

  it('leaves shorter shared runs alone', () => {
    expect(markCopiedFromPrompt('xx1234567yy', 'a1234567b').some(Boolean)).toBe(false);
  });

  it('marks everything when the whole reply occurs in the prompt', () => {
    expect(markCopiedFromPrompt('abc', 'xxabcxx').every(Boolean)).toBe(true);
  });

  it('marks nothing without a prompt', () => {
    expect(markCopiedFromPrompt('abcdefghij', '').some(Boolean)).toBe(false);
  });
});

describe('validateRubric', () => {
  it('accepts a well-formed rubric', () => {
    expect(validateRubric(makeReturnRubric())).toEqual([]);
    expect(validateRubric({ points: [{ id: 'a', label: 'A', score: 1, phrases: ['x'] }], passScore: 0 })).toEqual([]);
  });

  it.each([
    [null, 'rubric must be an object'],
    [[], 'rubric must be an object'],
    [{ points: [], passScore: 0 }, 'points must be a non-empty array'],
    [{ passScore: 0 }, 'points must be a non-empty array'],
  ])('rejects %j', (rubric, problem) => {
    expect(validateRubric(rubric)).toContain(problem);
  });

  it('reports duplicate ids across points and forbidden items', () => {
    const r = makeReturnRubric();
    r.points[1].id = 'greet';
    r.forbidden![0].id = 'policy';
    expect(validateRubric(r)).toEqual(
      expect.arrayContaining(['points[1].id "greet" is not unique', 'forbidden[0].id "policy" is not unique']),
    );
  });

  it.each([0, -1, 1.5, NaN, '2'])('rejects the point score %p', (score) => {
    const r = makeReturnRubric();
    (r.points[0] as { score: unknown }).score = score;
    expect(validateRubric(r)).toContain('points[0].score must be a positive integer');
  });

  it('rejects empty phrase lists and blank phrases', () => {
    const r = makeReturnRubric();
    r.points[0].phrases = [];
    r.points[1].phrases = ['抱歉', '　 ', 3 as unknown as string];
    r.forbidden![0].phrases = [];
    expect(validateRubric(r)).toEqual(
      expect.arrayContaining([
        'points[0].phrases must be a non-empty array of strings',
        'points[1].phrases[1] must be a non-blank string',
        'points[1].phrases[2] must be a non-blank string',
        'forbidden[0].phrases must be a non-empty array of strings',
      ]),
    );
  });

  it('rejects a phrase listed twice once normalized', () => {
    const r = makeReturnRubric();
    r.points[2].phrases = ['7天无理由', '７ 天无理由'];
    expect(validateRubric(r)).toContain('points[2].phrases[1] repeats "７ 天无理由"');
  });

  it('rejects a missing label', () => {
    const r = makeReturnRubric();
    r.points[0].label = ' ';
    expect(validateRubric(r)).toContain('points[0].label must be a non-blank string');
  });

  it.each([
    [-1, 'passScore must be a non-negative integer'],
    [2.5, 'passScore must be a non-negative integer'],
    [undefined, 'passScore must be a non-negative integer'],
    [9, 'passScore 9 exceeds the maximum score 8'],
  ])('rejects the pass score %p', (passScore, problem) => {
    expect(validateRubric({ ...makeReturnRubric(), passScore })).toContain(problem);
  });

  it('accepts pass scores 0 and maxScore', () => {
    expect(validateRubric(makeReturnRubric({ passScore: 0 }))).toEqual([]);
    expect(validateRubric(makeReturnRubric({ passScore: 8 }))).toEqual([]);
  });

  it('rejects bad forbidden items', () => {
    const r = { ...makeReturnRubric(), forbidden: [{ id: 'f', label: 'F', phrases: ['x'], penalty: -2, fatal: 'yes' }] };
    expect(validateRubric(r)).toEqual(
      expect.arrayContaining(['forbidden[0].penalty must be a non-negative integer', 'forbidden[0].fatal must be a boolean']),
    );
    expect(validateRubric({ ...makeReturnRubric(), forbidden: {} })).toContain('forbidden must be an array');
  });

  it('rejects a forbidden phrase that occurs inside a required phrase', () => {
    const r = makeReturnRubric();
    r.forbidden![0].phrases = ['无理由'];
    expect(validateRubric(r)).toContain('forbidden[0] phrase "无理由" occurs inside a required phrase of points[2]');
  });

  it('rejects sequences naming unknown or repeated points, or too short', () => {
    expect(validateRubric(makeReturnRubric({ sequence: { pointIds: ['greet', 'nope'], penalty: 1 } }))).toContain(
      'sequence.pointIds[1] is not the id of a point',
    );
    expect(validateRubric(makeReturnRubric({ sequence: { pointIds: ['greet', 'greet'], penalty: 1 } }))).toContain(
      'sequence.pointIds[1] repeats "greet"',
    );
    expect(validateRubric(makeReturnRubric({ sequence: { pointIds: ['greet'], penalty: 1 } }))).toContain(
      'sequence.pointIds must list at least two point ids',
    );
    expect(validateRubric(makeReturnRubric({ sequence: { pointIds: ['greet', 'action'], penalty: -1 } }))).toContain(
      'sequence.penalty must be a non-negative integer',
    );
  });

  it('rejects a non-boolean requiresReview', () => {
    expect(validateRubric({ ...makeReturnRubric(), requiresReview: 'yes' })).toContain('requiresReview must be a boolean');
  });
});
