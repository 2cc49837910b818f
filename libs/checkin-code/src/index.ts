export {
  CODE_DIGITS,
  EXPIRED_LOOKBACK_STEPS,
  type CodeCheck,
  type CodePolicy,
  type IssuedCode,
  checkCode,
  deriveCode,
  issueCode,
  normalizeCode,
  stepStartMs,
  timeStep,
  truncateToDigits,
} from './code';
export { type LinkCheck, checkScreenLink, signScreenLink } from './link';
