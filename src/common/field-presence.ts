import { applyDecorators } from '@nestjs/common';
import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';

/** Fails on `null` with a message that says so (the other validators of the field say what is expected). */
function IsNotNull(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotNull',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must not be null (leave it out to keep or default it)', ...options },
      validator: { validate: (value: unknown) => value !== null },
    });
}

/**
 * An optional field that, when present, must hold a value: leaving it out is allowed, `null` is a
 * 400 (class-validator's `@IsOptional()` lets `null` through to the database). Use for fields
 * whose column is NOT NULL or that have a default.
 */
export function OptionalField(): PropertyDecorator {
  return applyDecorators(ValidateIf((_obj: object, value: unknown) => value !== undefined), IsNotNull());
}

/**
 * An optional field for which `null` is a value of its own meaning "clear it" (e.g. detach a
 * video, remove a cohort): absent or `null` skip the field's other validators. Declare the field
 * `nullable: true` in its `@ApiPropertyOptional` so the OpenAPI document says so too.
 */
export function NullableField(): PropertyDecorator {
  return ValidateIf((_obj: object, value: unknown) => value !== undefined && value !== null);
}
