import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page, PageQuery } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { AttemptView, ExamView, StudentExamView, toAttemptSummaryView, toExamView, toStudentExamView } from './assessment.views';
import { AttemptService } from './attempt.service';
import { CreateExamDto } from './dto/exams.dto';
import { ExamService } from './exam.service';
import { ExamAttemptView } from './assessment.views';
import { ApiPageResponse } from '../common/openapi';
import { ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { AssessmentErrorCode } from './assessment.errors';
import { CatalogErrorCode } from '../catalog/catalog.errors';

@ApiTags('exams')
@ApiBearerAuth()
@ApiExtraModels(ExamView, StudentExamView)
@Controller('api/exams')
export class ExamsController {
  constructor(
    private readonly exams: ExamService,
    private readonly attempts: AttemptService,
  ) {}

  @ApiErrors({ 400: [AssessmentErrorCode.DrawNotSatisfiable, AssessmentErrorCode.InvalidExam, AssessmentErrorCode.LessonNotExam], 403: [AssessmentErrorCode.BankPrivate, CatalogErrorCode.NotCourseOwner], 404: [AssessmentErrorCode.BankNotFound, CatalogErrorCode.LessonNotFound, CatalogErrorCode.CourseNotFound, CatalogErrorCode.LessonNotFound] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 201, type: ExamView })
  @Post()
  @ApiOperation({ summary: 'Create an exam: draw rules over banks, time limit, pass score (%), attempts, shuffling, window, review policy' })
  async create(@Body() dto: CreateExamDto, @CurrentUser() user: AuthUser): Promise<ExamView> {
    return toExamView(await this.exams.createFromDto(dto, user));
  }

  @ApiResponse({ status: 200, description: 'Students get StudentExamView items, staff ExamView items', schema: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: { oneOf: [{ $ref: getSchemaPath(ExamView) }, { $ref: getSchemaPath(StudentExamView) }] } }, total: { type: 'integer' } } } })
  @Roles('student', 'trainer', 'admin')
  @Get()
  @ApiOperation({ summary: 'Students: the exams they may take, with their attempts. Staff: every exam' })
  async list(@Query() page: PageQuery, @CurrentUser() user: AuthUser): Promise<Page<ExamView | StudentExamView>> {
    const { items, total } = await this.exams.list(user, page.limit, page.offset);
    return { items: items.map(({ exam, attempts }) => (user.role === 'student' ? toStudentExamView(exam, attempts) : toExamView(exam))), total };
  }

  @ApiErrors({ 404: [AssessmentErrorCode.ExamNotFound] })
  @ApiResponse({ status: 200, description: 'StudentExamView for students, ExamView for staff', schema: { oneOf: [{ $ref: getSchemaPath(ExamView) }, { $ref: getSchemaPath(StudentExamView) }] } })
  @Roles('student', 'trainer', 'admin')
  @Get(':id')
  @ApiOperation({ summary: 'One exam (students: with their attempts)' })
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ExamView | StudentExamView> {
    const { exam, attempts } = await this.exams.getFor(id, user);
    return user.role === 'student' ? toStudentExamView(exam, attempts) : toExamView(exam);
  }

  @ApiErrors({ 404: [AssessmentErrorCode.ExamNotFound] })
  @ApiPageResponse(ExamAttemptView)
  @Roles('trainer', 'admin')
  @Get(':id/attempts')
  @ApiOperation({ summary: 'The attempts at an exam' })
  async attemptsOf(@Param('id', UuidPipe) id: string, @Query() page: PageQuery) {
    const { items, total } = await this.exams.attemptsAt(id, page.limit, page.offset);
    return { items: items.map((a) => ({ ...toAttemptSummaryView(a), studentId: a.studentId, username: a.username })), total };
  }

  @ApiErrors({ 403: [AssessmentErrorCode.ExamNotAvailable], 404: [AssessmentErrorCode.AttemptNotFound, AssessmentErrorCode.ExamNotFound], 409: [AssessmentErrorCode.AttemptLimitReached, AssessmentErrorCode.DrawNotSatisfiable, AssessmentErrorCode.ExamClosed, AssessmentErrorCode.ExamNotOpen] })
  @Roles('student')
  @ApiResponse({ status: 201, type: AttemptView })
  @Post(':id/attempts')
  @ApiOperation({ summary: 'Start an attempt (201), or resume the open one (200): questions and deadline are frozen at the start' })
  async start(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<AttemptView> {
    const { view, created } = await this.attempts.start(id, user);
    res.status(created ? 201 : 200);
    return view;
  }
}
