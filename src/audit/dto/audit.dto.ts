import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsOffsetDateTime } from '../../common/date-time.validator';
import { PageQuery } from '../../common/pagination.dto';
import { OptionalField } from '../../common/field-presence';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The acting user' })
  @OptionalField()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ example: 'certificate.issue' })
  @OptionalField()
  @IsString()
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'action must be a dotted lower-case name such as certificate.issue' })
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'The changed record (a user, certificate, tier code, …)' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  targetId?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this instant (with a time-zone offset)' })
  @OptionalField()
  @IsOffsetDateTime()
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this instant (with a time-zone offset)' })
  @OptionalField()
  @IsOffsetDateTime()
  to?: string;
}
