// Laws of the rotating codes, checked with fast-check over secrets, sessions, times and policies.
import fc from 'fast-check';
import { type CodePolicy, checkCode, deriveCode, issueCode, normalizeCode, stepStartMs, timeStep } from './code';
import { checkScreenLink, signScreenLink } from './link';

const secretArb = fc.string({ minLength: 32, maxLength: 64 });
const sessionArb = fc.uuid();
/** Epoch ms between 2020 and 2040. */
const nowArb = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) });
const policyArb: fc.Arbitrary<CodePolicy> = fc
  .integer({ min: 10, max: 300 })
  .chain((stepSeconds) => fc.record({ stepSeconds: fc.constant(stepSeconds), graceSeconds: fc.integer({ min: 0, max: stepSeconds }) }));

describe('rotating check-in codes: laws', () => {
  it('a code is always six ASCII digits', () => {
    fc.assert(fc.property(secretArb, sessionArb, fc.integer({ min: 0, max: 2 ** 40 }), (secret, session, step) => /^\d{6}$/.test(deriveCode(secret, session, step))));
  });

  it('the code shown now is accepted until the next one appears, by any replica', () => {
    fc.assert(
      fc.property(secretArb, sessionArb, nowArb, policyArb, fc.double({ min: 0, max: 1, noNaN: true }), (secret, session, now, policy, fraction) => {
        const issued = issueCode(secret, session, now, policy);
        const later = Math.min(issued.expiresAtMs - 1, now + Math.floor(fraction * (issued.expiresAtMs - now)));
        return checkCode(secret, session, issued.code, later, policy).result === 'accepted';
      }),
    );
  });

  it('a code is accepted exactly when it is the current one, or the previous one within the grace', () => {
    fc.assert(
      fc.property(secretArb, sessionArb, nowArb, policyArb, fc.integer({ min: -3, max: 12 }), (secret, session, now, policy, back) => {
        const step = timeStep(now, policy.stepSeconds);
        const candidate = deriveCode(secret, session, step - back);
        const current = deriveCode(secret, session, step);
        const inGrace = now - stepStartMs(step, policy.stepSeconds) < policy.graceSeconds * 1000;
        const previous = deriveCode(secret, session, step - 1);
        const shouldAccept = candidate === current || (inGrace && candidate === previous);
        return (checkCode(secret, session, candidate, now, policy).result === 'accepted') === shouldAccept;
      }),
    );
  });

  it('the code shown now stops being accepted when its grace has run out', () => {
    fc.assert(
      fc.property(secretArb, sessionArb, nowArb, policyArb, (secret, session, now, policy) => {
        const issued = issueCode(secret, session, now, policy);
        const at = issued.acceptedUntilMs;
        // Unless it happens to equal one of the codes valid at that moment (odds about 2 in a million).
        const stillValid = [deriveCode(secret, session, timeStep(at, policy.stepSeconds)), deriveCode(secret, session, timeStep(at, policy.stepSeconds) - 1)];
        fc.pre(!stillValid.includes(issued.code));
        return checkCode(secret, session, issued.code, at, policy).result !== 'accepted';
      }),
    );
  });

  it('typing a code with spaces or full-width digits normalises to the code', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.array(fc.constantFrom('', ' ', '　', '-'), { minLength: 7, maxLength: 7 }), (digits, wide, gaps) => {
        const typed = digits.map((d, i) => gaps[i] + (wide[i] ? String.fromCodePoint(0xff10 + d) : String(d))).join('') + gaps[6];
        return normalizeCode(typed) === digits.join('');
      }),
    );
  });

  it('a screen link is valid until it expires, and any change to it invalidates it', () => {
    fc.assert(
      fc.property(secretArb, sessionArb, nowArb, fc.integer({ min: 1, max: 86_400 }), fc.integer({ min: 0, max: 42 }), (secret, session, now, ttl, position) => {
        const exp = Math.floor(now / 1000) + ttl;
        const sig = signScreenLink(secret, session, exp);
        const flipped = sig.slice(0, position % sig.length) + (sig[position % sig.length] === 'A' ? 'B' : 'A') + sig.slice((position % sig.length) + 1);
        return (
          checkScreenLink(secret, session, exp, sig, now) === 'valid' &&
          checkScreenLink(secret, session, exp, sig, exp * 1000) === 'expired' &&
          checkScreenLink(secret, session, exp + 1, sig, now) === 'invalid' &&
          checkScreenLink(secret, session, exp, flipped, now) === 'invalid'
        );
      }),
    );
  });
});
