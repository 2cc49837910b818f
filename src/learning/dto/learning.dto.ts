import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

/** No lesson video is longer than a day; anything beyond is a bad client. */
export const MAX_MEDIA_SECONDS = 86_400;
export const MAX_RESENT_SEGMENTS = 50;

const finite = { allowNaN: false, allowInfinity: false } as const;

function isSecond(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_MEDIA_SECONDS;
}

/** `toSecond` is not before `fromSecond` (a zero-length interval is a paused player). */
function IsNotBefore(field: string, options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: property,
      constraints: [field],
      options: { message: `${property} must not be less than ${field}`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[field];
          return typeof value === 'number' && typeof other === 'number' && value >= other;
        },
      },
    });
}

/** Each resent segment is exactly `{ fromSecond, toSecond }` with 0 ≤ from ≤ to ≤ a day. */
function IsSegmentList(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isSegmentList',
      target: target.constructor,
      propertyName: property,
      options: {
        message: `${property} must be a list of { fromSecond, toSecond } with 0 ≤ fromSecond ≤ toSecond ≤ ${MAX_MEDIA_SECONDS}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.every((s: unknown) => {
            if (typeof s !== 'object' || s === null || Array.isArray(s)) return false;
            const keys = Object.keys(s);
            const { fromSecond, toSecond } = s as Record<string, unknown>;
            return keys.length === 2 && isSecond(fromSecond) && isSecond(toSecond) && fromSecond <= toSecond;
          }),
      },
    });
}

export class SegmentDto {
  @ApiProperty({ minimum: 0, maximum: MAX_MEDIA_SECONDS })
  fromSecond: number;

  @ApiProperty({ minimum: 0, maximum: MAX_MEDIA_SECONDS })
  toSecond: number;
}

export class HeartbeatDto {
  @ApiProperty({ description: 'Media second where the interval played since the last heartbeat starts', minimum: 0, maximum: MAX_MEDIA_SECONDS })
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_MEDIA_SECONDS)
  fromSecond: number;

  @ApiProperty({ description: 'Media second where it ends (≥ fromSecond)', minimum: 0, maximum: MAX_MEDIA_SECONDS })
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_MEDIA_SECONDS)
  @IsNotBefore('fromSecond')
  toSecond: number;

  @ApiProperty({ description: 'The player\'s rate (recorded; credit is capped by the server\'s maximum rate, not this)', example: 1 })
  @IsNumber(finite)
  @Min(0.0625)
  @Max(16)
  playbackRate: number;

  @ApiProperty({ description: 'Whether the page was visible while playing' })
  @IsBoolean()
  visible: boolean;

  @ApiProperty({ description: 'Increases with every heartbeat of the session; a repeated or older one credits nothing', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  clientSeq: number;

  @ApiPropertyOptional({
    type: [SegmentDto],
    description: 'Earlier intervals not yet acknowledged (lost heartbeats, or the `retry` of the last answer), sent again',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RESENT_SEGMENTS)
  @IsSegmentList()
  segments?: SegmentDto[];
}

export class ProgressQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId: string;
}
