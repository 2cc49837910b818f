import { createHmac } from 'node:crypto';
import {
  type CodePolicy,
  EXPIRED_LOOKBACK_STEPS,
  checkCode,
  deriveCode,
  issueCode,
  normalizeCode,
  stepStartMs,
  timeStep,
  truncateToDigits,
} from './code';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const SESSION = '3f1c2a9e-5b7d-4c1e-9a2b-7d6e5f4a3b2c';
const OTHER_SESSION = '9b8a7c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d';
const policy: CodePolicy = { stepSeconds: 30, graceSeconds: 10 };
/** 2026-03-01 09:00:00 UTC, exactly on a step boundary. */
const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

function counterBytes(counter: number): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(counter));
  return buf;
}

describe('truncateToDigits (RFC 4226 dynamic truncation)', () => {
  it('reproduces the HOTP values of RFC 4226 appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    const got = expected.map((_, count) => truncateToDigits(createHmac('sha1', '12345678901234567890').update(counterBytes(count)).digest()));
    expect(got).toEqual(expected);
  });

  it('reproduces the SHA-256 TOTP values of RFC 6238 appendix B', () => {
    const secret = '12345678901234567890123456789012';
    const cases: Array<[number, string]> = [
      [59, '46119246'],
      [1111111109, '68084774'],
      [1234567890, '91819424'],
    ];
    for (const [seconds, totp] of cases) {
      const mac = createHmac('sha256', secret).update(counterBytes(Math.floor(seconds / 30))).digest();
      expect(truncateToDigits(mac, 8)).toBe(totp);
    }
  });
});

describe('deriveCode', () => {
  it('is six ASCII digits and stable for a given secret, session and step (replicas agree)', () => {
    const code = deriveCode(SECRET, SESSION, 1234);
    expect(code).toMatch(/^\d{6}$/);
    expect(deriveCode(SECRET, SESSION, 1234)).toBe(code);
  });

  it('pins the algorithm, so that processes of different versions agree', () => {
    const mac = createHmac('sha256', SECRET).update(`check-in-code:v1:${SESSION}:1234`).digest();
    expect(deriveCode(SECRET, SESSION, 1234)).toBe(truncateToDigits(mac));
  });

  it('depends on the secret, the session and the step', () => {
    const steps = Array.from({ length: 50 }, (_, i) => deriveCode(SECRET, SESSION, 1000 + i));
    expect(new Set(steps).size).toBeGreaterThan(45);
    expect(Array.from({ length: 50 }, (_, i) => deriveCode(SECRET + 'x', SESSION, 1000 + i))).not.toEqual(steps);
    expect(Array.from({ length: 50 }, (_, i) => deriveCode(SECRET, OTHER_SESSION, 1000 + i))).not.toEqual(steps);
  });

  it('spreads codes of many sessions at one step over the code space', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const codes = new Set(ids.map((id) => deriveCode(SECRET, id, 99)));
    // Birthday bound: about 50 collisions are expected among 10,000 draws from 1,000,000.
    expect(codes.size).toBeGreaterThan(9_850);
  });
});

describe('timeStep and issueCode', () => {
  it('changes step every stepSeconds', () => {
    expect(timeStep(T0, 30)).toBe(T0 / 30_000);
    expect(timeStep(T0 + 29_999, 30)).toBe(T0 / 30_000);
    expect(timeStep(T0 + 30_000, 30)).toBe(T0 / 30_000 + 1);
    expect(stepStartMs(timeStep(T0 + 12_345, 30), 30)).toBe(T0);
  });

  it('says when the shown code appeared, is replaced and stops being accepted', () => {
    const issued = issueCode(SECRET, SESSION, T0 + 12_000, policy);
    expect(issued).toEqual({
      code: deriveCode(SECRET, SESSION, T0 / 30_000),
      step: T0 / 30_000,
      validFromMs: T0,
      expiresAtMs: T0 + 30_000,
      acceptedUntilMs: T0 + 40_000,
    });
  });
});

