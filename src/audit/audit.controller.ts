import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { Roles } from '../identity/auth.decorators';
import { AuditLog } from './audit-log.service';
import { AuditPageView, toAuditEntryView } from './audit.views';
import { AuditQuery } from './dto/audit.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Roles('admin')
  @ApiResponse({ status: 200, type: AuditPageView })
  @Get()
  @ApiOperation({ summary: 'The audit log, newest first, filtered by actor, action, target and time' })
  async list(@Query() q: AuditQuery): Promise<AuditPageView> {
    const [items, total] = await this.audit.list({
      actorId: q.actor,
      action: q.action,
      targetId: q.targetId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: items.map(toAuditEntryView), total };
  }
}
