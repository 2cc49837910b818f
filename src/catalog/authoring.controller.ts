import { UuidPipe } from '../common/validation.pipe';
import { IdentityErrorCode } from '../identity/identity.errors';
import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { CatalogService } from './catalog.service';
import { CourseView, LessonView } from './catalog.views';
import { CourseAuthoringService, PublishResult } from './course-authoring.service';
import { toLessonView } from './course-snapshot';
import {
  CreateCourseDto,
  CreateLessonDto,
  CreateModuleDto,
  EnrollDto,
  ReorderDto,
  SetCourseTrainersDto,
  UpdateCourseDto,
  UpdateLessonDto,
  UpdateModuleDto,
} from './dto/catalog.dto';
import { CourseTrainersView, EnrollmentResultView, ModuleView } from './catalog.views';
import { ApiErrors } from '../common/openapi';
import { CatalogErrorCode } from './catalog.errors';
import { MediaErrorCode } from '../media/media.errors';

@ApiTags('authoring')
@ApiBearerAuth()
@Roles('trainer', 'admin')
@Controller('api')
export class AuthoringController {
  constructor(
    private readonly authoring: CourseAuthoringService,
    private readonly catalog: CatalogService,
  ) {}

  @ApiErrors({ 404: [CatalogErrorCode.CourseNotFound] })
  @ApiResponse({ status: 201, type: CourseView })
  @Post('courses')
  @ApiOperation({ summary: 'Create a draft course' })
  async createCourse(@Body() dto: CreateCourseDto, @CurrentUser() user: AuthUser): Promise<CourseView> {
    const course = await this.authoring.createCourse(dto, user);
    return this.catalog.draftCourse(course.id);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound], 409: [CatalogErrorCode.CourseArchived] })
  @ApiResponse({ status: 200, type: CourseView })
  @Patch('courses/:id')
  @ApiOperation({ summary: 'Change a draft course' })
  async updateCourse(@Param('id', UuidPipe) id: string, @Body() dto: UpdateCourseDto, @CurrentUser() user: AuthUser): Promise<CourseView> {
    await this.authoring.updateCourse(id, dto, user);
    return this.catalog.draftCourse(id);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound], 409: [CatalogErrorCode.CourseArchived] })
  @ApiResponse({ status: 201, type: ModuleView })
  @Post('courses/:id/modules')
  @ApiOperation({ summary: 'Add a module to a draft course' })
  async addModule(@Param('id', UuidPipe) id: string, @Body() dto: CreateModuleDto, @CurrentUser() user: AuthUser) {
    const m = await this.authoring.addModule(id, dto, user);
    return { id: m.id, courseId: m.courseId, title: m.title, position: m.position, hours: 0, lessons: [] };
  }

  @ApiErrors({ 400: [CatalogErrorCode.ReorderMismatch], 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound], 409: [CatalogErrorCode.CourseArchived] })
  @ApiResponse({ status: 200, type: CourseView })
  @Put('courses/:id/modules/order')
  @ApiOperation({ summary: 'Reorder the modules: every active module id, in the new order' })
  async reorderModules(@Param('id', UuidPipe) id: string, @Body() dto: ReorderDto, @CurrentUser() user: AuthUser): Promise<CourseView> {
    await this.authoring.reorderModules(id, dto.ids, user);
    return this.catalog.draftCourse(id);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound, CatalogErrorCode.ModuleNotFound], 409: [CatalogErrorCode.CourseArchived] })
  @ApiResponse({ status: 204, description: 'Done; no body' })
  @Patch('modules/:id')
  @ApiOperation({ summary: 'Change a module' })
  @HttpCode(204)
  async updateModule(@Param('id', UuidPipe) id: string, @Body() dto: UpdateModuleDto, @CurrentUser() user: AuthUser): Promise<void> {
    await this.authoring.updateModule(id, dto, user);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound, CatalogErrorCode.ModuleNotFound], 409: [CatalogErrorCode.CourseArchived] })
  @ApiResponse({ status: 204, description: 'Done; no body' })
  @Delete('modules/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a module from the draft (published versions keep it)' })
  async archiveModule(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.authoring.archiveModule(id, user);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound, CatalogErrorCode.ModuleNotFound], 409: [CatalogErrorCode.CourseArchived] })
  @ApiResponse({ status: 201, type: LessonView })
  @Post('modules/:id/lessons')
  @ApiOperation({ summary: 'Add a lesson to a module' })
  async addLesson(@Param('id', UuidPipe) id: string, @Body() dto: CreateLessonDto, @CurrentUser() user: AuthUser): Promise<LessonView> {
    return toLessonView(await this.authoring.addLesson(id, dto, user));
  }

  @ApiErrors({ 400: [CatalogErrorCode.ReorderMismatch], 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound, CatalogErrorCode.ModuleNotFound], 409: [CatalogErrorCode.CourseArchived] })
  @ApiResponse({ status: 204, description: 'Done; no body' })
  @Put('modules/:id/lessons/order')
  @ApiOperation({ summary: 'Reorder the lessons of a module' })
  @HttpCode(204)
  async reorderLessons(@Param('id', UuidPipe) id: string, @Body() dto: ReorderDto, @CurrentUser() user: AuthUser): Promise<void> {
    await this.authoring.reorderLessons(id, dto.ids, user);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound, CatalogErrorCode.LessonNotFound, CatalogErrorCode.ModuleNotFound, MediaErrorCode.MediaNotFound], 409: [CatalogErrorCode.CourseArchived, CatalogErrorCode.LessonNotVideo] })
  @ApiResponse({ status: 200, type: LessonView })
  @Patch('lessons/:id')
  @ApiOperation({ summary: 'Change a lesson' })
  async updateLesson(@Param('id', UuidPipe) id: string, @Body() dto: UpdateLessonDto, @CurrentUser() user: AuthUser): Promise<LessonView> {
    return toLessonView(await this.authoring.updateLesson(id, dto, user));
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound, CatalogErrorCode.LessonNotFound], 409: [CatalogErrorCode.CourseArchived] })
  @ApiResponse({ status: 204, description: 'Done; no body' })
  @Delete('lessons/:id')
  @ApiOperation({ summary: 'Remove a lesson from the draft' })
  @HttpCode(204)
  async archiveLesson(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.authoring.archiveLesson(id, user);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound], 409: [CatalogErrorCode.CourseArchived, CatalogErrorCode.NothingToPublish] })
  @ApiResponse({ status: 200, type: PublishResult })
  @Post('courses/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze the draft as the next published version' })
  publish(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<PublishResult> {
    return this.authoring.publish(id, user);
  }

  @ApiErrors({ 400: [CatalogErrorCode.EnrollmentTargetMissing, CatalogErrorCode.NotStudents], 403: [CatalogErrorCode.NotCourseOwner], 404: [IdentityErrorCode.CohortNotFound, CatalogErrorCode.CourseNotFound] })
  @ApiResponse({ status: 200, type: EnrollmentResultView })
  @Post('courses/:id/enrollments')
  @ApiOperation({ summary: 'Enroll students or a cohort in a course' })
  @HttpCode(200)
  enroll(@Param('id', UuidPipe) id: string, @Body() dto: EnrollDto, @CurrentUser() user: AuthUser) {
    return this.authoring.enroll(id, dto, user);
  }

  @ApiErrors({ 400: [CatalogErrorCode.NotTrainers], 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound] })
  @ApiResponse({ status: 200, type: CourseTrainersView })
  @Put('courses/:id/trainers')
  @ApiOperation({ summary: "Set the course's co-trainers (owner or admin): they manage the course like its owner" })
  setTrainers(@Param('id', UuidPipe) id: string, @Body() dto: SetCourseTrainersDto, @CurrentUser() user: AuthUser) {
    return this.authoring.setTrainers(id, dto.trainerIds, user);
  }

  @ApiErrors({ 403: [CatalogErrorCode.NotCourseOwner], 404: [CatalogErrorCode.CourseNotFound, CatalogErrorCode.EnrollmentNotFound] })
  @ApiResponse({ status: 204, description: 'Done; no body' })
  @Delete('courses/:id/enrollments/:studentId')
  @HttpCode(204)
  @ApiOperation({ summary: "Unenrol a student: their playback sessions of the course end at once (stream links and heartbeats get 403); credited hours stay" })
  async unenroll(@Param('id', UuidPipe) id: string, @Param('studentId', UuidPipe) studentId: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.authoring.unenroll(id, studentId, user);
  }
}
