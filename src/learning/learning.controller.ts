import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { Page, PageQuery } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { HeartbeatBodyPipe } from './dto/heartbeat-body.pipe';
import { HeartbeatDto, ProgressQuery } from './dto/learning.dto';
import { CourseProgressView, HeartbeatView, MyCourseView, PlaybackView, SelfPacedView } from './learning.views';
import { PlaybackService } from './playback.service';
import { ProgressService } from './progress.service';
import { ApiPageResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { CatalogErrorCode } from '../catalog/catalog.errors';
import { LearningErrorCode } from './learning.errors';

@ApiTags('learning')
@ApiBearerAuth()
@Roles('student')
@Controller('api')
export class LearningController {
  constructor(
    private readonly playback: PlaybackService,
    private readonly progress: ProgressService,
  ) {}

  @ApiErrors({ 403: [CatalogErrorCode.NotEnrolled], 404: [CatalogErrorCode.LessonNotFound], 409: [LearningErrorCode.LessonNotPlayable] })
  @ApiResponse({ status: 201, type: PlaybackView })
  @Post('lessons/:id/playback')
  @ApiOperation({ summary: 'Open a playback session (ends any other of yours) and get a signed stream URL and the resume position' })
  openPlayback(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<PlaybackView> {
    return this.playback.open(id, user);
  }

  @ApiResponse({ status: 200, type: HeartbeatView })
  @Post('playback/:sessionId/heartbeat')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report what was played since the last heartbeat; answered once the credit is durable' })
  @ApiBody({ type: HeartbeatDto })
  heartbeat(
    @Param('sessionId', UuidPipe) sessionId: string,
    // Typed `object` so that the global pipe leaves it to HeartbeatBodyPipe (same rules, faster).
    @Body(HeartbeatBodyPipe) body: object,
    @CurrentUser() user: AuthUser,
  ): Promise<HeartbeatView> {
    return this.playback.heartbeat(sessionId, user, body as HeartbeatDto);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotEnrolled], 404: [CatalogErrorCode.LessonNotFound] })
  @ApiResponse({ status: 200, type: SelfPacedView })
  @Post('lessons/:id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that you opened a lesson (reading and self-study lessons can be completed a while later)' })
  openLesson(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<SelfPacedView> {
    return this.progress.open(id, user);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotEnrolled], 404: [CatalogErrorCode.LessonNotFound], 409: [LearningErrorCode.NotOpened, LearningErrorCode.NotSelfPaced, LearningErrorCode.TooEarly] })
  @ApiResponse({ status: 200, type: SelfPacedView })
  @Post('lessons/:id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a reading or self-study lesson, after the minimum time since opening it' })
  complete(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<SelfPacedView> {
    return this.progress.complete(id, user);
  }

  @ApiPageResponse(MyCourseView)
  @Get('me/courses')
  @ApiOperation({ summary: 'My enrolled courses with how far I am in each' })
  myCourses(@CurrentUser() user: AuthUser, @Query() page: PageQuery): Promise<Page<MyCourseView>> {
    return this.progress.myCourses(user, page);
  }

  @ApiErrors({ 404: [CatalogErrorCode.CourseNotFound] })
  @ApiResponse({ status: 200, type: CourseProgressView })
  @Get('me/progress')
  @ApiOperation({ summary: 'Per lesson of a course: state, watched seconds, resume position, completion' })
  myProgress(@CurrentUser() user: AuthUser, @Query() query: ProgressQuery): Promise<CourseProgressView> {
    return this.progress.courseProgress(query.courseId, user);
  }
}
