import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommonErrorCode } from '../../common/error-codes';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { Page } from '../../common/pagination.dto';
import { UuidPipe } from '../../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../../identity/auth.decorators';
import { ReviewDto, ReviewListQuery } from './dto/grading.dto';
import { toReviewView, ReviewView } from './grading.views';
import { ReviewService } from './review.service';
import { ApiPageResponse } from '../../common/openapi';
import { ApiErrors } from '../../common/openapi';
import { GradingErrorCode } from './grading.errors';

@ApiTags('review')
@ApiBearerAuth()
@Roles('trainer', 'admin')
@Controller('api/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewService) {}

  @ApiPageResponse(ReviewView)
  @Get()
  @ApiOperation({ summary: 'Rubric-scored answers waiting for (or given) a trainer review' })
  async list(@Query() q: ReviewListQuery): Promise<Page<ReviewView>> {
    const { items, total } = await this.reviews.list(q);
    return { items: items.map(toReviewView), total };
  }

  @ApiErrors({ 400: [CommonErrorCode.ReviewScoreOutOfRange], 404: [GradingErrorCode.ReviewNotFound], 409: [GradingErrorCode.ReviewAlreadyDone] })
  @ApiResponse({ status: 200, type: ReviewView })
  @Post(':id')
  @HttpCode(200)
  @ApiOperation({ summary: "Confirm or change the rubric's score with a comment; the attempt is graded when its last review is done" })
  async review(@Param('id', UuidPipe) id: string, @Body() dto: ReviewDto, @CurrentUser() user: AuthUser): Promise<ReviewView> {
    return toReviewView(await this.reviews.review(id, dto, user));
  }
}
