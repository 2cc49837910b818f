import { DomainError } from './domain-error';

/** Codes the platform itself produces (contexts add their own in `<context>.errors.ts`). */
export const CommonErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedBody: 'MALFORMED_BODY',
  JsonTooDeep: 'JSON_TOO_DEEP',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Conflict: 'CONFLICT',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  Internal: 'INTERNAL_ERROR',
  /** A reviewer's score outside 0..max (both reviewing contexts, grading and training, answer with it). */
  ReviewScoreOutOfRange: 'REVIEW_SCORE_OUT_OF_RANGE',
  /** A row of an imported file that repeats an earlier row's key (user CSV in identity, question CSV in assessment). */
  DuplicateInFile: 'DUPLICATE_IN_FILE',
} as const;

/** A body of a media type the route does not read (415). */
export const unsupportedMediaType = (message: string) => new DomainError(CommonErrorCode.UnsupportedMediaType, 415, message);
