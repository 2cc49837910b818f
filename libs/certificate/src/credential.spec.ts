import { type JWTPayload, SignJWT, decodeProtectedHeader } from 'jose';
import { type OpenBadgeCredential, buildOpenBadgeCredential } from './open-badge';
import { generateSigningKey, toJwks, unwrapPrivateKey, wrapPrivateKey } from './signing-key';
import { buildStatusListCredential, statusApplies, statusListEntry } from './status-list';
import { issuerProfile } from './vc';
import { CredentialVerificationError, signCredentialJwt, verifyCredentialJwt } from './vc-jwt';

const BASE = 'https://lms.example.cn';
const LIST_URL = `${BASE}/api/public/status-lists/1`;
const SECRET = 'k'.repeat(16) + '0123456789abcdef0123456789abcdef';
const issuer = issuerProfile(BASE, '客户体验官孵化基地', BASE);

function credential(overrides: { validUntil?: Date | null; index?: number } = {}): OpenBadgeCredential {
  return buildOpenBadgeCredential({
    id: 'urn:uuid:0b4a6a0e-8f51-4c1c-9a7e-5d1c2f3e4a5b',
    issuer,
    achievement: {
      id: `${BASE}/api/certification/tiers/cxo-1`,
      tierCode: 'cxo-1',
      name: '阿里巴巴一段客户体验官',
      description: '具备客户体验官一段所需的服务知识与实务技能。',
      criteria: '实务技巧学时满 40 小时，一段认证考试 80 分及以上。',
    },
    holder: { name: '张小三' },
    serial: 'CXO1-2022-000094',
    validFrom: new Date('2022-07-01T00:00:00Z'),
    validUntil: overrides.validUntil === undefined ? new Date('2025-07-01T00:00:00Z') : overrides.validUntil,
    evidence: {
      ruleVersion: 3,
      facts: { hours: { practice: 42 }, bestTierExamScore: 86 },
      narrative: '按第 3 版认证规则核验通过',
    },
    credentialStatus: statusListEntry(LIST_URL, overrides.index ?? 94),
  });
}

describe('OpenBadgeCredential', () => {
  it('has the VC 2.0 and Open Badges 3.0 shape', () => {
    const vc = credential();
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer).toEqual({ id: BASE, type: ['Profile'], name: '客户体验官孵化基地', url: BASE });
    expect(vc.validFrom).toBe('2022-07-01T00:00:00Z');
    expect(vc.validUntil).toBe('2025-07-01T00:00:00Z');
    expect(vc.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(vc.credentialSubject.identifier[0]).toEqual({
      type: 'IdentityObject',
      identityType: 'name',
      hashed: false,
      identityHash: '张小三',
    });
    expect(vc.credentialSubject.achievement).toMatchObject({
      type: ['Achievement'],
      name: '阿里巴巴一段客户体验官',
      criteria: { narrative: expect.stringContaining('80 分') },
    });
    expect(vc.evidence[0]).toMatchObject({ type: ['Evidence'], ruleVersion: 3, facts: { bestTierExamScore: 86 } });
    expect(vc.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusListCredential: LIST_URL,
      statusListIndex: '94',
    });
    expect(vc.serial).toBe('CXO1-2022-000094');
  });

  it('has no validUntil when the certificate does not expire', () => {
    expect(credential({ validUntil: null })).not.toHaveProperty('validUntil');
  });

  it('refuses an expiry before the issue date and a rule version below 1', () => {
    expect(() => credential({ validUntil: new Date('2022-06-30T00:00:00Z') })).toThrow(RangeError);
    expect(() =>
      buildOpenBadgeCredential({
        id: 'urn:uuid:x',
        issuer,
        achievement: { id: 'x', tierCode: 'cxo-1', name: 'x', description: 'x', criteria: 'x' },
        holder: { name: 'x' },
        serial: 'CXO1-2022-000001',
        validFrom: new Date(),
        evidence: { ruleVersion: 0, facts: {} },
        credentialStatus: statusListEntry(LIST_URL, 1),
      }),
    ).toThrow(RangeError);
  });
});

