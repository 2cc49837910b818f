import { UuidPipe } from '../common/validation.pipe';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../common/domain-error';
import { Page, PageQuery } from '../common/pagination.dto';
import { Roles } from '../identity/auth.decorators';
import { TrainingRepository } from './training.repository';
import { ScenarioView, toScenarioView } from './training.views';

@ApiTags('training')
@ApiBearerAuth()
@Roles('student', 'trainer', 'admin')
@Controller('api/training')
export class TrainingController {
  constructor(private readonly repo: TrainingRepository) {}

  @Get('scenarios')
  async scenarios(@Query() page: PageQuery): Promise<Page<ScenarioView>> {
    const { items, total } = await this.repo.listScenarios(page.limit, page.offset);
    return { items: items.map(toScenarioView), total };
  }

  @Get('scenarios/:id')
  async scenario(@Param('id', UuidPipe) id: string): Promise<ScenarioView> {
    const s = await this.repo.findScenario(id);
    if (!s) throw new NotFoundError('Scenario', 'SCENARIO_NOT_FOUND');
    return toScenarioView(s);
  }
}
