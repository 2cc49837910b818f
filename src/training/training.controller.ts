import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { Page, PageQuery } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { CreateScenarioDto, UpdateScenarioDto } from './dto/training.dto';
import { isStaff } from './drill-submission.service';
import type { TrainingScenario } from './entities/training-scenario.entity';
import { ScenarioAuthoringService } from './scenario-authoring.service';
import { ScenarioView, toScenarioView, toTrainerScenarioView, TrainerScenarioView } from './training.views';
import { ApiErrors } from '../common/openapi';
import { TrainingErrorCode } from './training.errors';
import { ApiExtraModels, getSchemaPath } from '@nestjs/swagger';

/** Students get the student view (no rubric); trainers and admins get the rubric too. */
const viewFor = (user: AuthUser) => (s: TrainingScenario): ScenarioView | TrainerScenarioView =>
  isStaff(user) ? toTrainerScenarioView(s) : toScenarioView(s);

@ApiTags('training')
@ApiBearerAuth()
@ApiExtraModels(ScenarioView, TrainerScenarioView)
@Controller('api/training')
export class TrainingController {
  constructor(private readonly scenarios: ScenarioAuthoringService) {}

  @ApiResponse({ status: 200, description: 'Trainers get TrainerScenarioView items, students ScenarioView items', schema: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: { anyOf: [{ $ref: getSchemaPath(ScenarioView) }, { $ref: getSchemaPath(TrainerScenarioView) }] } }, total: { type: 'integer' } } } })
  @Roles('student', 'trainer', 'admin')
  @Get('scenarios')
  @ApiOperation({ summary: 'The drills; the rubric only for trainers and admins' })
  async list(@Query() page: PageQuery, @CurrentUser() user: AuthUser): Promise<Page<ScenarioView | TrainerScenarioView>> {
    const { items, total } = await this.scenarios.list(page.limit, page.offset);
    return { items: items.map(viewFor(user)), total };
  }

  @ApiErrors({ 404: [TrainingErrorCode.ScenarioNotFound] })
  @ApiResponse({ status: 200, schema: { anyOf: [{ $ref: getSchemaPath(ScenarioView) }, { $ref: getSchemaPath(TrainerScenarioView) }] } })
  @Roles('student', 'trainer', 'admin')
  @Get('scenarios/:id')
  @ApiOperation({ summary: 'One drill scenario' })
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ScenarioView | TrainerScenarioView> {
    return viewFor(user)(await this.scenarios.get(id));
  }

  @ApiErrors({ 400: [TrainingErrorCode.InvalidRubric], 409: [TrainingErrorCode.ScenarioTitleTaken] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 201, type: TrainerScenarioView })
  @Post('scenarios')
  @ApiOperation({ summary: 'Create a scenario with its customer conversation and rubric (checked: 400 INVALID_RUBRIC lists the problems)' })
  async create(@Body() dto: CreateScenarioDto): Promise<TrainerScenarioView> {
    return toTrainerScenarioView(await this.scenarios.create(dto));
  }

  @ApiErrors({ 400: [TrainingErrorCode.InvalidRubric], 404: [TrainingErrorCode.ScenarioNotFound], 409: [TrainingErrorCode.ScenarioTitleTaken] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 200, type: TrainerScenarioView })
  @Patch('scenarios/:id')
  @ApiOperation({ summary: 'Edit a scenario or its rubric; replies already submitted keep the rubric they were graded under' })
  async update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateScenarioDto): Promise<TrainerScenarioView> {
    return toTrainerScenarioView(await this.scenarios.update(id, dto));
  }
}
