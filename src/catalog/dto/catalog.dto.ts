import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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
} from 'class-validator';
import { PageQuery } from '../../common/pagination.dto';
import { COURSE_SYSTEM_CODES, type CourseSystemCode } from '../entities/course-system.entity';
import { DELIVERY_MODES, type DeliveryMode } from '../entities/course.entity';
import { LESSON_MODES, type LessonMode } from '../entities/lesson.entity';
import { trimString } from '../../common/transforms';
import { NullableField, OptionalField } from '../../common/field-presence';


export class CourseListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COURSE_SYSTEM_CODES })
  @OptionalField()
  @IsIn(COURSE_SYSTEM_CODES, { message: `system must be one of ${COURSE_SYSTEM_CODES.join(', ')}` })
  system?: CourseSystemCode;

  @ApiPropertyOptional({ example: 'visual_design' })
  @OptionalField()
  @IsString()
  @Matches(/^[a-z_]{1,32}$/)
  direction?: string;
}

export class CourseViewQuery {
  @ApiPropertyOptional({ enum: ['draft', 'published'], description: 'Staff only: which copy to read (default draft)' })
  @OptionalField()
  @IsIn(['draft', 'published'])
  view?: 'draft' | 'published';
}

class CourseFields {
  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: String, example: 'visual_design', nullable: true, description: 'null clears it' })
  @NullableField()
  @IsString()
  @Matches(/^[a-z_]{1,32}$/)
  direction?: string | null;

  @ApiPropertyOptional({ type: String, example: '视觉设计', nullable: true, description: 'null clears it' })
  @NullableField()
  @Transform(trimString)
  @IsString()
  @MaxLength(50)
  directionName?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  objectives?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  content?: string[];

  @ApiPropertyOptional({ enum: DELIVERY_MODES })
  @OptionalField()
  @IsIn(DELIVERY_MODES)
  delivery?: DeliveryMode;
}

export class CreateCourseDto extends CourseFields {
  @ApiProperty({ enum: COURSE_SYSTEM_CODES })
  @IsIn(COURSE_SYSTEM_CODES, { message: `systemCode must be one of ${COURSE_SYSTEM_CODES.join(', ')}` })
  systemCode: CourseSystemCode;

  @ApiProperty({ example: '客户体验官实务技巧' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;
}

export class UpdateCourseDto extends CourseFields {
  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;
}

export class CreateModuleDto {
  @ApiProperty({ example: '客户体验官基本行为' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ description: '1-based position; appended when omitted' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(1000)
  position?: number;
}

export class UpdateModuleDto {
  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;
}

export const MAX_LESSON_BODY_CHARS = 50_000;

class LessonFields {
  @ApiPropertyOptional({ description: 'Video lessons: whether a first viewing may skip ahead' })
  @OptionalField()
  @IsBoolean()
  allowSkipAhead?: boolean;

  @ApiPropertyOptional({ description: 'Reading and self-study lessons: the text to read (plain text, paragraphs split by blank lines)', maxLength: MAX_LESSON_BODY_CHARS })
  @OptionalField()
  @IsString()
  @MaxLength(MAX_LESSON_BODY_CHARS)
  body?: string;
}

export class CreateLessonDto extends LessonFields {
  @ApiProperty({ example: '云客服规范及质检规则' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: LESSON_MODES })
  @IsIn(LESSON_MODES, { message: `mode must be one of ${LESSON_MODES.join(', ')}` })
  mode: LessonMode;

  @ApiProperty({ description: 'Credit in whole minutes', minimum: 0, maximum: 6000 })
  @IsInt()
  @Min(0)
  @Max(6000)
  creditMinutes: number;

  @ApiPropertyOptional({ description: '1-based position; appended when omitted' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(1000)
  position?: number;
}

export class UpdateLessonDto extends LessonFields {
  @ApiPropertyOptional({ description: 'Credit in whole minutes', minimum: 0, maximum: 6000 })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(6000)
  creditMinutes?: number;

  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: LESSON_MODES })
  @OptionalField()
  @IsIn(LESSON_MODES)
  mode?: LessonMode;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move the lesson to another module of the same course (appended)' })
  @OptionalField()
  @IsUUID()
  moduleId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Video lessons: attach an uploaded video (its duration becomes the lesson\'s), or null to detach',
  })
  @NullableField()
  @IsUUID()
  mediaId?: string | null;
}

export class ReorderDto {
  @ApiProperty({ type: [String], description: 'Every active id of the parent, in the new order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];
}

export class EnrollDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Enrol every active student of this cohort' })
  @OptionalField()
  @IsUUID()
  cohortId?: string;

  @ApiPropertyOptional({ type: [String] })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  studentIds?: string[];
}

export class UpdateCourseSystemDto {
  @ApiProperty({ minimum: 0, maximum: 2000, example: 64, description: 'Hours a student needs in this system' })
  @IsInt()
  @Min(0)
  @Max(2000)
  requiredHours: number;
}

export class SetCourseTrainersDto {
  @ApiProperty({ type: [String], description: 'Every co-trainer of the course (replaces the list; [] removes them all)' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  trainerIds: string[];
}
