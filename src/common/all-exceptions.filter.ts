import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { answerForDatabaseError } from './constraint-errors';
import { DomainError } from './domain-error';
import { CommonErrorCode } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [extra: string]: unknown;
}

const codeByStatus: Record<number, string> = {
  400: CommonErrorCode.ValidationFailed,
  401: CommonErrorCode.Unauthenticated,
  403: CommonErrorCode.Forbidden,
  404: CommonErrorCode.NotFound,
  405: CommonErrorCode.MethodNotAllowed,
  409: CommonErrorCode.Conflict,
  413: CommonErrorCode.PayloadTooLarge,
  415: CommonErrorCode.UnsupportedMediaType,
  429: CommonErrorCode.TooManyRequests,
  503: CommonErrorCode.ServiceUnavailable,
};

/** Connection-level failures (PostgreSQL restarting, unreachable, out of connections): the request may be retried. */
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const PG_UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection due to administrator command|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i;

function isDatabaseUnavailable(exception: unknown): boolean {
  const err = ((exception as { driverError?: unknown })?.driverError ?? exception) as { code?: unknown; message?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  if (typeof err.code === 'string' && (PG_UNAVAILABLE_CODES.has(err.code) || err.code.startsWith('08'))) return true;
  return typeof err.message === 'string' && PG_UNAVAILABLE_MESSAGE.test(err.message);
}

/**
 * One filter for the whole app: every error leaves as `{ statusCode, code, message }`.
 * Stacks are logged (with the request id) only for unexpected errors and never sent.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const { body, headers } = this.toBody(exception, req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request): { body: ErrorBody; headers: Record<string, string> } {
    if (exception instanceof DomainError) {
      return {
        body: { statusCode: exception.statusCode, code: exception.code, message: exception.message, ...exception.details },
        headers: exception.headers ?? {},
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const r = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      const code = typeof r.code === 'string' ? r.code : this.codeForHttp(status, exception);
      const message = this.messageOf(r.message ?? exception.message);
      const extra = typeof r.details === 'object' && r.details ? (r.details as Record<string, unknown>) : {};
      return { body: { statusCode: status, code, message, ...extra }, headers: {} };
    }
    const bodyParserError = this.bodyParserError(exception);
    if (bodyParserError) return { body: bodyParserError, headers: {} };
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error).message} (${req.method} ${req.originalUrl})`);
      return {
        body: { statusCode: 503, code: CommonErrorCode.DatabaseUnavailable, message: 'The database cannot be reached right now; retry shortly' },
        headers: { 'Retry-After': '2' },
      };
    }
    const mapped = answerForDatabaseError(exception);
    if (mapped) {
      // The caller's error, but one validation could have caught: worth a line to find which.
      const driver = ((exception as { driverError?: unknown }).driverError ?? exception) as { code?: string; constraint?: string };
      this.logger.warn(`database refused input (${driver.code}${driver.constraint ? ` ${driver.constraint}` : ''}) on ${req.method} ${req.originalUrl}`);
      return { body: { statusCode: mapped.status, code: mapped.code, message: mapped.message }, headers: {} };
    }
    this.logger.error(
      { err: exception, reqId: (req as Request & { id?: unknown }).id, method: req.method, url: req.originalUrl },
      'Unhandled error',
    );
    return {
      body: { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: CommonErrorCode.Internal, message: 'Internal server error' },
      headers: {},
    };
  }

  private codeForHttp(status: number, exception: HttpException): string {
    if (status === 404 && exception.message.startsWith('Cannot ')) return CommonErrorCode.RouteNotFound;
    // Our own 400s carry a code; an uncoded one is Nest's mapping of a body the JSON parser (or a
    // path the URI decoder) could not read.
    if (status === 400) return CommonErrorCode.MalformedBody;
    return codeByStatus[status] ?? (status >= 500 ? CommonErrorCode.Internal : 'HTTP_' + status);
  }

  private messageOf(m: unknown): string {
    if (Array.isArray(m)) return m.join('; ');
    return typeof m === 'string' ? m : 'Request failed';
  }

  /** Errors raised by the JSON/urlencoded parsers before any handler runs. */
  private bodyParserError(exception: unknown): ErrorBody | undefined {
    const e = exception as { type?: string; status?: number; expose?: boolean; message?: string };
    if (!e || typeof e !== 'object' || typeof e.type !== 'string' || typeof e.status !== 'number') return undefined;
    if (e.type === 'entity.too.deep') {
      return { statusCode: 400, code: CommonErrorCode.JsonTooDeep, message: e.message ?? 'The JSON body is nested too deeply' };
    }
    if (e.type === 'entity.too.large') {
      return { statusCode: 413, code: CommonErrorCode.PayloadTooLarge, message: 'Request body is too large' };
    }
    if (e.status >= 400 && e.status < 500) {
      return { statusCode: e.status, code: CommonErrorCode.MalformedBody, message: 'Request body could not be parsed' };
    }
    return undefined;
  }
}
