import { ApiProperty, ApiPropertyOptional, ApiSchema, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../../common/pagination.dto';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '../entities/drill-submission.entity';
import { trimString } from '../../common/transforms';
import { OptionalField } from '../../common/field-presence';

const trimEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value);

/** Shape of a client idempotency key (header `Idempotency-Key` or body `clientSubmissionId`). */
export const CLIENT_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

const RUBRIC_EXAMPLE = {
  points: [{ id: 'apologize', label: '致歉', score: 2, phrases: ['抱歉', '不好意思'] }],
  forbidden: [{ id: 'compensate', label: '承诺额外赔偿', phrases: ['额外赔偿'], penalty: 2, fatal: true }],
  passScore: 2,
  requiresReview: false,
};

export class CreateScenarioDto {
  @ApiProperty({ example: '七天无理由退货' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional({ example: '训练处理七天无理由退货的咨询' })
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @ApiProperty({ type: [String], description: "The customer's messages, in order", example: ['我买的衣服不合适，能退吗？'] })
  @Transform(trimEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(2000, { each: true })
  conversation: string[];

  @ApiProperty({ description: 'A rubric of @lms/grading: points, forbidden, sequence, passScore, requiresReview', example: RUBRIC_EXAMPLE })
  @IsObject()
  rubric: Record<string, unknown>;

  @ApiProperty({ description: 'Hours credited on passing, in whole minutes', example: 60 })
  @IsInt()
  @Min(0)
  @Max(6000)
  creditMinutes: number;

  @ApiPropertyOptional({ minimum: 0 })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(100_000)
  position?: number;
}

/** Any field of a scenario; a rubric given is checked like a new one. */
/** Every field optional; `null` is refused like any other wrong value (PartialType's default would let it through). */
export class UpdateScenarioDto extends PartialType(CreateScenarioDto, { skipNullProperties: false }) {}

export class SubmitReplyDto {
  @ApiProperty({ example: '您好，非常抱歉给您带来不便……' })
  @Transform(trimString)
  @IsString()
  @MinLength(1, { message: 'reply must not be empty' })
  @MaxLength(5000)
  reply: string;

  @ApiPropertyOptional({ description: 'Idempotency key of the client request (or the Idempotency-Key header): a retry with it returns the same submission' })
  @OptionalField()
  @IsString()
  @Matches(CLIENT_KEY, { message: 'clientSubmissionId must be 1 to 100 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"' })
  clientSubmissionId?: string;
}

export class SubmissionListQuery extends PageQuery {
  @ApiPropertyOptional()
  @OptionalField()
  @IsUUID()
  scenarioId?: string;

  @ApiPropertyOptional({ description: 'Staff only; a student always gets their own submissions' })
  @OptionalField()
  @IsUUID()
  studentId?: string;

  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES })
  @OptionalField()
  @IsIn(SUBMISSION_STATUSES)
  status?: SubmissionStatus;
}

export const REVIEW_QUEUES = ['pending', 'graded', 'reviewed'] as const;
export type ReviewQueue = (typeof REVIEW_QUEUES)[number];

@ApiSchema({ name: 'DrillReviewListQuery' })
export class ReviewListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: REVIEW_QUEUES,
    default: 'pending',
    description: 'pending: waiting for review (oldest first); graded: every graded submission, to spot-check; reviewed: reviewed at least once',
  })
  @OptionalField()
  @IsIn(REVIEW_QUEUES)
  status: ReviewQueue = 'pending';

  @ApiPropertyOptional()
  @OptionalField()
  @IsUUID()
  scenarioId?: string;
}

export class ResultListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Staff only; a student always gets their own results' })
  @OptionalField()
  @IsUUID()
  studentId?: string;
}

@ApiSchema({ name: 'DrillReviewDto' })
export class ReviewDto {
  @ApiProperty({ description: 'The score that counts, 0 … the maximum score of the rubric', example: 80 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  score: number;

  @ApiProperty({ example: '安抚到位，但未提示保留证据，扣分。' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment: string;

  @ApiPropertyOptional({
    description: 'Pass or fail explicitly; when omitted it is score ≥ the pass score and no fatal forbidden phrase (一票否决) was used',
  })
  @OptionalField()
  @IsBoolean()
  passed?: boolean;
}
