import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export type Tone = 'ok' | 'bad' | 'info' | 'plain';

// antd's preset green and red tags are below 4.5:1 (axe: colour contrast); these darker texts pass.
const TONES: Record<Tone, CSSProperties> = {
  ok: { color: '#237804', background: '#f6ffed', borderColor: '#b7eb8f' },
  bad: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  plain: { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' },
};

/** A small status tag of a staff page, in readable colours. */
export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}
