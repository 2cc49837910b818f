import createClient from 'openapi-fetch';
import { ApiError } from './errors';
import type { paths } from './schema';

/** Supplies the access token and renews it once when the API answers 401 (set by auth/session.ts). */
export interface TokenSource {
  accessToken(): string | null;
  /** Renews the tokens; resolves false when the login has ended (the session is then cleared). */
  renew(): Promise<boolean>;
}

let tokens: TokenSource = { accessToken: () => null, renew: async () => false };

export function setTokenSource(source: TokenSource): void {
  tokens = source;
}

const NO_RENEW = ['/api/auth/login', '/api/auth/refresh', '/api/auth/logout'];

/**
 * fetch with the bearer token; on a 401 the tokens are renewed once and the request is sent again.
 * Usable directly for requests openapi-fetch does not fit (uploads with progress use XHR instead).
 */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = (req: Request) => {
    const token = tokens.accessToken();
    if (token) req.headers.set('Authorization', `Bearer ${token}`);
    return fetch(req);
  };
  const res = await send(input);
  if (res.status !== 401 || NO_RENEW.includes(new URL(input.url).pathname)) return res;
  if (!(await tokens.renew())) return res;
  return send(retry);
}

/**
 * Answers to GETs a first load sent before its page's code had arrived (`earlyApi`), by URL. The
 * page's own identical GET takes the answer instead of asking again; one not taken soon is
 * dropped, so a page never shows an old answer.
 */
const earlyAnswers = new Map<string, Promise<Response>>();
const EARLY_ANSWER_TTL_MS = 15_000;

function takeEarlyAnswer(req: Request): Promise<Response> | null {
  const kept = req.method === 'GET' ? earlyAnswers.get(req.url) : undefined;
  if (!kept) return null;
  earlyAnswers.delete(req.url);
  return kept;
}

/** The typed client: paths, parameters and bodies come from the app's OpenAPI document (schema.d.ts). */
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: (req) => takeEarlyAnswer(req) ?? authFetch(req) });

export type ApiClient = typeof api;

/**
 * The same client for GETs sent ahead of their page (the shell, on a first load): each answer is
 * kept for the page's identical call through `api`, which reads the body; this caller gets a copy.
 */
export const earlyApi: ApiClient = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: (req) => {
    const response = authFetch(req);
    earlyAnswers.set(req.url, response);
    setTimeout(() => earlyAnswers.get(req.url) === response && earlyAnswers.delete(req.url), EARLY_ANSWER_TTL_MS);
    return response.then((res) => res.clone());
  },
});

type FetchResult = { data?: unknown; error?: unknown; response: Response };

/**
 * The body of a successful answer, or an ApiError (network failure included).
 * `unwrap(api.GET(...))` infers the type from schema.d.ts; `unwrap<SomeView>(...)` names it
 * while the operation does not declare its response (see views.ts).
 */
export async function unwrap<T = never, R extends FetchResult = FetchResult>(
  call: Promise<R>,
): Promise<[T] extends [never] ? NonNullable<R['data']> : T> {
  let result: R;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(null, null);
  }
  if (!result.response.ok) throw ApiError.fromBody(result.response.status, result.error);
  return result.data as [T] extends [never] ? NonNullable<R['data']> : T;
}
