export { MAX_SERIAL_NUMBER, MAX_SERIAL_YEAR, MIN_SERIAL_YEAR, type ParsedSerial, formatSerial, isSerialTierCode, parseSerial } from './serial';
export { maskName } from './mask-name';
export { type CredentialIssuer, OPEN_BADGES_V3_CONTEXT, VC_V2_CONTEXT, issuerProfile, toXsdDateTime } from './vc';
export {
  type CertificateEvidence,
  type OpenBadgeCredential,
  type OpenBadgeCredentialInput,
  type TierAchievement,
  buildOpenBadgeCredential,
} from './open-badge';
export {
  MIN_KEY_ENCRYPTION_SECRET_BYTES,
  type PublicSigningJwk,
  SIGNING_ALG,
  type SigningKey,
  generateSigningKey,
  toJwks,
  unwrapPrivateKey,
  wrapPrivateKey,
} from './signing-key';
export {
  CredentialVerificationError,
  VC_JWT_TYP,
  type VerifiableCredentialShape,
  type VerifiedCredential,
  type VerifyCredentialOptions,
  signCredentialJwt,
  verifyCredentialJwt,
} from './vc-jwt';
export {
  type BitstringStatusListCredential,
  type BitstringStatusListEntry,
  MAX_STATUS_LIST_BYTES,
  MIN_STATUS_LIST_BITS,
  type StatusListCredentialInput,
  type StatusPurpose,
  buildBitstring,
  buildStatusListCredential,
  decodeStatusList,
  encodeBitstring,
  encodeStatusList,
  isBitSet,
  setIndices,
  statusApplies,
  statusListEntry,
} from './status-list';
export { formatChineseDate } from './chinese-date';
export {
  CERTIFICATE_QR_ERROR_CORRECTION,
  type CertificateFontSource,
  type CertificateFonts,
  type CertificatePdfInput,
  type CertificateRenderer,
  type CertificateRendererOptions,
  DEFAULT_CERTIFICATE_FONTS,
  createCertificateRenderer,
  renderCertificatePdf,
} from './pdf';
