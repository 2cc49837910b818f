/**
 * The student check-in page that the classroom QR code opens on a phone: server-rendered, zh-CN,
 * mobile-first, light enough for a slow network. Its only script is a file of this origin
 * (assets/check-in.js); the page holds no inline script or event handler, as the CSP demands.
 */

import { dateFormat, escapeHtml, sessionTimeText, timeFormat } from './page-html';

/** Where check-in stands when the page is rendered; only a hint, the check-in answer decides. */
export type CheckInPageState =
  | { kind: 'open' }
  | { kind: 'not_open' }
  | { kind: 'closed' }
  | { kind: 'before'; opensAt: Date }
  | { kind: 'ended' };

export interface CheckInPageModel {
  sessionId: string;
  courseTitle: string;
  sessionTitle: string | null;
  place: string;
  startsAt: Date;
  endsAt: Date;
  state: CheckInPageState;
  /** The code from the link, as given (the API judges it). */
  code: string;
  scriptUrl: string;
}

/** Why no session can be shown. */
export type CheckInPageProblem = 'link_invalid' | 'session_not_found';

const STYLE = `
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
  body { margin: 0; background: #f5f7fa; color: #1f2d3d; font-size: 17px; line-height: 1.5;
         font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
  main { max-width: 28rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
  .card { background: #fff; border-radius: 12px; padding: 1rem; margin: 0 0 1rem; box-shadow: 0 1px 3px rgba(0, 0, 0, .08); }
  .course { font-size: 1.25rem; font-weight: 700; margin: 0; }
  .session-title { margin: .25rem 0 0; color: #3a4a5c; }
  dl { margin: .75rem 0 0; }
  dt { float: left; clear: left; width: 3em; color: #5a6b7d; }
  dd { margin: 0 0 .25rem 3em; }
  .note { margin: .75rem 0 0; padding: .5rem .75rem; border-radius: 8px; background: #fff7e6; color: #8a5300; }
  label { display: block; font-weight: 700; margin: 1rem 0 .375rem; }
  label:first-child { margin-top: 0; }
  input { display: block; width: 100%; min-height: 3rem; padding: .5rem .75rem; font-size: 1.125rem;
          border: 1px solid #b8c4d0; border-radius: 8px; background: #fff; color: inherit; }
  input:focus { outline: 3px solid #7fb3ff; border-color: #2f6fdf; }
  #code { font-size: 1.75rem; letter-spacing: .3em; text-align: center; font-variant-numeric: tabular-nums; }
  .account { margin: 1rem 0 0; }
  .link { border: 0; background: none; color: #2f6fdf; font-size: 1rem; padding: .75rem .25rem; min-height: 3rem; text-decoration: underline; }
  .primary { display: block; width: 100%; min-height: 3.25rem; margin: 1.25rem 0 0; border: 0; border-radius: 8px;
             background: #2f6fdf; color: #fff; font-size: 1.25rem; font-weight: 700; }
  .primary:disabled { background: #9db6e0; }
  .hint { color: #5a6b7d; font-size: .9375rem; margin: .75rem 0 0; }
  .result { margin: 1rem 0 0; padding: .875rem 1rem; border-radius: 8px; border-left: 6px solid; }
  .result p { margin: 0; }
  .result-title { font-size: 1.25rem; font-weight: 700; }
  .result.ok { background: #e8f7ee; border-color: #1e9e55; color: #14532d; }
  .result.warn { background: #fff7e6; border-color: #e69500; color: #7a4a00; }
  .result.error { background: #fdecec; border-color: #d93636; color: #7f1d1d; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function stateNote(state: CheckInPageState): string {
  switch (state.kind) {
    case 'open':
      return '';
    case 'not_open':
      return '讲师还没有开启签到，开启后即可签到。';
    case 'closed':
      return '讲师已关闭签到。';
    case 'before':
      return `签到将于 ${dateFormat.format(state.opensAt)} ${timeFormat.format(state.opensAt)} 开放。`;
    case 'ended':
      return '本节课已结束，签到已关闭。';
  }
}

export function renderCheckInPage(m: CheckInPageModel): string {
  const course = escapeHtml(m.courseTitle || '线下课程');
  const note = stateNote(m.state);
  const body = `<h1>课堂签到</h1>
<section class="card" aria-label="本节课">
  <p class="course">${course}</p>
  ${m.sessionTitle ? `<p class="session-title">${escapeHtml(m.sessionTitle)}</p>` : ''}
  <dl>
    <dt>时间</dt><dd>${escapeHtml(sessionTimeText(m.startsAt, m.endsAt))}</dd>
    <dt>地点</dt><dd>${escapeHtml(m.place)}</dd>
  </dl>
  ${note ? `<p class="note">${escapeHtml(note)}</p>` : ''}
</section>
<form id="check-in-form" class="card" method="post" data-session="${escapeHtml(m.sessionId)}" novalidate>
  <label for="code">签到码</label>
  <input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="one-time-code" maxlength="32" placeholder="6 位数字" value="${escapeHtml(m.code)}">
  <div id="account" class="account" hidden>当前账号：<strong id="account-name"></strong> <button id="switch-account" class="link" type="button">切换账号</button></div>
  <div id="login">
    <label for="username">用户名</label>
    <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" autocorrect="off" spellcheck="false" maxlength="64">
    <label for="password">密码</label>
    <input id="password" name="password" type="password" autocomplete="current-password" maxlength="200">
  </div>
  <button id="submit" class="primary" type="submit" disabled>签到</button>
  <p id="loading" class="hint">页面加载中……如果按钮一直不能点，请刷新页面。</p>
  <noscript><p class="hint">请在浏览器设置中开启 JavaScript 后再签到。</p></noscript>
  <div id="result" class="result" role="status" aria-live="polite" hidden><p id="result-title" class="result-title"></p><p id="result-detail"></p></div>
</form>
<script src="${escapeHtml(m.scriptUrl)}"></script>`;
  return page(`课堂签到 · ${course}`, body);
}

const PROBLEMS: Record<CheckInPageProblem, { title: string; detail: string }> = {
  link_invalid: { title: '签到链接无效', detail: '这个链接不完整或有误。请重新扫描课堂屏幕上的二维码；如果仍然打不开，请联系讲师。' },
  session_not_found: { title: '找不到这节课', detail: '这节课可能已被取消或链接有误。请重新扫描课堂屏幕上的二维码；如有疑问，请联系讲师。' },
};

/** The page shown instead of the form when the link names no session we know. */
export function renderCheckInProblem(problem: CheckInPageProblem): string {
  const p = PROBLEMS[problem];
  return page(
    '课堂签到',
    `<h1>课堂签到</h1>
<div class="result error" role="alert"><p class="result-title">${escapeHtml(p.title)}</p><p>${escapeHtml(p.detail)}</p></div>`,
  );
}
