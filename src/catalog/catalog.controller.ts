import { UuidPipe } from '../common/validation.pipe';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page } from '../common/pagination.dto';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { CatalogService } from './catalog.service';
import { CourseSummaryView, CourseSystemView, CourseView } from './catalog.views';
import { CourseListQuery, CourseViewQuery } from './dto/catalog.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@Roles('student', 'trainer', 'admin')
@Controller('api')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('course-systems')
  @ApiOperation({ summary: 'The four course systems with required and published hours' })
  async systems(): Promise<{ items: CourseSystemView[]; total: number }> {
    const items = await this.catalog.listSystems();
    return { items, total: items.length };
  }

  @Get('courses')
  @ApiOperation({ summary: 'Students: published courses they are enrolled in. Staff: every course (draft status).' })
  courses(@CurrentUser() user: AuthUser, @Query() query: CourseListQuery): Promise<Page<CourseSummaryView>> {
    return this.catalog.listCourses(user, query);
  }

  @Get('courses/:id')
  @ApiOperation({ summary: 'A course with modules and lessons: the published version for students, the draft (or ?view=published) for staff' })
  @ApiOkResponse({ description: 'CourseView' })
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
