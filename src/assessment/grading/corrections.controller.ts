import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { UuidPipe } from '../../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../../identity/auth.decorators';
import { AnswerKeyCorrectionService } from './answer-key-correction.service';
import { AnswerKeyCorrectionDto } from './dto/grading.dto';
import { CorrectionView, toCorrectionView } from './grading.views';
import { ApiPageResponse } from '../../common/openapi';
import { ApiErrors } from '../../common/openapi';
import { AssessmentErrorCode } from '../assessment.errors';
import { GradingErrorCode } from './grading.errors';

@ApiTags('review')
@ApiBearerAuth()
@Roles('trainer', 'admin')
@Controller('api/questions/:id/answer-key-corrections')
export class CorrectionsController {
  constructor(private readonly corrections: AnswerKeyCorrectionService) {}

  @ApiErrors({ 400: [GradingErrorCode.InvalidAnswerKey], 403: [AssessmentErrorCode.NotBankOwner], 404: [AssessmentErrorCode.BankNotFound, AssessmentErrorCode.QuestionNotFound, GradingErrorCode.QuestionVersionNotFound], 409: [GradingErrorCode.AnswerKeyUnchanged] })
  @ApiResponse({ status: 201, type: CorrectionView })
  @Post()
  @ApiOperation({ summary: "Correct the answer key of a question version (the bank's owner or an admin; seeded banks: any staff): recorded, and every attempt holding it is regraded through the queue" })
  async correct(@Param('id', UuidPipe) id: string, @Body() dto: AnswerKeyCorrectionDto, @CurrentUser() user: AuthUser): Promise<CorrectionView> {
    return toCorrectionView(await this.corrections.correct(id, dto, user));
  }

  @ApiErrors({ 403: [AssessmentErrorCode.BankPrivate], 404: [AssessmentErrorCode.BankNotFound, AssessmentErrorCode.QuestionNotFound] })
  @ApiPageResponse(CorrectionView)
  @Get()
  @ApiOperation({ summary: 'The corrections of a question, with how many attempts were regraded and changed' })
  async list(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<{ items: CorrectionView[]; total: number }> {
    const items = (await this.corrections.list(id, user)).map(toCorrectionView);
    return { items, total: items.length };
  }
}