describe('VC-JWT', () => {
  it('signs with EdDSA, the kid and typ vc+jwt, the payload being the credential', async () => {
    const key = await generateSigningKey();
    const vc = credential();
    const jwt = await signCredentialJwt(vc, key);
    expect(jwt.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt' });
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
    expect(payload).toEqual(vc);
  });

  it('verifies against the published JWK Set', async () => {
    const key = await generateSigningKey();
    const jwt = await signCredentialJwt(credential(), key);
    const verified = await verifyCredentialJwt<OpenBadgeCredential>(jwt, toJwks([key]), {
      expectedType: 'OpenBadgeCredential',
      expectedIssuer: BASE,
      at: new Date('2023-01-01T00:00:00Z'),
    });
    expect(verified.kid).toBe(key.kid);
    expect(verified.withinValidity).toBe(true);
    expect(verified.credential.credentialSubject.identifier[0].identityHash).toBe('张小三');
  });

  it('reports an expired credential as genuine but not within its validity', async () => {
    const key = await generateSigningKey();
    const jwt = await signCredentialJwt(credential(), key);
    const verified = await verifyCredentialJwt(jwt, toJwks([key]), { at: new Date('2025-07-01T00:00:00Z') });
    expect(verified.withinValidity).toBe(false);
    const before = await verifyCredentialJwt(jwt, toJwks([key]), { at: new Date('2022-06-30T23:59:59Z') });
    expect(before.withinValidity).toBe(false);
  });

  it('refuses a tampered credential', async () => {
    const key = await generateSigningKey();
    const jwt = await signCredentialJwt(credential(), key);
    const [header, payload, signature] = jwt.split('.');
    const altered = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    altered.credentialSubject.identifier[0].identityHash = '李四';
    const forged = [header, Buffer.from(JSON.stringify(altered)).toString('base64url'), signature].join('.');
    await expect(verifyCredentialJwt(forged, toJwks([key]))).rejects.toMatchObject({
      name: 'CredentialVerificationError',
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
    const flipped = signature[0] === 'A' ? 'B' + signature.slice(1) : 'A' + signature.slice(1);
    await expect(verifyCredentialJwt([header, payload, flipped].join('.'), toJwks([key]))).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('refuses a credential signed by a key that is not published', async () => {
    const [published, other] = [await generateSigningKey(), await generateSigningKey()];
    const jwt = await signCredentialJwt(credential(), other);
    await expect(verifyCredentialJwt(jwt, toJwks([published]))).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    // Even when the forger reuses a published kid.
    const spoofed = await signCredentialJwt(credential(), { kid: published.kid, privateKey: other.privateKey });
    await expect(verifyCredentialJwt(spoofed, toJwks([published]))).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('refuses another typ, alg none, a wrong type or issuer', async () => {
    const key = await generateSigningKey();
    const jwt = await signCredentialJwt(credential(), key);
    const payload = jwt.split('.')[1];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url')}.${payload}.`;
    await expect(verifyCredentialJwt(none, toJwks([key]))).rejects.toThrow(CredentialVerificationError);
    await expect(verifyCredentialJwt(none, toJwks([key]))).rejects.not.toMatchObject({ code: 'ERR_VC_SHAPE' });
    const plainJwt = await new SignJWT(credential() as unknown as JWTPayload)
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
    await expect(verifyCredentialJwt(plainJwt, toJwks([key]))).rejects.toThrow(/"typ"/);
    await expect(verifyCredentialJwt(jwt, toJwks([key]), { expectedType: 'BitstringStatusListCredential' })).rejects.toThrow(
      /not a BitstringStatusListCredential/,
    );
    await expect(verifyCredentialJwt(jwt, toJwks([key]), { expectedIssuer: 'https://evil.example' })).rejects.toThrow(
      /issuer/,
    );
  });

  it('still verifies a credential signed before a key rotation while the old public key is published', async () => {
    const oldKey = await generateSigningKey();
    const before = await signCredentialJwt(credential(), oldKey);
    const newKey = await generateSigningKey();
    const after = await signCredentialJwt(credential({ index: 95 }), newKey);
    const jwks = toJwks([newKey, oldKey]);
    expect((await verifyCredentialJwt(before, jwks)).kid).toBe(oldKey.kid);
    expect((await verifyCredentialJwt(after, jwks)).kid).toBe(newKey.kid);
    // Once the old key is withdrawn, its credentials no longer verify.
    await expect(verifyCredentialJwt(before, toJwks([newKey]))).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });

  it('secures the status list credential the same way, and it shows the revocation', async () => {
    const key = await generateSigningKey();
    const vc = credential({ index: 94 });
    const list = buildStatusListCredential({ url: LIST_URL, issuer, setIndices: [94], validFrom: new Date() });
    const verified = await verifyCredentialJwt<typeof list>(await signCredentialJwt(list, key), toJwks([key]), {
      expectedType: 'BitstringStatusListCredential',
    });
    expect(statusApplies(vc.credentialStatus, verified.credential)).toBe(true);
    expect(statusApplies(credential({ index: 93 }).credentialStatus, verified.credential)).toBe(false);
  });
});

describe('signing keys', () => {
  it('names a key by the thumbprint of its public JWK and publishes only public parts', async () => {
    const key = await generateSigningKey();
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: key.kid, alg: 'EdDSA', use: 'sig' });
    const jwks = toJwks([{ publicJwk: { ...key.publicJwk, d: 'secret' } as typeof key.publicJwk }]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('wraps the private key so that it is not readable, and unwraps it to a key that signs', async () => {
    const key = await generateSigningKey();
    const wrapped = await wrapPrivateKey(key, SECRET);
    expect(wrapped).toMatch(/^v1(\.[A-Za-z0-9_-]+){4}$/);
    expect(wrapped).not.toContain('PRIVATE KEY');
    expect(await wrapPrivateKey(key, SECRET)).not.toBe(wrapped);
    const unwrapped = await unwrapPrivateKey(wrapped, key.kid, SECRET);
    expect(unwrapped.publicJwk).toEqual(key.publicJwk);
    const jwt = await signCredentialJwt(credential(), unwrapped);
    expect((await verifyCredentialJwt(jwt, toJwks([key]))).kid).toBe(key.kid);
  });

  it('refuses to unwrap with another secret, under another kid, or altered', async () => {
    const [key, other] = [await generateSigningKey(), await generateSigningKey()];
    const wrapped = await wrapPrivateKey(key, SECRET);
    await expect(unwrapPrivateKey(wrapped, key.kid, SECRET.replace('k', 'j'))).rejects.toThrow(/does not unwrap/);
    await expect(unwrapPrivateKey(wrapped, other.kid, SECRET)).rejects.toThrow(/does not unwrap/);
    const parts = wrapped.split('.');
    parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
    await expect(unwrapPrivateKey(parts.join('.'), key.kid, SECRET)).rejects.toThrow(/does not unwrap/);
    await expect(unwrapPrivateKey('v1.a.b.c', key.kid, SECRET)).rejects.toThrow(TypeError);
  });

  it('refuses a key-encryption secret shorter than 32 bytes', async () => {
    const key = await generateSigningKey();
    await expect(wrapPrivateKey(key, 'short secret')).rejects.toThrow(RangeError);
  });
});
