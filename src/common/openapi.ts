import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CommonErrorCode } from './error-codes';

/**
 * What every error response looks like (see all-exceptions.filter.ts). Some codes add fields
 * of their own (a per-row report, the seconds to wait), which `additionalProperties` allows.
 */
export class ApiErrorBody {
  @ApiProperty({ description: 'The HTTP status, repeated', example: 404 })
  statusCode!: number;

  @ApiProperty({ description: 'A stable machine-readable code: pages choose what to show by it', example: CommonErrorCode.NotFound })
  code!: string;

  @ApiProperty({ description: 'An English sentence for developers and logs, never shown to users as is' })
  message!: string;

  @ApiPropertyOptional({ description: 'Per-field problems (VALIDATION_FAILED) or per-row problems (CSV imports)', type: 'array', items: { type: 'object', additionalProperties: true } })
  errors?: Array<Record<string, unknown>>;
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 416 | 422 | 423 | 429 | 503;
/** For each status a route can answer with, the codes it may carry (from the contexts' code enums). */
export type ErrorCodesByStatus = Partial<Record<ErrorStatus, readonly string[]>>;

const STATUS_TEXT: Record<ErrorStatus, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable',
  422: 'Unprocessable',
  423: 'Locked',
  429: 'Too many requests',
  503: 'Unavailable',
};

function errorResponse(status: ErrorStatus, codes: readonly string[]): ResponseObject {
  const unique = [...new Set(codes)].sort();
  return {
    description: `${STATUS_TEXT[status]}: ${unique.join(', ')}`,
    content: {
      'application/json': {
        schema: { allOf: [{ $ref: getSchemaPath(ApiErrorBody) }, { type: 'object', properties: { code: { type: 'string', enum: unique } } }] },
      },
    },
  };
}

/**
 * The error responses a route gives beyond the ones every route shares (which `describeApiDocument`
 * adds: 400 VALIDATION_FAILED for routes with input, 401/403 for routes that need a login).
 */
export function ApiErrors(codes: ErrorCodesByStatus): MethodDecorator & ClassDecorator {
  const decorators = (Object.entries(codes) as Array<[string, readonly string[]]>).map(([status, list]) => {
    const response = errorResponse(Number(status) as ErrorStatus, list);
    return ApiResponse({ status: Number(status), description: response.description, content: response.content });
  });
  return applyDecorators(ApiExtraModels(ApiErrorBody), ...decorators);
}


const TAG_DESCRIPTIONS: Record<string, string> = {
  admin: 'Administration: audit log, background jobs',
  attendance: 'Class sessions, QR check-in, attendance rules and reports',
  auth: 'Sign in and out, sessions, one’s own password',
  authoring: 'Trainers and admins write courses, modules and lessons, publish and enroll',
  catalog: 'Course systems and courses as students and staff see them',
  certification: 'Tiers, eligibility, certificates and their PDFs',
  exams: 'Exams, attempts and their answers',
  health: 'Liveness and readiness probes',
  hours: 'Study hours: the ledger, totals per course system, manual credits',
  jobs: 'Background job queue',
  learning: 'Playback sessions, heartbeats and lesson progress',
  media: 'Video uploads and streams',
  public: 'Pages and documents anyone may open: certificate verification',
  'question banks': 'Question banks and their questions, CSV import and export',
  review: 'Trainers grade open answers and correct answer keys',
  training: 'Customer-service drills: scenarios, submissions and reviews',
  users: 'Accounts, cohorts and CSV import',
};

function mergeError(op: OperationObject, status: ErrorStatus, codes: readonly string[]): void {
  const key = String(status);
  const existing = op.responses[key] as ResponseObject | undefined;
  const schema = existing?.content?.['application/json']?.schema as SchemaObject | undefined;
  const known = (schema?.allOf?.[1] as SchemaObject | undefined)?.properties?.code as SchemaObject | undefined;
  op.responses[key] = errorResponse(status, [...((known?.enum as string[] | undefined) ?? []), ...codes]);
}

/**
 * Completes what the decorators leave to the document as a whole: the shared error responses,
 * descriptions of the tags. `guardErrors`: what the auth guard answers on routes that need a login.
 */
export function describeApiDocument(document: OpenAPIObject, guardErrors: ErrorCodesByStatus): OpenAPIObject {
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const op = item[method];
      if (!op) continue;
      for (const tag of op.tags ?? []) used.add(tag);
      const hasInput = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
      if (hasInput) mergeError(op, 400, [CommonErrorCode.ValidationFailed]);
      if (op.requestBody !== undefined) mergeError(op, 400, [CommonErrorCode.MalformedBody, CommonErrorCode.JsonTooDeep]);
      const secured = (op.security ?? document.security ?? []).some((s) => Object.keys(s).length > 0);
      if (!secured) op.security = []; // public: says so, rather than leaving it unsaid
      if (secured) for (const [status, codes] of Object.entries(guardErrors)) mergeError(op, Number(status) as ErrorStatus, codes ?? []);
    }
  }
  document.tags = [...used].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  return document;
}

type ViewClass = new (...args: never[]) => unknown;
const pageClasses = new Map<ViewClass, ViewClass>();

/** A concrete `{ items, total }` schema class for a view (named `<View>Page`, made once per view). */
export function pageSchemaOf(view: ViewClass): ViewClass {
  let page = pageClasses.get(view);
  if (!page) {
    const name = `${view.name.replace(/View$/, '')}Page`;
    const made = {
      [name]: class {
        items!: unknown[];
        total!: number;
      },
    }[name];
    ApiProperty({ type: () => [view] })(made.prototype, 'items');
    ApiProperty({ type: Number, description: 'How many items match, beyond this page' })(made.prototype, 'total');
    page = made;
    pageClasses.set(view, page);
  }
  return page;
}

/** A 2xx answer whose body is `{ items: View[], total }`. */
export function ApiPageResponse(view: ViewClass, status = 200): MethodDecorator {
  return applyDecorators(ApiResponse({ status, type: pageSchemaOf(view) }));
}

/** A response whose body is not JSON (a page, a script, a PDF, a stream, a signed credential). */
export function ApiContentResponse(status: number, mediaType: string, description: string, schema: SchemaObject = { type: 'string' }): MethodDecorator {
  return ApiResponse({ status, description, content: { [mediaType]: { schema } } });
}
