import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../common/pagination.dto';
import { USER_ROLES, USER_STATUSES, type UserRole, type UserStatus } from '../entities/user.entity';
import { trimString } from '../../common/transforms';
import { OptionalField } from '../../common/field-presence';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,31}$/;

export class LoginDto {
  @ApiProperty({ example: 'student1' })
  @Transform(lower)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  newPassword: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token of a login' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: '张三' })
  @OptionalField()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: USER_ROLES, description: 'A new role ends every login of the user' })
  @OptionalField()
  @IsIn(USER_ROLES)
  role?: UserRole;
}

export class ImportUsersQuery {
  @ApiPropertyOptional({ description: 'Create cohorts the file names that do not exist yet (otherwise such rows fail with UNKNOWN_COHORT)' })
  @OptionalField()
  @IsIn(['true', 'false'])
  createCohorts?: 'true' | 'false';
}

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.san', description: '3–32 characters: letters, digits, "_", "." or "-" (stored lower-case)' })
  @Transform(lower)
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–32 letters, digits, "_", "." or "-", starting with a letter or digit' })
  username: string;

  @ApiProperty({ example: '张三' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ description: 'Initial password (8–128); generated and returned once when omitted' })
  @OptionalField()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalField()
  @IsUUID()
  cohortId?: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @OptionalField()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalField()
  @IsUUID()
  cohortId?: string;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @OptionalField()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: every matching user (no paging) as a CSV download' })
  @OptionalField()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ description: 'Matches username or display name' })
  @OptionalField()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class CreateCohortDto {
  @ApiProperty({ example: '2022 上半年' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 2022 })
  @OptionalField()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
