import {
  type JSONWebKeySet,
  type JWTPayload,
  type ProtectedHeaderParameters,
  SignJWT,
  createLocalJWKSet,
  jwtVerify,
} from 'jose';
import { SIGNING_ALG, type SigningKey } from './signing-key';
import { VC_V2_CONTEXT } from './vc';

/**
 * Credentials secured as VC-JWT (W3C VC-JOSE-COSE): a JWS compact serialisation whose payload is
 * the credential itself, with the header `alg: EdDSA`, the signing key's `kid` and
 * `typ: vc+jwt`. Verification takes the issuer's published JWK Set, so keys rotated out of
 * signing but still published keep verifying what they signed.
 */

export const VC_JWT_TYP = 'vc+jwt';

export interface VerifiableCredentialShape {
  '@context': readonly string[];
  type: readonly string[];
  issuer: string | { id: string };
  validFrom?: string;
  validUntil?: string;
}

export async function signCredentialJwt(credential: VerifiableCredentialShape, key: Pick<SigningKey, 'kid' | 'privateKey'>): Promise<string> {
  return new SignJWT(credential as unknown as JWTPayload)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: VC_JWT_TYP })
    .sign(key.privateKey);
}

export interface VerifiedCredential<T> {
  credential: T;
  header: ProtectedHeaderParameters;
  kid: string;
  /** Whether `at` (default: now) lies within `validFrom`..`validUntil`. */
  withinValidity: boolean;
}

export interface VerifyCredentialOptions {
  /** A type the credential must have besides `VerifiableCredential`, e.g. `OpenBadgeCredential`. */
  expectedType?: string;
  /** The issuer id the credential must name. */
  expectedIssuer?: string;
  /** The moment the validity period is checked against; defaults to now. */
  at?: Date;
}

export class CredentialVerificationError extends Error {
  /** jose's error code when the JWS itself failed (`ERR_JWS_SIGNATURE_VERIFICATION_FAILED` …), else `ERR_VC_SHAPE`. */
  readonly code: string;

  constructor(message: string, code = 'ERR_VC_SHAPE', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CredentialVerificationError';
    this.code = code;
  }
}

/**
 * The credential of a VC-JWT whose signature verifies against `jwks`. Throws a
 * `CredentialVerificationError` for a bad signature, an unknown `kid`, another `alg` or `typ`, or a
 * payload that is not a VC 2.0 credential of the expected type and issuer. An expired credential
 * still verifies (it was genuinely issued); `withinValidity` says whether it is current.
 */
export async function verifyCredentialJwt<T extends VerifiableCredentialShape = VerifiableCredentialShape>(
  jwt: string,
  jwks: JSONWebKeySet,
  options: VerifyCredentialOptions = {},
): Promise<VerifiedCredential<T>> {
  let payload: JWTPayload;
  let header: ProtectedHeaderParameters;
  try {
    ({ payload, protectedHeader: header } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      algorithms: [SIGNING_ALG],
      typ: VC_JWT_TYP,
    }));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CredentialVerificationError(
      `the credential's signature does not verify: ${(error as Error).message}`,
      typeof code === 'string' ? code : 'ERR_JWS_INVALID',
      { cause: error },
    );
  }
  if (!header.kid) throw new CredentialVerificationError('the credential names no kid');
  const credential = payload as unknown as T;
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) {
    throw new CredentialVerificationError(`the credential's first @context is not ${VC_V2_CONTEXT}`);
  }
  const types = credential.type;
  if (!Array.isArray(types) || !types.includes('VerifiableCredential')) {
    throw new CredentialVerificationError('the payload is not a VerifiableCredential');
  }
  if (options.expectedType && !types.includes(options.expectedType)) {
    throw new CredentialVerificationError(`the credential is not a ${options.expectedType}`);
  }
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
  if (options.expectedIssuer && issuer !== options.expectedIssuer) {
    throw new CredentialVerificationError(`the credential's issuer is ${issuer}, not ${options.expectedIssuer}`);
  }
  const at = (options.at ?? new Date()).getTime();
  const from = credential.validFrom ? Date.parse(credential.validFrom) : Number.NEGATIVE_INFINITY;
  const until = credential.validUntil ? Date.parse(credential.validUntil) : Number.POSITIVE_INFINITY;
  if (Number.isNaN(from) || Number.isNaN(until)) throw new CredentialVerificationError('validFrom or validUntil is not a date');
  return { credential, header, kid: header.kid, withinValidity: from <= at && at < until };
}
