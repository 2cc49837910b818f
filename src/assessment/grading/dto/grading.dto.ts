import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../../common/pagination.dto';
import { REVIEW_STATUSES, type ReviewStatus } from '../entities/review-task.entity';
import { trimString } from '../../../common/transforms';
import { OptionalField } from '../../../common/field-presence';


export class ReviewListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @OptionalField()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @ApiPropertyOptional()
  @OptionalField()
  @IsUUID()
  examId?: string;
}

export class ReviewDto {
  @ApiProperty({ description: "The trainer's score, from 0 to the question's points", example: 8 })
  @IsInt()
  @Min(0)
  @Max(1000)
  score: number;

  @ApiPropertyOptional({ example: '安抚到位，但没有说明运费险理赔。' })
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class AnswerKeyCorrectionDto {
  @ApiPropertyOptional({ description: 'The version whose key is wrong (default: the current one)', minimum: 1 })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;

  @ApiProperty({ description: 'The corrected key, in the same form as a question answer' })
  @IsDefined()
  answer: unknown;

  @ApiProperty({ example: '原答案误标为 B，应为 A' })
  @Transform(trimString)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}
