import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Rotating check-in codes, TOTP-like (RFC 6238 with HMAC-SHA256): the code of a class
 * session at a time step is HMAC(secret, session id, step) truncated to six digits. Any
 * process that knows the secret and reads the same clock derives the same code, so API
 * replicas check each other's codes without sharing memory.
 */

export const CODE_DIGITS = 6;

/** How many steps back a code is still recognised (and reported as expired rather than wrong). */
export const EXPIRED_LOOKBACK_STEPS = 10;

export interface CodePolicy {
  /** Length of one time step: a new code every `stepSeconds`. */
  stepSeconds: number;
  /** How long into a step the previous step's code is still accepted (0 … stepSeconds). */
  graceSeconds: number;
}

export interface IssuedCode {
  code: string;
  step: number;
  /** When this code appeared (start of its step), epoch ms. */
  validFromMs: number;
  /** When the next code replaces it on the screen, epoch ms. */
  expiresAtMs: number;
  /** The last moment it is still accepted (the end of its step plus the grace), epoch ms. */
  acceptedUntilMs: number;
}

export type CodeCheck =
  | { result: 'accepted'; step: number; previousStep: boolean }
  | { result: 'expired' }
  | { result: 'wrong' }
  | { result: 'malformed' };

/** The time step that contains `nowMs`. */
export function timeStep(nowMs: number, stepSeconds: number): number {
  return Math.floor(nowMs / (stepSeconds * 1000));
}

export function stepStartMs(step: number, stepSeconds: number): number {
  return step * stepSeconds * 1000;
}

/** RFC 4226 dynamic truncation of an HMAC to `digits` decimal digits. */
export function truncateToDigits(mac: Uint8Array, digits: number = CODE_DIGITS): string {
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code of one session at one time step. */
export function deriveCode(secret: string, sessionId: string, step: number): string {
  const mac = createHmac('sha256', secret).update(`check-in-code:v1:${sessionId}:${step}`).digest();
  return truncateToDigits(mac);
}

/** The code to show now, with when it appeared, when it is replaced and how long it is accepted. */
export function issueCode(secret: string, sessionId: string, nowMs: number, policy: CodePolicy): IssuedCode {
  const step = timeStep(nowMs, policy.stepSeconds);
  const validFromMs = stepStartMs(step, policy.stepSeconds);
  const expiresAtMs = validFromMs + policy.stepSeconds * 1000;
  return { code: deriveCode(secret, sessionId, step), step, validFromMs, expiresAtMs, acceptedUntilMs: expiresAtMs + policy.graceSeconds * 1000 };
}

const FULL_WIDTH_ZERO = 0xff10;

/**
 * What a person typed, as six ASCII digits: full-width digits (Chinese input methods)
 * become ASCII, spaces and dashes are dropped. Null when it cannot be a code.
 */
export function normalizeCode(input: string): string | null {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x30 && cp <= 0x39) out += ch;
    else if (cp >= FULL_WIDTH_ZERO && cp <= FULL_WIDTH_ZERO + 9) out += String(cp - FULL_WIDTH_ZERO);
    else if (!/[\s\-\u2010-\u2015\u3000]/u.test(ch)) return null;
  }
  return out.length === CODE_DIGITS ? out : null;
}

function sameCode(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'ascii'), Buffer.from(b, 'ascii'));
}

/**
 * Checks a typed code at `nowMs`: the current step's code is accepted, and the previous
 * step's while less than `graceSeconds` of the current step have passed. A code of an
 * older step (up to EXPIRED_LOOKBACK_STEPS back) is `expired`; anything else is `wrong`.
 */
export function checkCode(secret: string, sessionId: string, input: string, nowMs: number, policy: CodePolicy): CodeCheck {
  const code = normalizeCode(input);
  if (code === null) return { result: 'malformed' };
  const step = timeStep(nowMs, policy.stepSeconds);
  if (sameCode(code, deriveCode(secret, sessionId, step))) return { result: 'accepted', step, previousStep: false };
  const inGrace = nowMs - stepStartMs(step, policy.stepSeconds) < policy.graceSeconds * 1000;
  const previous = sameCode(code, deriveCode(secret, sessionId, step - 1));
  if (previous && inGrace) return { result: 'accepted', step: step - 1, previousStep: true };
  if (previous) return { result: 'expired' };
  for (let back = 2; back <= EXPIRED_LOOKBACK_STEPS; back++) {
    if (sameCode(code, deriveCode(secret, sessionId, step - back))) return { result: 'expired' };
  }
  return { result: 'wrong' };
}
