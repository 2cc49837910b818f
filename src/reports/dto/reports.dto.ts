import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { OptionalField } from '../../common/field-presence';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Years a report may ask for: the base opened in 2018; nothing before 2000 or after 2100 is a real year here. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

class FormatQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'csv: a UTF-8 CSV (with BOM) with Chinese column headers' })
  @OptionalField()
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}

export class OverviewQuery extends FormatQuery {
  @ApiPropertyOptional({ minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2022, description: 'Calendar year (Asia/Shanghai) of the cohorts; default: this year, or the cohort’s' })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'One cohort instead of the whole year' })
  @OptionalField()
  @IsUUID()
  cohortId?: string;
}

export class AnnualQuery extends FormatQuery {
  @ApiPropertyOptional({ minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2022, description: 'Calendar year (Asia/Shanghai); default: this year' })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
}
