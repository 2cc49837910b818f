import type { TestApp } from './test-app';

export type BadInputMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** One row of a bad-input table: the request, the caller's token (if any) and the expected refusal. */
export type BadInputCase = [name: string, method: BadInputMethod, path: () => string, body: unknown, token: () => string | undefined, status: number, code: string];

/** Sends a case and checks it is refused with its status and code in the error shape, and no stack. */
export async function expectRefused(t: TestApp, [, method, path, body, token, status, code]: BadInputCase): Promise<void> {
  let req = t.http()[method](path());
  const tok = token();
  if (tok) req = req.set('Authorization', `Bearer ${tok}`);
  const payload = typeof body === 'function' ? body() : body;
  const res = payload === undefined ? await req : await req.send(payload as object);
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(typeof res.body.message).toBe('string');
  expect(res.body.statusCode).toBe(status);
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}
