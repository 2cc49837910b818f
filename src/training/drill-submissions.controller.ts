import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { Page } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { ResultListQuery, SubmissionListQuery, SubmitReplyDto } from './dto/training.dto';
import { DrillSubmissionService, isStaff } from './drill-submission.service';
import { DrillResultView, SubmissionView, toDrillResultView, toSubmissionView } from './training.views';
import { ApiPageResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { TrainingErrorCode } from './training.errors';

@ApiTags('training')
@ApiBearerAuth()
@Controller('api/training')
export class DrillSubmissionsController {
  constructor(private readonly submissions: DrillSubmissionService) {}

  @ApiErrors({ 400: [TrainingErrorCode.IdempotencyKeyMismatch, TrainingErrorCode.InvalidIdempotencyKey], 404: [TrainingErrorCode.ScenarioNotFound, TrainingErrorCode.SubmissionNotFound], 409: [TrainingErrorCode.IdempotencyKeyReused, TrainingErrorCode.ScenarioHasNoRubric] })
  @Roles('student')
  @ApiResponse({ status: 202, type: SubmissionView })
  @Post('scenarios/:id/submissions')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the same submission' })
  @ApiOperation({ summary: 'Submit a reply; accepted at once (202) and graded by the grading queue' })
  async submit(
    @Param('id', UuidPipe) id: string,
    @Body() dto: SubmitReplyDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<SubmissionView> {
    return toSubmissionView(await this.submissions.submit(id, dto, key, user), { staff: false, withReviews: false });
  }

  @Roles('student', 'trainer', 'admin')
  @ApiPageResponse(SubmissionView)
  @Get('submissions')
  @ApiOperation({ summary: 'Submissions, newest first: a student gets their own' })
  async list(@Query() q: SubmissionListQuery, @CurrentUser() user: AuthUser): Promise<Page<SubmissionView>> {
    const { items, total } = await this.submissions.list(q, user);
    return { items: items.map((s) => toSubmissionView(s, { staff: isStaff(user), withReviews: false })), total };
  }

  @ApiErrors({ 404: [TrainingErrorCode.SubmissionNotFound] })
  @Roles('student', 'trainer', 'admin')
  @ApiResponse({ status: 200, type: SubmissionView })
  @Get('submissions/:id')
  @ApiOperation({ summary: 'A submission explained point by point, with its reviews (a student reads only their own)' })
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<SubmissionView> {
    return toSubmissionView(await this.submissions.get(id, user), { staff: isStaff(user), withReviews: true });
  }

  @Roles('student', 'trainer', 'admin')
  @ApiPageResponse(DrillResultView)
  @Get('results')
  @ApiOperation({ summary: 'Best result per scenario: passed, best score, hours credited (a student gets their own)' })
  async results(@Query() q: ResultListQuery, @CurrentUser() user: AuthUser): Promise<Page<DrillResultView>> {
    const { items, total } = await this.submissions.results(q, user);
    return { items: items.map(toDrillResultView), total };
  }
}
