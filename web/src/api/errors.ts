import { errorMessage } from './error-messages';

/** An API refusal (`{ statusCode, code, message }`) or a failed network request (status null). */
export class ApiError extends Error {
  constructor(
    readonly status: number | null,
    readonly code: string | null,
    readonly body: unknown = null,
  ) {
    super(code ?? (status === null ? 'NETWORK_ERROR' : `HTTP_${status}`));
    this.name = 'ApiError';
  }

  /** The Chinese sentence to show (never the API's English `message`). */
  get userMessage(): string {
    return errorMessage(this.code, this.status);
  }

  static fromBody(status: number, body: unknown): ApiError {
    const code = body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : null;
    return new ApiError(status, code, body);
  }
}

/** The sentence for anything a page caught. */
export function userMessageOf(err: unknown): string {
  return err instanceof ApiError ? err.userMessage : errorMessage(null, null);
}
