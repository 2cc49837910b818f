import { UuidPipe } from '../common/validation.pipe';
import { Body, Controller, Get, Param, Patch, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page } from '../common/pagination.dto';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { CatalogService } from './catalog.service';
import { CourseSystemsService } from './course-systems.service';
import { CourseSummaryView, CourseSystemView, CourseView } from './catalog.views';
import { CourseListQuery, CourseViewQuery, UpdateCourseSystemDto } from './dto/catalog.dto';
import { ApiPageResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { CatalogErrorCode } from './catalog.errors';

@ApiTags('catalog')
@ApiBearerAuth()
@Roles('student', 'trainer', 'admin')
@Controller('api')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly systemsAdmin: CourseSystemsService,
  ) {}

  @ApiPageResponse(CourseSystemView)
  @Get('course-systems')
  @ApiOperation({ summary: 'The four course systems with required and published hours' })
  async systems(): Promise<{ items: CourseSystemView[]; total: number }> {
    const items = await this.catalog.listSystems();
    return { items, total: items.length };
  }

  @ApiErrors({ 404: [CatalogErrorCode.UnknownSystem] })
  @Roles('admin')
  @ApiResponse({ status: 200, type: CourseSystemView })
  @Patch('course-systems/:code')
  @ApiOperation({ summary: 'Change the hours a course system requires (the seed’s figures are defaults); audited' })
  setRequiredHours(@Param('code') code: string, @Body() dto: UpdateCourseSystemDto, @CurrentUser() user: AuthUser): Promise<CourseSystemView> {
    return this.systemsAdmin.setRequiredHours(code, dto.requiredHours, user);
  }

  @ApiPageResponse(CourseSummaryView)
  @Get('courses')
  @ApiOperation({ summary: 'Students: published courses they are enrolled in. Staff: every course (draft status).' })
  courses(@CurrentUser() user: AuthUser, @Query() query: CourseListQuery): Promise<Page<CourseSummaryView>> {
    return this.catalog.listCourses(user, query);
  }

  @ApiErrors({ 404: [CatalogErrorCode.CourseNotFound] })
  @Get('courses/:id')
  @ApiOperation({ summary: 'A course with modules and lessons: the published version for students, the draft (or ?view=published) for staff' })
  @ApiOkResponse({ type: CourseView })
  async course(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Query() query: CourseViewQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CourseView | string> {
    if (user.role === 'student' || query.view === 'published') {
      res.type('application/json');
      return user.role === 'student'
        ? this.catalog.publishedCourseJsonForStudent(id, user.id)
        : this.catalog.publishedCourseJson(id);
    }
    return this.catalog.draftCourse(id);
  }
}
