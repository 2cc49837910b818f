import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { type Page, PageQuery } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { CheckInCodeView, ClassSessionView } from './attendance.views';
import { ClassSessionsService } from './class-sessions.service';
import { ScheduleClassSessionDto } from './dto/attendance.dto';
import { ApiPageResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { CatalogErrorCode } from '../catalog/catalog.errors';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api')
export class ClassSessionsController {
  constructor(private readonly sessions: ClassSessionsService) {}

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 201, type: ClassSessionView })
  @Post('class-sessions')
  @ApiOperation({ summary: "Schedule a class session of a general-ability course (the course's owner, co-trainers, admins)" })
  schedule(@Body() dto: ScheduleClassSessionDto, @CurrentUser() user: AuthUser): Promise<ClassSessionView> {
    return this.sessions.schedule(dto, user);
  }

  @Roles('trainer', 'admin', 'student')
  @ApiPageResponse(ClassSessionView)
  @Get('courses/:id/class-sessions')
  @ApiOperation({ summary: 'The class sessions of a course, by start time (students: enrolled courses only)' })
  list(@Param('id', UuidPipe) id: string, @Query() page: PageQuery, @CurrentUser() user: AuthUser): Promise<Page<ClassSessionView>> {
    return this.sessions.list(id, user, page.limit, page.offset);
  }

  @Roles('trainer', 'admin', 'student')
  @ApiResponse({ status: 200, type: ClassSessionView })
  @Get('class-sessions/:id')
  @ApiOperation({ summary: 'One class session with its check-in window' })
  get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ClassSessionView> {
    return this.sessions.get(id, user);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 200, type: CheckInCodeView })
  @Post('class-sessions/:id/check-in-code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open check-in and get the current rotating code with the classroom-screen link' })
  openCheckIn(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CheckInCodeView> {
    return this.sessions.openCheckIn(id, user);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 204, description: 'Done; no body' })
  @Delete('class-sessions/:id/check-in-code')
  @HttpCode(204)
  @ApiOperation({ summary: 'Close check-in (trainers can still correct attendance)' })
  closeCheckIn(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.sessions.closeCheckIn(id, user);
  }
}
