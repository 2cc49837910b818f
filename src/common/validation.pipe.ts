import { BadRequestException, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonErrorCode } from './error-codes';

/**
 * For a field left out or sent as null, lengths and ranges say nothing: name the one problem that
 * matters (null refused, value missing, or the type expected).
 */
function relevantConstraints(e: ValidationError): string[] {
  const constraints = e.constraints ?? {};
  const all = Object.values(constraints);
  if (e.value !== null && e.value !== undefined) return all;
  const key = ['isNotNull', 'isDefined'].find((k) => k in constraints) ?? Object.keys(constraints).find((k) => /^is[A-Z]/.test(k));
  return key ? [constraints[key]] : all;
}

/**
 * Problems as `path: message`. Fields the request sent come before fields it left out, so that
 * what the caller got wrong is not cut off by a list of missing ones.
 */
function describe(errors: ValidationError[], parent = ''): string[] {
  const sentFirst = [...errors].sort((a, b) => Number(a.value === undefined) - Number(b.value === undefined));
  return sentFirst.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = relevantConstraints(e).map((c) =>
      c.startsWith(`property ${e.property} `) ? `${path}: unknown field` : `${path}: ${c}`,
    );
    return [...own, ...describe(e.children ?? [], path)];
  });
}

/** Whitelist, forbid unknown fields, transform; every failure is 400 VALIDATION_FAILED. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const problems = describe(errors);
      return new BadRequestException({
        code: CommonErrorCode.ValidationFailed,
        message: problems.slice(0, 10).join('; ') || 'Invalid input',
      });
    },
  });
}

/** `@Param('id', UuidPipe)`: a malformed id is a validation failure like any other. */
export const UuidPipe = new ParseUUIDPipe({
  exceptionFactory: (message) => new BadRequestException({ code: CommonErrorCode.ValidationFailed, message }),
});
