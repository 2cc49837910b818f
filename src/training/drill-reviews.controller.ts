import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommonErrorCode } from '../common/error-codes';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { Page } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { ReviewDto, ReviewListQuery } from './dto/training.dto';
import { DrillReviewService } from './drill-review.service';
import { SubmissionView, toSubmissionView } from './training.views';
import { ApiPageResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { TrainingErrorCode } from './training.errors';

/** Quality review (质检) of drill submissions. */
@ApiTags('training')
@ApiBearerAuth()
@Roles('trainer', 'admin')
@Controller('api/training')
export class DrillReviewsController {
  constructor(private readonly reviews: DrillReviewService) {}

  @ApiPageResponse(SubmissionView)
  @Get('reviews')
  @ApiOperation({ summary: 'The review queue (status=pending, oldest first), graded submissions to spot-check, or reviewed ones' })
  async queue(@Query() q: ReviewListQuery): Promise<Page<SubmissionView>> {
    const { items, total } = await this.reviews.queue(q);
    return { items: items.map((s) => toSubmissionView(s, { staff: true, withReviews: false })), total };
  }

  @ApiErrors({ 400: [CommonErrorCode.ReviewScoreOutOfRange], 404: [TrainingErrorCode.SubmissionNotFound], 409: [TrainingErrorCode.SubmissionNotGraded] })
  @ApiResponse({ status: 200, type: SubmissionView })
  @Post('submissions/:id/review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm or override the score with a comment; recorded with its author, and hours follow the decision' })
  async review(@Param('id', UuidPipe) id: string, @Body() dto: ReviewDto, @CurrentUser() user: AuthUser): Promise<SubmissionView> {
    return toSubmissionView(await this.reviews.review(id, dto, user), { staff: true, withReviews: true });
  }
}
