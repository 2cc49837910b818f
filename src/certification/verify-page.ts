import { escapeHtml } from '../common/html';
import type { PublicVerificationView } from './certification.views';

const STATUS_TEXT: Record<PublicVerificationView['status'], { text: string; color: string }> = {
  valid: { text: '有效', color: '#1a7f37' },
  revoked: { text: '已撤销', color: '#b42318' },
  expired: { text: '已过期', color: '#8a6d00' },
};

const dateText = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#222}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.25rem;margin:0 0 1rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.6rem 1rem;margin:0}
dt{color:#666}dd{margin:0}.status{font-weight:600}footer{margin-top:1.25rem;font-size:.8rem;color:#888}
</style></head><body><main>${body}</main></body></html>`;
}

/** The public verification page a certificate's QR code opens: no script, nothing to load but itself. */
export function verifiedPage(v: PublicVerificationView): string {
  const status = STATUS_TEXT[v.status];
  const rows: Array<[string, string]> = [
    ['证书编号', escapeHtml(v.serial)],
    ['认证等级', escapeHtml(v.tierName)],
    ['持证人', escapeHtml(v.holderName)],
    ['状态', `<span class="status" style="color:${status.color}">${status.text}</span>`],
    ['颁发日期', dateText(v.issuedAt)],
  ];
  if (v.expiresAt) rows.push(['有效期至', dateText(v.expiresAt)]);
  if (v.revokedAt) rows.push(['撤销日期', dateText(v.revokedAt)]);
  rows.push(['颁发机构', escapeHtml(v.issuer)]);
  return page(
    `证书核验 ${v.serial}`,
    `<h1>证书核验结果</h1><dl>${rows.map(([k, val]) => `<dt>${k}</dt><dd>${val}</dd>`).join('')}</dl>
<footer>持证人姓名已部分隐去。如需核对完整信息，请联系颁发机构。</footer>`,
  );
}

export function notFoundPage(): string {
  return page('证书核验', '<h1>未找到该证书</h1><p>请核对证书编号是否输入正确（例如 CXO1-2022-000094）。</p>');
}

export function throttledPage(): string {
  return page('证书核验', '<h1>查询过于频繁</h1><p>请一分钟后再试。</p>');
}
