import fc from 'fast-check';
import { drawQuestions, matchesRule, seededRandom, seededShuffle, type DrawCandidate, type DrawRule } from '@lms/grading';

const TAGS = ['企业文化', '基本行为', '二段', '三段'];
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
const TYPES = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer', 'scenario'] as const;

const candidateArb = (i: number): fc.Arbitrary<DrawCandidate> =>
  fc.record({
    id: fc.constant(`q${String(i).padStart(3, '0')}`),
    bankId: fc.constantFrom('b1', 'b2'),
    type: fc.constantFrom(...TYPES),
    tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
    difficulty: fc.option(fc.constantFrom(...DIFFICULTIES), { nil: null }),
  });

const poolArb = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(i))));

const ruleArb: fc.Arbitrary<DrawRule> = fc.record(
  {
    bankId: fc.constantFrom('b1', 'b2'),
    count: fc.integer({ min: 0, max: 8 }),
    tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 2 }),
    difficulty: fc.constantFrom(...DIFFICULTIES),
    types: fc.uniqueArray(fc.constantFrom(...TYPES), { maxLength: 3 }),
  },
  { requiredKeys: ['bankId', 'count'] },
);

/** Kuhn's augmenting paths: can every pick be given its own slot whose rule it matches? */
function perfectMatching(picks: DrawCandidate[], slots: DrawRule[]): boolean {
  if (picks.length !== slots.length) return false;
  const owner = new Array<number>(slots.length).fill(-1);
  const assign = (p: number, seen: boolean[]): boolean => {
    for (let s = 0; s < slots.length; s++) {
      if (seen[s] || !matchesRule(picks[p], slots[s])) continue;
      seen[s] = true;
      if (owner[s] === -1 || assign(owner[s], seen)) {
        owner[s] = p;
        return true;
      }
    }
    return false;
  };
  return picks.every((_, p) => assign(p, new Array<boolean>(slots.length).fill(false)));
}

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and numbers in [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const a = seededRandom(seed);
        const b = seededRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('spreads values evenly enough to shuffle fairly', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let s = 0; s < 2000; s++) {
      const r = seededRandom(`attempt-${s}`);
      for (let i = 0; i < 5; i++) buckets[Math.floor(r() * 10)]++;
    }
    for (const b of buckets) expect(Math.abs(b - 1000)).toBeLessThan(150);
  });
});

describe('seededShuffle', () => {
  it('returns a permutation of its input and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const copy = items.slice();
        const out = seededShuffle(items, seed);
        expect(items).toEqual(copy);
        expect(out.slice().sort((a, b) => a - b)).toEqual(copy.sort((a, b) => a - b));
      }),
    );
  });

  it('is deterministic per seed', () => {
    fc.assert(fc.property(fc.array(fc.string()), fc.string(), (items, seed) => expect(seededShuffle(items, seed)).toEqual(seededShuffle(items, seed))));
  });

  it('reaches every order of four options across attempts, each about as often', () => {
    const counts = new Map<string, number>();
    const n = 24_000;
    for (let s = 0; s < n; s++) {
      const key = seededShuffle(['A', 'B', 'C', 'D'], `00000000-0000-4000-8000-${String(s).padStart(12, '0')}:q1`).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    for (const c of counts.values()) expect(Math.abs(c - n / 24)).toBeLessThan(n / 24 / 4);
  });
});

describe('drawQuestions', () => {
  it('meets every rule with distinct matching questions, or names the first rule it cannot meet', () => {
    fc.assert(
      fc.property(poolArb, fc.array(ruleArb, { maxLength: 4 }), fc.string(), fc.boolean(), (pool, rules, seed, shuffle) => {
        const result = drawQuestions(pool, rules, seed, { shuffle });
        if (!result.ok) {
          const { rule, wanted, available } = result.shortfall;
          expect(wanted).toBe(rules[rule].count);
          expect(available).toBeLessThan(wanted);
          return;
        }
        expect(new Set(result.ids).size).toBe(result.ids.length);
        expect(result.ids).toHaveLength(rules.reduce((s, r) => s + r.count, 0));
        // Every pick must fill a slot of a rule it matches: a perfect matching of picks to rule slots.
        const byId = new Map(pool.map((c) => [c.id, c]));
        const slots = rules.flatMap((r) => Array.from({ length: r.count }, () => r));
        expect(perfectMatching(result.ids.map((id) => byId.get(id) as DrawCandidate), slots)).toBe(true);
      }),
    );
  });

  it('is deterministic per seed and keeps the pool order without shuffle', () => {
    fc.assert(
      fc.property(poolArb, fc.array(ruleArb, { maxLength: 3 }), fc.string(), (pool, rules, seed) => {
        const a = drawQuestions(pool, rules, seed, { shuffle: true });
        expect(drawQuestions(pool, rules, seed, { shuffle: true })).toEqual(a);
        const plain = drawQuestions(pool, [{ bankId: 'b1', count: pool.filter((c) => c.bankId === 'b1').length }], seed, { shuffle: false });
        expect(plain).toEqual({ ok: true, ids: pool.filter((c) => c.bankId === 'b1').map((c) => c.id) });
      }),
    );
  });

  it('draws different subsets for different attempts when the pool is larger than the rule', () => {
    const pool: DrawCandidate[] = Array.from({ length: 20 }, (_, i) => ({ id: `q${i}`, bankId: 'b', type: 'single', tags: [], difficulty: null }));
    const seen = new Set<string>();
    for (let s = 0; s < 50; s++) {
      const r = drawQuestions(pool, [{ bankId: 'b', count: 5 }], `attempt-${s}`, { shuffle: false });
      if (r.ok) seen.add(r.ids.join(','));
    }
    expect(seen.size).toBeGreaterThan(45);
  });

  it('does not let a later rule take a question an earlier rule drew', () => {
    const pool: DrawCandidate[] = [
      { id: 'a', bankId: 'b', type: 'single', tags: ['二段'], difficulty: 'hard' },
      { id: 'b', bankId: 'b', type: 'single', tags: ['二段'], difficulty: 'easy' },
    ];
    expect(drawQuestions(pool, [{ bankId: 'b', count: 1, difficulty: 'hard' }, { bankId: 'b', count: 1, tags: ['二段'] }], 's', { shuffle: false })).toEqual({
      ok: true,
      ids: ['a', 'b'],
    });
    expect(drawQuestions(pool, [{ bankId: 'b', count: 2, tags: ['二段'] }, { bankId: 'b', count: 1 }], 's', { shuffle: false })).toEqual({
      ok: false,
      shortfall: { rule: 1, wanted: 1, available: 0 },
    });
  });
});