describe('checkCode', () => {
  const step = T0 / 30_000;
  const codeAt = (s: number, session = SESSION) => deriveCode(SECRET, session, s);

  it('accepts the current code anywhere in its step', () => {
    for (const offset of [0, 1, 15_000, 29_999]) {
      expect(checkCode(SECRET, SESSION, codeAt(step), T0 + offset, policy)).toEqual({ result: 'accepted', step, previousStep: false });
    }
  });

  it('accepts the previous code during the grace and not a millisecond after', () => {
    const previous = codeAt(step - 1);
    expect(checkCode(SECRET, SESSION, previous, T0, policy)).toEqual({ result: 'accepted', step: step - 1, previousStep: true });
    expect(checkCode(SECRET, SESSION, previous, T0 + 9_999, policy).result).toBe('accepted');
    expect(checkCode(SECRET, SESSION, previous, T0 + 10_000, policy)).toEqual({ result: 'expired' });
  });

  it('accepts no previous code when the grace is zero', () => {
    expect(checkCode(SECRET, SESSION, codeAt(step - 1), T0, { stepSeconds: 30, graceSeconds: 0 })).toEqual({ result: 'expired' });
  });

  it('reports older codes as expired, up to the look-back, and then as wrong', () => {
    const valid = new Set([codeAt(step), codeAt(step - 1)]);
    for (let back = 2; back <= EXPIRED_LOOKBACK_STEPS; back++) {
      if (valid.has(codeAt(step - back))) continue;
      expect(checkCode(SECRET, SESSION, codeAt(step - back), T0 + 5_000, policy)).toEqual({ result: 'expired' });
    }
    const ancient = codeAt(step - EXPIRED_LOOKBACK_STEPS - 5);
    const recent = new Set(Array.from({ length: EXPIRED_LOOKBACK_STEPS + 1 }, (_, back) => codeAt(step - back)));
    if (!recent.has(ancient)) expect(checkCode(SECRET, SESSION, ancient, T0 + 5_000, policy)).toEqual({ result: 'wrong' });
  });

  it('refuses a future code (the server is the clock)', () => {
    const next = codeAt(step + 1);
    if (next !== codeAt(step) && next !== codeAt(step - 1)) expect(checkCode(SECRET, SESSION, next, T0 + 1_000, policy).result).toBe('wrong');
  });

  it('refuses the code of another session', () => {
    const other = codeAt(step, OTHER_SESSION);
    expect(other).not.toBe(codeAt(step));
    expect(checkCode(SECRET, SESSION, other, T0 + 1_000, policy).result).not.toBe('accepted');
  });

  it('refuses a code made with another secret', () => {
    const forged = deriveCode('another-secret-another-secret-another', SESSION, step);
    expect(forged).not.toBe(codeAt(step));
    expect(checkCode(SECRET, SESSION, forged, T0 + 1_000, policy).result).not.toBe('accepted');
  });

  it('accepts what people type: full-width digits, spaces, a dash', () => {
    const code = codeAt(step);
    const fullWidth = [...code].map((d) => String.fromCodePoint(0xff10 + Number(d))).join('');
    for (const typed of [fullWidth, `${code.slice(0, 3)} ${code.slice(3)}`, `${code.slice(0, 3)}-${code.slice(3)}`, ` ${code}\n`]) {
      expect(checkCode(SECRET, SESSION, typed, T0 + 1_000, policy).result).toBe('accepted');
    }
  });

  it('calls anything that cannot be a code malformed', () => {
    for (const typed of ['', '12345', '1234567', '12a456', '１２３４５', '123456789', '12.456', '一二三四五六']) {
      expect(checkCode(SECRET, SESSION, typed, T0, policy)).toEqual({ result: 'malformed' });
    }
  });
});

describe('normalizeCode', () => {
  it('keeps six ASCII digits as they are', () => {
    expect(normalizeCode('012345')).toBe('012345');
    expect(normalizeCode('０１２　３４５')).toBe('012345');
  });
});
