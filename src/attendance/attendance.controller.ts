import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { type Page, PageQuery } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { AttendanceReportsService } from './attendance-reports.service';
import { AttendanceService } from './attendance.service';
import { AttendanceRecordView, AttendanceView, CheckInResultView, CourseAttendanceView, RosterEntryView } from './attendance.views';
import { CheckInDto, CorrectAttendanceDto } from './dto/attendance.dto';
import { ApiPageResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { CatalogErrorCode } from '../catalog/catalog.errors';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api')
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly reports: AttendanceReportsService,
  ) {}

  @Roles('student')
  @ApiResponse({ status: 200, type: CheckInResultView })
  @Post('class-sessions/:id/check-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check in with the code on the classroom screen; checking in again changes nothing' })
  checkIn(@Param('id', UuidPipe) id: string, @Body() dto: CheckInDto, @CurrentUser() user: AuthUser): Promise<CheckInResultView> {
    return this.attendance.checkIn(id, dto, user);
  }

  @Roles('trainer', 'admin')
  @ApiPageResponse(RosterEntryView)
  @Get('class-sessions/:id/attendance')
  @ApiOperation({ summary: 'The roster of a session: every enrolled student with their record' })
  roster(@Param('id', UuidPipe) id: string, @Query() page: PageQuery): Promise<Page<RosterEntryView>> {
    return this.reports.roster(id, page.limit, page.offset);
  }

  @Roles('trainer', 'admin')
  @ApiResponse({ status: 200, type: AttendanceRecordView })
  @Get('class-sessions/:id/attendance/:studentId')
  @ApiOperation({ summary: "A student's record at a session with every change and its author" })
  record(@Param('id', UuidPipe) id: string, @Param('studentId', UuidPipe) studentId: string): Promise<AttendanceRecordView> {
    return this.reports.record(id, studentId);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 200, type: AttendanceView })
  @Put('class-sessions/:id/attendance/:studentId')
  @ApiOperation({ summary: 'Correct attendance; credit and reversal go to the ledger as new entries' })
  correct(
    @Param('id', UuidPipe) id: string,
    @Param('studentId', UuidPipe) studentId: string,
    @Body() dto: CorrectAttendanceDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AttendanceView> {
    return this.attendance.correct(id, studentId, dto, user);
  }

  @Roles('trainer', 'admin')
  @ApiResponse({ status: 200, type: CourseAttendanceView })
  @Get('courses/:id/attendance')
  @ApiOperation({ summary: 'Attendance rates of a course per session and per student' })
  course(@Param('id', UuidPipe) id: string): Promise<CourseAttendanceView> {
    return this.reports.courseReport(id);
  }
}
