import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';
import { trimString } from '../../common/transforms';
import { COURSE_SYSTEM_CODES, type CourseSystemCode } from '../../catalog/entities/course-system.entity';

export class HourAdjustmentDto {
  @ApiProperty({ enum: COURSE_SYSTEM_CODES })
  @IsIn(COURSE_SYSTEM_CODES, { message: `system must be one of ${COURSE_SYSTEM_CODES.join(', ')}` })
  system: CourseSystemCode;

  @ApiProperty({ description: 'Whole minutes; negative to take hours away', example: 120 })
  @IsInt()
  @Min(-60_000)
  @Max(60_000)
  @NotEquals(0)
  minutes: number;

  @ApiProperty({ example: '补录 3 月线下课考勤' })
  @Transform(trimString)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}
