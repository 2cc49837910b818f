import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/pagination.dto';
import { trimString } from '../../common/transforms';
import { CERTIFICATE_STATUSES, type CertificateStatus } from '../entities/certificate.entity';
import { NullableField, OptionalField } from '../../common/field-presence';

const TIER_CODE = /^[a-z0-9-]{1,16}$/;

export class UpdateTierDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The whole rule list; each rule is validated and every problem named',
    example: [
      { kind: 'hours', system: 'practical', minHours: 64 },
      { kind: 'exam', tier: 'cxo-1', minScore: 80 },
    ],
  })
  @IsArray()
  rules: unknown[];

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 240, description: 'Months a certificate stays valid; null: no expiry' })
  @NullableField()
  @IsInt()
  @Min(1)
  @Max(240)
  validityMonths?: number | null;
}

export class OverrideDto {
  @ApiProperty({ example: '补考成绩线下核验通过，经教学委员会批准' })
  @Transform(trimString)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class IssueCertificateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ example: 'cxo-1' })
  @IsString()
  @Matches(TIER_CODE)
  tierCode: string;

  @ApiPropertyOptional({ type: OverrideDto, description: 'Issue although not eligible; the reason is audited' })
  @OptionalField()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

export class BatchIssueDto {
  @ApiProperty({ example: 'cxo-1' })
  @IsString()
  @Matches(TIER_CODE)
  tierCode: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cohortId: string;
}

export class RevokeDto {
  @ApiProperty({ example: '考试作弊查实，撤销认证' })
  @Transform(trimString)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class CertificateQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalField()
  @IsUUID()
  cohortId?: string;

  @ApiPropertyOptional({ example: 'cxo-1' })
  @OptionalField()
  @IsString()
  @Matches(TIER_CODE)
  tierCode?: string;

  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES })
  @OptionalField()
  @IsIn(CERTIFICATE_STATUSES)
  status?: CertificateStatus;
}

export class BoardQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cohortId: string;

  @ApiPropertyOptional({ example: 'cxo-1' })
  @OptionalField()
  @IsString()
  @Matches(TIER_CODE)
  tierCode?: string;
}
