import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { QUESTION_TYPES, type Difficulty, type QuestionType } from '@lms/grading';
import { REVIEW_POLICIES, type ReviewPolicy } from '../entities/exam.entity';
import { OptionalDifficulty, OptionalTags } from './banks.dto';
import { IsOffsetDateTime } from '../../common/date-time.validator';
import { OptionalField } from '../../common/field-presence';

export class DrawRuleDto {
  @ApiProperty()
  @IsUUID()
  bankId: string;

  @ApiProperty({ minimum: 1, maximum: 200, example: 10 })
  @IsInt()
  @Min(1)
  @Max(200)
  count: number;

  @OptionalTags(10, 'Questions carrying every one of these tags')
  tags?: string[];

  @OptionalDifficulty()
  difficulty?: Difficulty;

  @ApiPropertyOptional({ enum: QUESTION_TYPES, isArray: true })
  @OptionalField()
  @IsArray()
  @ArrayUnique()
  @IsIn(QUESTION_TYPES, { each: true })
  types?: QuestionType[];
}

export class CreateExamDto {
  @ApiProperty({ example: '入门测试' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, description: 'Give this or timeLimitSeconds' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(1440)
  timeLimitMinutes?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 86400 })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(86_400)
  timeLimitSeconds?: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percentage of the maximum score needed to pass', example: 80 })
  @IsInt()
  @Min(0)
  @Max(100)
  passScore: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts?: number;

  @ApiProperty({ type: [DrawRuleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DrawRuleDto)
  draw: DrawRuleDto[];

  @ApiPropertyOptional({ description: 'Shuffle both questions and options (per attempt, deterministic)' })
  @OptionalField()
  @IsBoolean()
  shuffle?: boolean;

  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  shuffleQuestions?: boolean;

  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  shuffleOptions?: boolean;

  @ApiPropertyOptional({ enum: REVIEW_POLICIES, default: 'after_graded' })
  @OptionalField()
  @IsIn(REVIEW_POLICIES)
  reviewPolicy?: ReviewPolicy;

  @ApiPropertyOptional({ description: 'Send every short answer and scenario reply to trainer review' })
  @OptionalField()
  @IsBoolean()
  reviewRubrics?: boolean;

  @ApiPropertyOptional({ example: '2026-12-01T09:00:00+08:00' })
  @OptionalField()
  @IsOffsetDateTime()
  opensAt?: string;

  @ApiPropertyOptional({ example: '2026-12-08T18:00:00+08:00' })
  @OptionalField()
  @IsOffsetDateTime()
  closesAt?: string;

  @ApiPropertyOptional({ description: 'An exam lesson: enrolment admits, passing credits its hours' })
  @OptionalField()
  @IsUUID()
  lessonId?: string;

  @ApiPropertyOptional({ example: 'cxo-1' })
  @OptionalField()
  @IsString()
  @Matches(/^[a-z0-9-]{1,32}$/)
  tierCode?: string;

  @ApiPropertyOptional({ type: [String], description: 'Only students of these cohorts may take it' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  cohortIds?: string[];
}
