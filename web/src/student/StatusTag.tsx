import { Tag } from 'antd-mobile';
import type { CSSProperties, ReactNode } from 'react';

export type Tone = 'ok' | 'bad' | 'warn' | 'plain';

// antd-mobile's filled tags put white text on light colours (axe: colour contrast below 4.5:1).
const TONES: Record<Tone, CSSProperties> = {
  ok: { '--background-color': '#f6ffed', '--border-color': '#b7eb8f', '--text-color': '#237804' } as CSSProperties,
  bad: { '--background-color': '#fff1f0', '--border-color': '#ffa39e', '--text-color': '#a8071a' } as CSSProperties,
  warn: { '--background-color': '#fff7e6', '--border-color': '#ffd591', '--text-color': '#873800' } as CSSProperties,
  plain: { '--background-color': '#f5f5f5', '--border-color': '#d9d9d9', '--text-color': '#434343' } as CSSProperties,
};

/** A small tag in readable colours. */
export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}
