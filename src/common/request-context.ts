import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** What a service may want to know about the request it runs for, without threading it through every call. */
interface RequestContext {
  res: Response;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Express middleware, mounted first: every handler below runs inside its request's context. */
export function requestContextMiddleware(_req: Request, res: Response, next: NextFunction): void {
  storage.run({ res }, next);
}

/** The id the logger gave this request (echoed as X-Request-Id), or null outside a request (CLI, jobs). */
export function currentRequestId(): string | null {
  const id = storage.getStore()?.res.getHeader('X-Request-Id');
  return typeof id === 'string' ? id : null;
}
