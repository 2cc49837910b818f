import { Grid } from 'antd';

/**
 * Narrow screens (below antd's `md`, e.g. a 375 px phone): one-line forms stack their fields and
 * fixed-width fields take the full width, so nothing scrolls sideways.
 */
export function useFit() {
  const screens = Grid.useBreakpoint();
  // useBreakpoint answers {} on the first render: ask the media query then, so a phone never
  // gets one frame of the desktop layout (md is antd's 768 px).
  const wide = screens.md ?? window.matchMedia('(min-width: 768px)').matches;
  return {
    fit: (px: number): number | string => (wide ? px : '100%'),
    inline: (wide ? 'inline' : 'vertical') as 'inline' | 'vertical',
  };
}

/** antd's link blue (#1677ff) is 4.1:1 on white; the theme's primary blue passes WCAG AA. */
export const LINK = '#0958d9';
