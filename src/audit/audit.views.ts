import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEntry } from './entities/audit-entry.entity';

export class AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ example: 'certificate.issue' }) action: string;
  @ApiProperty({ example: 'certificate' }) targetType: string;
  @ApiPropertyOptional({ nullable: true }) targetId: string | null;
  @ApiPropertyOptional({ nullable: true }) requestId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) changes: Record<string, unknown>;
  @ApiProperty() createdAt: string;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty() total: number;
}

export const toAuditEntryView = (e: AuditEntry): AuditEntryView => ({
  id: e.id,
  actorId: e.actorId,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  requestId: e.requestId,
  changes: e.changes,
  createdAt: e.createdAt.toISOString(),
});
