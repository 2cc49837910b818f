import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to the classroom screen: whoever holds the link may watch the
 * codes of one session until it expires, without an account (the screen is a classroom PC).
 */

export type LinkCheck = 'valid' | 'expired' | 'invalid';

export function signScreenLink(secret: string, sessionId: string, expiresAtSeconds: number): string {
  return createHmac('sha256', secret).update(`check-in-screen:v1:${sessionId}:${expiresAtSeconds}`).digest('base64url');
}

export function checkScreenLink(secret: string, sessionId: string, expiresAtSeconds: number, signature: string, nowMs: number): LinkCheck {
  const expected = Buffer.from(signScreenLink(secret, sessionId, expiresAtSeconds), 'ascii');
  const given = Buffer.from(signature, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return nowMs < expiresAtSeconds * 1000 ? 'valid' : 'expired';
}
