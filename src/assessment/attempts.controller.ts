import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { AnswerSavedView, AttemptView, SubmitView } from './assessment.views';
import { AttemptSubmissionService } from './attempt-submission.service';
import { AttemptService } from './attempt.service';
import { SaveAnswerDto } from './dto/attempts.dto';
import { ApiErrors } from '../common/openapi';
import { AssessmentErrorCode } from './assessment.errors';

@ApiTags('exams')
@ApiBearerAuth()
@Controller('api/attempts')
export class AttemptsController {
  constructor(
    private readonly attempts: AttemptService,
    private readonly submission: AttemptSubmissionService,
  ) {}

  @ApiErrors({ 404: [AssessmentErrorCode.AttemptNotFound] })
  @Roles('student', 'trainer', 'admin')
  @ApiResponse({ status: 200, type: AttemptView })
  @Get(':id')
  @ApiOperation({ summary: 'The attempt with its questions and saved answers; keys and marks only as the review policy allows' })
  view(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<AttemptView> {
    return this.attempts.view(id, user);
  }

  @ApiErrors({ 400: [AssessmentErrorCode.AnswerShapeMismatch], 404: [AssessmentErrorCode.AttemptNotFound, AssessmentErrorCode.QuestionNotInAttempt], 409: [AssessmentErrorCode.AttemptSubmitted, AssessmentErrorCode.DeadlinePassed] })
  @Roles('student')
  @ApiResponse({ status: 200, type: AnswerSavedView })
  @Put(':id/answers/:questionId')
  @ApiOperation({ summary: 'Autosave one answer: idempotent, ordered by clientSeq; 409 after submission or the deadline' })
  saveAnswer(
    @Param('id', UuidPipe) id: string,
    @Param('questionId', UuidPipe) questionId: string,
    @Body() dto: SaveAnswerDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AnswerSavedView> {
    return this.attempts.saveAnswer(id, questionId, dto.answer, dto.clientSeq, user);
  }

  @ApiErrors({ 404: [AssessmentErrorCode.AttemptNotFound] })
  @Roles('student')
  @ApiResponse({ status: 202, type: SubmitView })
  @Post(':id/submit')
  @HttpCode(202)
  @ApiOperation({ summary: 'Submit: accepted at once (202) and graded by a worker; submitting again changes nothing' })
  submit(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<SubmitView> {
    return this.submission.submit(id, user);
  }
}
