import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** An instant names its offset: without one, "2022-01-01T00:00" would mean whatever the server's zone is. */
const WITH_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/;
import { PageQuery } from '../../common/pagination.dto';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The acting user' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ example: 'certificate.issue' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'action must be a dotted lower-case name such as certificate.issue' })
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'The changed record (a user, certificate, tier code, …)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetId?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this instant (with a time-zone offset)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'from must be an ISO 8601 instant with a time-zone offset (Z or +08:00)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this instant (with a time-zone offset)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'to must be an ISO 8601 instant with a time-zone offset (Z or +08:00)' })
  to?: string;
}
