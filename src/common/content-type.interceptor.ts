import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from './domain-error';
import { unsupportedMediaType } from './error-codes';

const JSON_ONLY = ['application/json'];
const CONSUMES = 'lms:consumes';

const REFUSAL = 'lms:consumes-refusal';

/**
 * `@Consumes('text/csv')`: the body types a route reads, for both the OpenAPI document and the
 * check below. Routes without it read JSON. `refusal` makes the context's own 415 (with its code)
 * instead of the common UNSUPPORTED_MEDIA_TYPE.
 */
export const Consumes = (types: string | string[], refusal?: () => DomainError) => {
  const list = [types].flat();
  return applyDecorators(ApiConsumes(...list), SetMetadata(CONSUMES, list), SetMetadata(REFUSAL, refusal));
};

function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';', 1)[0].trim().toLowerCase();
  return type ? type : undefined;
}

function accepts(declared: string[], type: string): boolean {
  return declared.some((d) => d === type || (d === 'application/json' && /^application\/[a-z0-9.+-]+\+json$/.test(type)));
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * A request body must be of a type its route reads: JSON unless the route declares others with
 * `@Consumes(...)` (which is also what the OpenAPI document shows). Anything else is 415
 * UNSUPPORTED_MEDIA_TYPE instead of an empty or string body reaching validation. An interceptor, so
 * that it runs after the guards: who may call a route is answered (401/403) before what it reads.
 */
@Injectable()
export class ContentTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') this.check(ctx);
    return next.handle();
  }

  private check(ctx: ExecutionContext): void {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!hasBody(req)) return;
    const declared =
      this.reflector.getAllAndOverride<string[] | undefined>(CONSUMES, [ctx.getHandler(), ctx.getClass()]) ?? JSON_ONLY;
    const type = mediaTypeOf(req.headers['content-type']);
    if (type && accepts(declared, type)) return;
    const refusal = this.reflector.get<(() => DomainError) | undefined>(REFUSAL, ctx.getHandler());
    if (refusal) throw refusal();
    throw unsupportedMediaType(`This route reads ${declared.join(' or ')}; got ${type ?? 'a body without Content-Type'}`);
  }
}
