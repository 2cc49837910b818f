import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, hkdfSync, randomBytes } from 'node:crypto';
import { type CryptoKey, type JWK, calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8 } from 'jose';

/**
 * The issuer's Ed25519 signing keys. A key is known by its `kid`, the RFC 7638 thumbprint of its
 * public JWK, so the same key always has the same `kid`. The private key only ever leaves memory
 * wrapped: PKCS #8 encrypted with AES-256-GCM under a key derived (HKDF-SHA-256, fresh salt per
 * wrap) from a key-encryption secret that lives outside the database (an environment variable),
 * with the `kid` as associated data so a wrapped key cannot be passed off under another `kid`.
 */

export const SIGNING_ALG = 'EdDSA';
const WRAP_VERSION = 'v1';
const HKDF_INFO = 'lms certificate signing key v1';
/** The key-encryption secret must carry at least 256 bits, e.g. 32 random bytes in base64. */
export const MIN_KEY_ENCRYPTION_SECRET_BYTES = 32;

export interface PublicSigningJwk extends JWK {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof SIGNING_ALG;
  use: 'sig';
}

export interface SigningKey {
  kid: string;
  publicJwk: PublicSigningJwk;
  privateKey: CryptoKey;
}

async function publicJwkOf(jwk: JWK): Promise<PublicSigningJwk> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new TypeError('not an Ed25519 public key');
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: SIGNING_ALG, use: 'sig' };
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await publicJwkOf(await exportJWK(publicKey));
  return { kid: publicJwk.kid, publicJwk, privateKey };
}

/** A JWK Set for `/.well-known/jwks.json`: public parts only, whatever the caller passes in. */
export function toJwks(keys: Iterable<Pick<SigningKey, 'publicJwk'> | PublicSigningJwk>): { keys: PublicSigningJwk[] } {
  return {
    keys: Array.from(keys, (k) => {
      const jwk = 'publicJwk' in k ? k.publicJwk : k;
      return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: jwk.kid, alg: jwk.alg, use: jwk.use };
    }),
  };
}

function kek(secret: string | Uint8Array, salt: Uint8Array): Buffer {
  const ikm = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (ikm.length < MIN_KEY_ENCRYPTION_SECRET_BYTES) {
    throw new RangeError(`the key-encryption secret has ${ikm.length} bytes; it needs at least ${MIN_KEY_ENCRYPTION_SECRET_BYTES}`);
  }
  return Buffer.from(hkdfSync('sha256', ikm, salt, HKDF_INFO, 32));
}

function aad(kid: string): Buffer {
  return Buffer.from(`${WRAP_VERSION}:${kid}`, 'utf8');
}

/** `v1.<salt>.<iv>.<ciphertext>.<tag>` (base64url): what may be stored in the database. */
export async function wrapPrivateKey(key: Pick<SigningKey, 'kid' | 'privateKey'>, secret: string | Uint8Array): Promise<string> {
  const pkcs8 = Buffer.from(await exportPKCS8(key.privateKey), 'utf8');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek(secret, salt), iv);
  cipher.setAAD(aad(key.kid));
  const ciphertext = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  pkcs8.fill(0);
  return [WRAP_VERSION, salt, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/**
 * The signing key a `wrapPrivateKey` result holds. Throws when the secret or the `kid` is not
 * the one it was wrapped with, or the text was altered; the key it returns is checked to match
 * `kid`.
 */
export async function unwrapPrivateKey(wrapped: string, kid: string, secret: string | Uint8Array): Promise<SigningKey> {
  const parts = wrapped.split('.');
  if (parts.length !== 5 || parts[0] !== WRAP_VERSION || parts.slice(1).some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw new TypeError('not a wrapped signing key');
  }
  const [salt, iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  if (iv.length !== 12 || tag.length !== 16) throw new TypeError('not a wrapped signing key');
  const decipher = createDecipheriv('aes-256-gcm', kek(secret, salt), iv);
  decipher.setAAD(aad(kid));
  decipher.setAuthTag(tag);
  let pkcs8: Buffer;
  try {
    pkcs8 = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new Error(`the signing key ${kid} does not unwrap: wrong secret, wrong kid or altered text`);
  }
  const pem = pkcs8.toString('utf8');
  pkcs8.fill(0);
  const publicJwk = await publicJwkOf(createPublicKey(createPrivateKey(pem)).export({ format: 'jwk' }) as JWK);
  if (publicJwk.kid !== kid) throw new Error(`the unwrapped key's thumbprint is ${publicJwk.kid}, not ${kid}`);
  const privateKey = await importPKCS8(pem, SIGNING_ALG, { extractable: true });
  return { kid, publicJwk, privateKey };
}
