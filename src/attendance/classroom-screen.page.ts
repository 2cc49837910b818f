/** The classroom-screen page: server-rendered, zh-CN, no script (the CSP allows none), refreshes itself. */

import { escapeHtml, sessionTimeText, timeFormat } from './page-html';

export type ScreenState =
  | { kind: 'open'; code: string; qrDataUrl: string; stepSeconds: number }
  | { kind: 'not_open' }
  | { kind: 'closed' }
  | { kind: 'before'; opensAt: Date }
  | { kind: 'ended' };

export interface ScreenModel {
  courseTitle: string;
  sessionTitle: string | null;
  place: string;
  startsAt: Date;
  endsAt: Date;
  state: ScreenState;
  refreshSeconds: number;
}

function stateHtml(state: ScreenState): string {
  switch (state.kind) {
    case 'open':
      return `<img class="qr" src="${state.qrDataUrl}" alt="签到二维码">
      <p class="code" aria-label="签到码">${state.code.slice(0, 3)}<span> </span>${state.code.slice(3)}</p>
      <p class="hint">请用手机扫描二维码签到，或在学员端输入上面的 6 位签到码。<br>签到码每 ${state.stepSeconds} 秒更新一次，本页会自动刷新。</p>`;
    case 'not_open':
      return `<p class="status">签到尚未开放，请等待讲师开启签到。</p>`;
    case 'closed':
      return `<p class="status">讲师已关闭签到。</p>`;
    case 'before':
      return `<p class="status">签到将于 ${timeFormat.format(state.opensAt)} 开放。</p>`;
    case 'ended':
      return `<p class="status">本节课已结束，签到已关闭。</p>`;
  }
}

export function renderClassroomScreen(m: ScreenModel): string {
  const heading = escapeHtml(m.courseTitle);
  const subtitle = [m.sessionTitle, m.place].filter((x): x is string => !!x).map(escapeHtml).join(' · ');
  const when = sessionTimeText(m.startsAt, m.endsAt);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${m.refreshSeconds}">
<meta name="robots" content="noindex">
<title>课堂签到 · ${heading}</title>
<style>
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: #f5f7fa; color: #1f2d3d;
         font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; text-align: center; }
  main { padding: 2rem; }
  h1 { font-size: 2.4rem; margin: 0 0 .5rem; }
  .meta { font-size: 1.3rem; color: #5a6b7d; margin: 0 0 1.5rem; }
  .qr { width: min(60vh, 80vw); height: auto; background: #fff; padding: 1rem; border-radius: 12px; }
  .code { font-size: 5rem; font-weight: 700; letter-spacing: .3em; margin: 1rem 0 .5rem; font-variant-numeric: tabular-nums; }
  .hint, .status { font-size: 1.4rem; color: #3a4a5c; }
</style>
</head>
<body>
<main>
  <h1>${heading}</h1>
  <p class="meta">${subtitle ? `${subtitle} · ` : ''}${when}</p>
  ${stateHtml(m.state)}
</main>
</body>
</html>
`;
}
