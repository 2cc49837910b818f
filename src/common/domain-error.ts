/**
 * The base of every error a bounded context throws on purpose. Each context
 * declares its codes in `<context>.errors.ts`; the global filter turns them into
 * `{ statusCode, code, message }`. Services throw these, never HTTP exceptions.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    /** Extra fields merged into the response body (e.g. a per-row report). */
    readonly details?: Record<string, unknown>,
    /** Response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
