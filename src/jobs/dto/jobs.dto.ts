import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageQuery } from '../../common/pagination.dto';
import { OptionalField } from '../../common/field-presence';

export const LISTED_JOB_STATES = ['failed', 'delayed', 'waiting', 'active', 'completed'] as const;
export type ListedJobState = (typeof LISTED_JOB_STATES)[number];

export class JobListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LISTED_JOB_STATES, default: 'failed' })
  @OptionalField()
  @IsIn(LISTED_JOB_STATES)
  state: ListedJobState = 'failed';
}
