import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxDate, MaxLength, Min, MinDate, MinLength } from 'class-validator';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../entities/attendance.entity';
import { SESSION_DELIVERIES, type SessionDelivery } from '../entities/class-session.entity';
import { trimString } from '../../common/transforms';
import { IsOffsetDateTime, toOffsetDate } from '../../common/date-time.validator';
import { OptionalField } from '../../common/field-presence';



export class ScheduleClassSessionDto {
  @ApiProperty({ format: 'uuid', description: 'A course of the general-ability system' })
  @IsUUID()
  courseId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The lesson of the course this session delivers: attending it completes the lesson' })
  @OptionalField()
  @IsUUID()
  lessonId?: string;

  @ApiPropertyOptional({ example: '第 3 次课：沟通技巧' })
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiProperty({ example: '2026-03-01T14:00:00+08:00', description: 'ISO 8601 with an offset' })
  @Transform(toOffsetDate)
  @IsOffsetDateTime()
  @MinDate(new Date('2000-01-01T00:00:00Z'))
  @MaxDate(new Date('2100-01-01T00:00:00Z'))
  startsAt: Date;

  @ApiProperty({ minimum: 1, maximum: 720, example: 120 })
  @IsInt()
  @Min(1)
  @Max(720)
  durationMinutes: number;

  @ApiProperty({ example: '孵化基地 2 号培训室' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place: string;

  @ApiProperty({ enum: SESSION_DELIVERIES })
  @IsIn(SESSION_DELIVERIES, { message: `delivery must be one of ${SESSION_DELIVERIES.join(', ')}` })
  delivery: SessionDelivery;

  @ApiPropertyOptional({ minimum: 0, maximum: 720, description: 'Whole minutes credited for attending; defaults to the duration' })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(720)
  creditMinutes?: number;
}

export class CheckInDto {
  @ApiProperty({ example: '482913', description: 'The six digits on the classroom screen' })
  @IsString()
  @MaxLength(32)
  code: string;
}

export class CorrectAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES, { message: `status must be one of ${ATTENDANCE_STATUSES.join(', ')}` })
  status: AttendanceStatus;

  @ApiPropertyOptional({ example: '病假，已提交假条' })
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ScreenLinkQuery {
  @ApiProperty({ description: 'Expiry, Unix seconds' })
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(0)
  exp: number;

  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'sig must be a link signature' })
  sig: string;
}
