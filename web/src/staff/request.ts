import { authFetch } from '../api/client';
import { ApiError } from '../api/errors';
import { getSession } from '../auth/session';

/**
 * Calls an API route with the bearer token (renewed once on 401 by authFetch). A string body is
 * sent as `contentType` (CSV imports), anything else as JSON. Throws ApiError on a refusal.
 */
export async function request<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers = new Headers();
  let payload: string | undefined;
  if (typeof body === 'string') {
    headers.set('Content-Type', contentType);
    payload = body;
  } else if (body !== undefined) {
    headers.set('Content-Type', 'application/json');
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await authFetch(new Request(window.location.origin + path, { method, headers, body: payload }));
  } catch {
    throw new ApiError(null, null);
  }
  if (!res.ok) {
    let err: unknown = null;
    try {
      err = await res.json();
    } catch {
      err = null;
    }
    throw ApiError.fromBody(res.status, err);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Uploads a video to POST /api/media (multipart) with XMLHttpRequest so the page can show the
 * upload's progress (0–100). Resolves with the stored media's view.
 */
export function uploadMedia(file: File, onProgress: (percent: number) => void): Promise<{ id: string; durationSeconds: number | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/media');
    const token = getSession()?.accessToken;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as { id: string; durationSeconds: number | null });
      } else reject(ApiError.fromBody(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(null, null));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** `2026-12-10T09:00` (a datetime-local value) and `+08:00` → `2026-12-10T09:00:00+08:00`. */
export function withOffset(local: string, offset: string): string {
  return `${local.length === 16 ? local + ':00' : local}${offset}`;
}

/** Time zones offered next to date-time fields (the app stores instants; the offset says which clock). */
export const TIME_ZONES = [
  { value: '+08:00', label: '北京时间 (UTC+8)' },
  { value: '+09:00', label: 'UTC+9' },
  { value: '+07:00', label: 'UTC+7' },
  { value: '+00:00', label: 'UTC' },
];

export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—';
}
