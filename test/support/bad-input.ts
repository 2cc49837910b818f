import type { TestApp } from './test-app';

export type BadInputMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/**
 * One row of a bad-input table: the request, the caller's token (if any), the expected refusal and
 * any extra request headers. (Run rows with a rest parameter — `it.each(cases)('%s', (...c) => …)` —
 * or Jest takes an eighth declared parameter for a `done` callback.)
 */
export type BadInputCase = [
  name: string,
  method: BadInputMethod,
  path: () => string,
  body: unknown,
  token: () => string | undefined,
  status: number,
  code: string,
  headers?: Record<string, string>,
];

/** Sends a case and checks it is refused with its status and code in the error shape, and no stack. */
export async function expectRefused(t: TestApp, [, method, path, body, token, status, code, headers]: BadInputCase): Promise<void> {
  let req = t.http()[method](path());
  const tok = token();
  if (tok) req = req.set('Authorization', `Bearer ${tok}`);
  for (const [name, value] of Object.entries(headers ?? {})) req = req.set(name, value);
  const payload = typeof body === 'function' ? body() : body;
  const res = payload === undefined ? await req : await req.send(payload as object);
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(typeof res.body.message).toBe('string');
  expect(res.body.statusCode).toBe(status);
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}
