import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { QUESTION_TYPES, type Difficulty, type QuestionType } from '@lms/grading';
import { PageQuery } from '../../common/pagination.dto';
import { COURSE_SYSTEM_CODES } from '../../catalog/entities/course-system.entity';
import type { ChoiceScoring } from '../entities/question-version.entity';
import { CHOICE_SCORINGS, DIFFICULTIES, LIMITS } from '../question-input';
import { trimString } from '../../common/transforms';


/** An optional list of at most `max` tags, and an optional difficulty: how questions are described and drawn. */
export function OptionalTags(max: number, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], description, example: ['客户体验官和企业文化'] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    IsString({ each: true }),
    MaxLength(LIMITS.tag, { each: true }),
  );
}

export function OptionalDifficulty(): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ enum: DIFFICULTIES }), IsOptional(), IsIn(DIFFICULTIES));
}

export class CreateBankDto {
  @ApiProperty({ example: '售后规则题库' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ description: 'A stable code (lower-case letters, digits, "_", "-")', example: 'after-sales' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_-]{1,64}$/)
  code?: string;

  @ApiPropertyOptional({ enum: COURSE_SYSTEM_CODES })
  @IsOptional()
  @IsIn(COURSE_SYSTEM_CODES)
  systemCode?: string;

  @ApiPropertyOptional({ description: 'Share the bank with all staff (default: private to its owner)', default: false })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;
}

export class UpdateBankDto {
  @ApiPropertyOptional({ example: '售后规则题库' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ description: 'Whether other staff may read the bank and draw exams from it' })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;
}

export class QuestionOptionDto {
  @ApiProperty({ example: 'A' })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.optionKey)
  key: string;

  @ApiProperty({ example: '客户第一，员工第二，股东第三' })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.optionText)
  text: string;
}

/** Field shapes; the rules between fields (the key against type and options) are checked by readQuestionInput. */
class QuestionFields {
  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @IsOptional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional({ example: '阿里巴巴的使命是“让天下没有难做的____”。' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.stem)
  stem?: string;

  @ApiPropertyOptional({ type: [QuestionOptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.options)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.points })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.points)
  points?: number;

  @ApiPropertyOptional({ enum: CHOICE_SCORINGS, description: 'Multiple choice only (default all_or_nothing)' })
  @IsOptional()
  @IsIn(CHOICE_SCORINGS)
  scoring?: ChoiceScoring;

  @OptionalTags(LIMITS.tags, 'Topics, e.g. the module or the training scenario')
  tags?: string[];

  @OptionalDifficulty()
  difficulty?: Difficulty;

  @ApiPropertyOptional({ description: 'Shown to students only when the exam review policy allows' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.explanation)
  explanation?: string;
}

export class CreateQuestionDto extends QuestionFields {
  @ApiPropertyOptional({ description: 'Your reference; importing the same ref again adds a version', example: 'm1-001' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.ref)
  ref?: string;

  @ApiProperty({
    description: 'single: "A"; multiple: ["A","C"]; true_false: true; fill_blank: [["春节","新年"],["7"]]; short_answer / scenario: a rubric',
  })
  @IsDefined()
  answer: unknown;
}

/** Every field optional: what is given replaces the current version's value in a new version. */
export class UpdateQuestionDto extends QuestionFields {
  @ApiPropertyOptional({ description: 'A new answer key (for a new version; to fix the key of attempts already taken, use an answer-key correction)' })
  @IsOptional()
  answer?: unknown;
}

export class QuestionListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.tag)
  tag?: string;

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: Difficulty;

  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @IsOptional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;
}
