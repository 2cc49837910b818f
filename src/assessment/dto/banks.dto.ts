import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { QUESTION_TYPES, type Difficulty, type QuestionType } from '@lms/grading';
import { PageQuery } from '../../common/pagination.dto';
import { COURSE_SYSTEM_CODES } from '../../catalog/entities/course-system.entity';
import type { ChoiceScoring } from '../entities/question-version.entity';
import { CHOICE_SCORINGS, DIFFICULTIES, LIMITS } from '../question-input';
import { trimString } from '../../common/transforms';
import { OptionalField } from '../../common/field-presence';


/** An optional list of at most `max` tags, and an optional difficulty: how questions are described and drawn. */
export function OptionalTags(max: number, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], description, example: ['客户体验官和企业文化'] }),
    OptionalField(),
    IsArray(),
    ArrayMaxSize(max),
    IsString({ each: true }),
    MaxLength(LIMITS.tag, { each: true }),
  );
}

export function OptionalDifficulty(): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ enum: DIFFICULTIES }), OptionalField(), IsIn(DIFFICULTIES));
}

export class CreateBankDto {
  @ApiProperty({ example: '售后规则题库' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ description: 'A stable code (lower-case letters, digits, "_", "-")', example: 'after-sales' })
  @OptionalField()
  @IsString()
  @Matches(/^[a-z0-9_-]{1,64}$/)
  code?: string;

  @ApiPropertyOptional({ enum: COURSE_SYSTEM_CODES })
  @OptionalField()
  @IsIn(COURSE_SYSTEM_CODES)
  systemCode?: string;

  @ApiPropertyOptional({ description: 'Share the bank with all staff (default: private to its owner)', default: false })
  @OptionalField()
  @IsBoolean()
  shared?: boolean;
}

export class UpdateBankDto {
  @ApiPropertyOptional({ example: '售后规则题库' })
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ description: 'Whether other staff may read the bank and draw exams from it' })
  @OptionalField()
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
  @OptionalField()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional({ example: '阿里巴巴的使命是“让天下没有难做的____”。' })
  @OptionalField()
  @IsString()
  @MaxLength(LIMITS.stem)
  stem?: string;

  @ApiPropertyOptional({ type: [QuestionOptionDto] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(LIMITS.options)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.points })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(LIMITS.points)
  points?: number;

  @ApiPropertyOptional({ enum: CHOICE_SCORINGS, description: 'Multiple choice only (default all_or_nothing)' })
  @OptionalField()
  @IsIn(CHOICE_SCORINGS)
  scoring?: ChoiceScoring;

  @OptionalTags(LIMITS.tags, 'Topics, e.g. the module or the training scenario')
  tags?: string[];

  @OptionalDifficulty()
  difficulty?: Difficulty;

  @ApiPropertyOptional({ description: 'Shown to students only when the exam review policy allows' })
  @OptionalField()
  @IsString()
  @MaxLength(LIMITS.explanation)
  explanation?: string;
}

export class CreateQuestionDto extends QuestionFields {
  @ApiPropertyOptional({ description: 'Your reference; importing the same ref again adds a version', example: 'm1-001' })
  @OptionalField()
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
  @OptionalField()
  answer?: unknown;
}

export class QuestionListQuery extends PageQuery {
  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @MaxLength(LIMITS.tag)
  tag?: string;

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @OptionalField()
  @IsIn(DIFFICULTIES)
  difficulty?: Difficulty;

  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @OptionalField()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;
}
