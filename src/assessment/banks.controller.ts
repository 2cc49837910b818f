import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { Page, PageQuery } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { BankView, QuestionVersionView, QuestionView, toBankView, toQuestionVersionView, toQuestionView } from './assessment.views';
import { CreateBankDto, CreateQuestionDto, QuestionListQuery, UpdateBankDto, UpdateQuestionDto } from './dto/banks.dto';
import { ImportReport, QuestionBankService } from './question-bank.service';
import { Consumes } from '../common/content-type.interceptor';
import { ApiPageResponse } from '../common/openapi';
import { QuestionImportReport } from './question-bank.service';
import { QuestionWithVersionsView } from './assessment.views';
import { ApiErrors } from '../common/openapi';
import { AssessmentErrorCode } from './assessment.errors';

@ApiTags('question banks')
@ApiBearerAuth()
@Roles('trainer', 'admin')
@Controller('api')
export class BanksController {
  constructor(private readonly banks: QuestionBankService) {}

  @ApiResponse({ status: 201, type: BankView })
  @Post('question-banks')
  @ApiOperation({ summary: 'Create a question bank' })
  async create(@Body() dto: CreateBankDto, @CurrentUser() user: AuthUser): Promise<BankView> {
    return toBankView(Object.assign(await this.banks.createBank(dto, user), { questionCount: 0 }));
  }

  @ApiPageResponse(BankView)
  @Get('question-banks')
  @ApiOperation({ summary: 'Banks the caller may read: their own, shared and seeded ones (admins: all)' })
  async list(@Query() page: PageQuery, @CurrentUser() user: AuthUser): Promise<Page<BankView>> {
    const { items, total } = await this.banks.listBanks(user, page.limit, page.offset);
    return { items: items.map(toBankView), total };
  }

  @ApiErrors({ 403: [AssessmentErrorCode.BankPrivate], 404: [AssessmentErrorCode.BankNotFound] })
  @ApiResponse({ status: 200, type: BankView })
  @Get('question-banks/:id')
  @ApiOperation({ summary: 'One question bank' })
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<BankView> {
    return toBankView(await this.banks.getBank(id, user));
  }

  @ApiErrors({ 403: [AssessmentErrorCode.BankPrivate, AssessmentErrorCode.NotBankOwner], 404: [AssessmentErrorCode.BankNotFound] })
  @ApiResponse({ status: 200, type: BankView })
  @Patch('question-banks/:id')
  @ApiOperation({ summary: "Rename a bank or share it with all staff (the bank's owner or an admin)" })
  async update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateBankDto, @CurrentUser() user: AuthUser): Promise<BankView> {
    return toBankView(await this.banks.updateBank(id, dto, user));
  }

  @ApiErrors({ 403: [AssessmentErrorCode.BankPrivate], 404: [AssessmentErrorCode.BankNotFound] })
  @ApiPageResponse(QuestionView)
  @Get('question-banks/:id/questions')
  @ApiOperation({ summary: 'The questions of a bank' })
  async questions(@Param('id', UuidPipe) id: string, @Query() q: QuestionListQuery, @CurrentUser() user: AuthUser): Promise<Page<QuestionView>> {
    const { items, total } = await this.banks.listQuestions(id, q, user);
    return { items: items.map(toQuestionView), total };
  }

  @ApiErrors({ 400: [AssessmentErrorCode.InvalidQuestion], 403: [AssessmentErrorCode.NotBankOwner], 404: [AssessmentErrorCode.BankNotFound], 409: [AssessmentErrorCode.QuestionRefTaken] })
  @ApiResponse({ status: 201, type: QuestionView })
  @Post('question-banks/:id/questions')
  @ApiOperation({ summary: 'Add a question (version 1)' })
  async addQuestion(@Param('id', UuidPipe) id: string, @Body() dto: CreateQuestionDto, @CurrentUser() user: AuthUser): Promise<QuestionView> {
    return toQuestionView(await this.banks.addQuestion(id, dto, user));
  }

  @ApiErrors({ 403: [AssessmentErrorCode.NotBankOwner], 404: [AssessmentErrorCode.BankNotFound] })
  @ApiResponse({ status: 200, type: QuestionImportReport })
  @Post('question-banks/:id/import')
  @HttpCode(200)
  @Consumes(['application/json', 'text/csv'])
  @ApiBody({
    description:
      'A JSON array of questions (or { questions: [...] }), or a CSV with the header type, stem, option_a … option_j, answer, points[, ref, scoring, tags, difficulty, explanation]',
    schema: { type: 'string', example: 'ref,type,stem,option_a,option_b,answer,points,tags\nq1,single,题干,选项一,选项二,A,2,标签' },
  })
  @ApiOperation({ summary: 'Bulk import with a per-row report: bad rows name their place and reason and do not stop the good ones' })
  importQuestions(@Param('id', UuidPipe) id: string, @Body() body: unknown, @CurrentUser() user: AuthUser): Promise<ImportReport> {
    return this.banks.importQuestions(id, body, user);
  }

  @ApiErrors({ 403: [AssessmentErrorCode.BankPrivate], 404: [AssessmentErrorCode.BankNotFound, AssessmentErrorCode.QuestionNotFound] })
  @ApiResponse({ status: 200, type: QuestionWithVersionsView })
  @Get('questions/:id')
  @ApiOperation({ summary: 'A question with its versions' })
  async question(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<QuestionView & { versions: QuestionVersionView[] }> {
    const { record, versions } = await this.banks.getQuestion(id, user);
    return { ...toQuestionView(record), versions: versions.map(toQuestionVersionView) };
  }

  @ApiErrors({ 400: [AssessmentErrorCode.InvalidQuestion], 403: [AssessmentErrorCode.NotBankOwner], 404: [AssessmentErrorCode.BankNotFound, AssessmentErrorCode.QuestionNotFound] })
  @ApiResponse({ status: 200, type: QuestionView })
  @Patch('questions/:id')
  @ApiOperation({ summary: 'Edit a question: creates a new version; attempts already started keep theirs' })
  async edit(@Param('id', UuidPipe) id: string, @Body() dto: UpdateQuestionDto, @CurrentUser() user: AuthUser): Promise<QuestionView> {
    return toQuestionView(await this.banks.editQuestion(id, { ...dto }, user));
  }
}
