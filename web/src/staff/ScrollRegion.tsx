import type { ReactNode } from 'react';

/**
 * A table without links or buttons on a narrow screen: it scrolls sideways inside this region,
 * which keyboard users can focus and scroll (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
