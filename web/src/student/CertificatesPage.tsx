import './imperative-render';
import { Button, Card, ErrorBlock, PullToRefresh, Skeleton, Space, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, authFetch, unwrap } from '../api/client';
import { ApiError, userMessageOf } from '../api/errors';
import type { CertificateView, CredentialView } from '../api/views';
import { StatusTag, type Tone } from './StatusTag';

const STATUS: Record<CertificateView['status'], { text: string; tone: Tone }> = {
  valid: { text: '有效', tone: 'ok' },
  revoked: { text: '已撤销', tone: 'bad' },
  expired: { text: '已过期', tone: 'plain' },
};

/** Saves a blob under a file name through a temporary link. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The PDF, fetched with the bearer token (a plain link would carry none). */
async function downloadPdf(c: CertificateView): Promise<void> {
  let res: Response;
  try {
    res = await authFetch(new Request(new URL(`/api/certificates/${encodeURIComponent(c.id)}/pdf`, window.location.origin)));
  } catch {
    throw new ApiError(null, null);
  }
  if (!res.ok) throw ApiError.fromBody(res.status, await res.json().catch(() => null));
  saveBlob(await res.blob(), `${c.serial}.pdf`);
}

async function downloadCredential(c: CertificateView): Promise<void> {
  const cred = await unwrap<CredentialView>(api.GET('/api/certificates/{id}/credential', { params: { path: { id: c.id } } }));
  saveBlob(new Blob([cred.jwt], { type: 'application/vc+jwt' }), `${c.serial}.jwt`);
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    Toast.show({ content: '链接已复制' });
  } catch {
    Toast.show({ content: '复制失败，请长按链接手动复制' });
  }
}

/** The student's certificates: PDF and credential downloads and the public verification link. */
export default function CertificatesPage() {
  const [certs, setCerts] = useState<CertificateView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setCerts(await unwrap<CertificateView[]>(api.GET('/api/me/certificates')));
      setError(null);
    } catch (err) {
      setError(userMessageOf(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (err) {
      Toast.show({ content: userMessageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <PullToRefresh onRefresh={load}>
      {error && <ErrorBlock status="default" title="证书加载失败" description={<span role="alert">{error}</span>} />}
      {!error && !certs && <Skeleton.Paragraph lineCount={5} animated />}
      {certs && certs.length === 0 && <ErrorBlock status="empty" title="暂无证书" description="通过段位认证后，证书会显示在这里。" />}
      {certs?.map((c) => {
        const verifyPath = `/verify/${encodeURIComponent(c.serial)}`;
        const verifyUrl = `${window.location.origin}${verifyPath}`;
        const status = STATUS[c.status];
        return (
          <Card
            key={c.id}
            title={c.tierName}
            style={{ margin: '0 12px 12px' }}
          >
            <section aria-label={`证书 ${c.serial}`}>
              <dl className="lms-cert-facts">
                <dt>状态</dt>
                <dd>
                  <StatusTag tone={status.tone}>{status.text}</StatusTag>
                </dd>
                <dt>证书编号</dt>
                <dd>{c.serial}</dd>
                <dt>发证日期</dt>
                <dd>{new Date(c.issuedAt).toLocaleDateString('zh-CN')}</dd>
                {c.expiresAt && (
                  <>
                    <dt>有效期至</dt>
                    <dd>{new Date(c.expiresAt).toLocaleDateString('zh-CN')}</dd>
                  </>
                )}
                {c.revokedAt && (
                  <>
                    <dt>撤销日期</dt>
                    <dd>{new Date(c.revokedAt).toLocaleDateString('zh-CN')}</dd>
                  </>
                )}
                <dt>验证链接</dt>
                <dd>
                  <a href={verifyPath} target="_blank" rel="noopener noreferrer" className="lms-break">
                    {verifyUrl}
                  </a>
                </dd>
              </dl>
              <Space wrap>
                <Button size="small" color="primary" loading={busy === `pdf-${c.id}`} onClick={() => void run(`pdf-${c.id}`, () => downloadPdf(c))}>
                  下载 PDF 证书
                </Button>
                <Button size="small" loading={busy === `jwt-${c.id}`} onClick={() => void run(`jwt-${c.id}`, () => downloadCredential(c))}>
                  下载数字凭证
                </Button>
                <Button size="small" onClick={() => void copy(verifyUrl)}>
                  复制验证链接
                </Button>
              </Space>
            </section>
          </Card>
        );
      })}
    </PullToRefresh>
  );
}
