import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsUUID,
  Max,
  Min,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { OptionalField } from '../../common/field-presence';

/** No lesson video is longer than a day; anything beyond is a bad client. */
export const MAX_MEDIA_SECONDS = 86_400;
export const MAX_RESENT_SEGMENTS = 50;

const finite = { allowNaN: false, allowInfinity: false } as const;

function isSecond(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_MEDIA_SECONDS;
}

function isSegment(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { fromSecond, toSecond } = value as Record<string, unknown>;
  return Object.keys(value).length === 2 && isSecond(fromSecond) && isSecond(toSecond) && fromSecond <= toSecond;
}

const MIN_PLAYBACK_RATE = 0.0625;
const MAX_PLAYBACK_RATE = 16;
const MAX_CLIENT_SEQ = 2_147_483_647;

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
      validator: { validate: (value: unknown) => Array.isArray(value) && value.every(isSegment) },
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
  @Min(MIN_PLAYBACK_RATE)
  @Max(MAX_PLAYBACK_RATE)
  playbackRate: number;

  @ApiProperty({ description: 'Whether the page was visible while playing' })
  @IsBoolean()
  visible: boolean;

  @ApiProperty({ description: 'Increases with every heartbeat of the session; a repeated or older one credits nothing', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_CLIENT_SEQ)
  clientSeq: number;

  @ApiPropertyOptional({
    type: [SegmentDto],
    description: 'Earlier intervals not yet acknowledged (lost heartbeats, or the `retry` of the last answer), sent again',
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_RESENT_SEGMENTS)
  @IsSegmentList()
  segments?: SegmentDto[];
}

const HEARTBEAT_KEYS = new Set(['fromSecond', 'toSecond', 'playbackRate', 'visible', 'clientSeq', 'segments']);

/**
 * The rules of HeartbeatDto written out by hand, for the hot path: a body that passes here is one
 * that class-validator would accept as it is. Anything else goes through the ordinary validation
 * pipe, which gives the standard 400 (so the rules live once, in the decorators above, and this is
 * only ever a stricter shortcut).
 */
export function isWellFormedHeartbeat(body: unknown): body is HeartbeatDto {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!HEARTBEAT_KEYS.has(key)) return false;
  const { fromSecond, toSecond, playbackRate, visible, clientSeq, segments } = b;
  return (
    isSecond(fromSecond) &&
    isSecond(toSecond) &&
    toSecond >= fromSecond &&
    typeof playbackRate === 'number' &&
    playbackRate >= MIN_PLAYBACK_RATE &&
    playbackRate <= MAX_PLAYBACK_RATE &&
    typeof visible === 'boolean' &&
    Number.isInteger(clientSeq) &&
    (clientSeq as number) >= 0 &&
    (clientSeq as number) <= MAX_CLIENT_SEQ &&
    (segments === undefined || (Array.isArray(segments) && segments.length <= MAX_RESENT_SEGMENTS && segments.every(isSegment)))
  );
}

export class ProgressQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId: string;
}
