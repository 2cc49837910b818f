import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Page } from '../common/pagination.dto';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { JobListQuery } from './dto/jobs.dto';
import { JobAdminService, JobView } from './job-admin.service';
import { ApiPageResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { JobsErrorCode } from './jobs.errors';

@ApiTags('jobs')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/jobs')
export class JobsAdminController {
  constructor(private readonly jobs: JobAdminService) {}

  @ApiErrors({ 503: [JobsErrorCode.QueueUnavailable] })
  @ApiPageResponse(JobView)
  @Get()
  @ApiOperation({ summary: 'Queue jobs in one state (default failed: jobs that used up their tries, with their error), newest first' })
  list(@Query() query: JobListQuery): Promise<Page<JobView>> {
    return this.jobs.list(query.state, query.limit, query.offset);
  }

  @ApiErrors({ 404: [JobsErrorCode.JobNotFound], 409: [JobsErrorCode.JobNotFailed], 503: [JobsErrorCode.QueueUnavailable] })
  @ApiResponse({ status: 202, type: JobView })
  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Put a failed job back on its queue with a fresh set of tries' })
  retry(@CurrentUser() actor: AuthUser, @Param('id') id: string): Promise<JobView> {
    return this.jobs.retry(actor.id, id);
  }
}
