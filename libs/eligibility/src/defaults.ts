import type { Tier } from './types';

/** Chinese names of the three tiers. */
export const TIER_NAMES: Readonly<Record<'cxo-1' | 'cxo-2' | 'cxo-3', string>> = {
  'cxo-1': '阿里巴巴一段客户体验官',
  'cxo-2': '阿里巴巴二段客户体验官',
  'cxo-3': '阿里巴巴三段客户体验官',
};

/**
 * The design's default rules (admins can change them): cxo-1 — practical hours ≥ 64 and the 一段
 * exam passed with ≥ 80; cxo-2 — holds cxo-1, ≥ 30 distinct drills passed, general hours ≥ 20,
 * the 二段 exam ≥ 85; cxo-3 — holds cxo-2, every course of one professional direction
 * completed, general hours ≥ 40, the 三段 exam ≥ 90.
 */
export function defaultTiers(): Tier[] {
  return [
    {
      code: 'cxo-1',
      name: TIER_NAMES['cxo-1'],
      level: 1,
      rules: [
        { kind: 'hours', system: 'practical', minHours: 64 },
        { kind: 'exam', tier: 'cxo-1', minScore: 80 },
      ],
    },
    {
      code: 'cxo-2',
      name: TIER_NAMES['cxo-2'],
      level: 2,
      rules: [
        { kind: 'holds_tier', tier: 'cxo-1' },
        { kind: 'drills', minPassed: 30 },
        { kind: 'hours', system: 'general', minHours: 20 },
        { kind: 'exam', tier: 'cxo-2', minScore: 85 },
      ],
    },
    {
      code: 'cxo-3',
      name: TIER_NAMES['cxo-3'],
      level: 3,
      rules: [
        { kind: 'holds_tier', tier: 'cxo-2' },
        { kind: 'direction' },
        { kind: 'hours', system: 'general', minHours: 40 },
        { kind: 'exam', tier: 'cxo-3', minScore: 90 },
      ],
    },
  ];
}
