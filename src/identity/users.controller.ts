import { UuidPipe } from '../common/validation.pipe';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error';
import { CommonErrorCode } from '../common/error-codes';
import { Page } from '../common/pagination.dto';
import { type AuthUser, CurrentUser, Roles } from './auth.decorators';
import { CreateCohortDto, CreateUserDto, ListUsersQuery } from './dto/identity.dto';
import { toUserView, UserView } from './identity.views';
import { ImportReport, UsersService } from './users.service';
import { Consumes } from '../common/content-type.guard';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('users')
  @ApiOperation({ summary: 'Create a user; a generated initial password is returned once when none is given' })
  async create(@Body() dto: CreateUserDto): Promise<UserView & { initialPassword?: string }> {
    const { user, initialPassword } = await this.users.create(dto);
    return { ...toUserView(user), initialPassword };
  }

  @Get('users')
  async list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    const page = await this.users.list(query);
    return { items: page.items.map(toUserView), total: page.total };
  }

  @Get('users/:id')
  async get(@Param('id', UuidPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.get(id));
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  async disable(@CurrentUser() actor: AuthUser, @Param('id', UuidPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.setStatus(actor.id, id, 'disabled'));
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  async enable(@CurrentUser() actor: AuthUser, @Param('id', UuidPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.setStatus(actor.id, id, 'active'));
  }

  @Post('users/import')
  @HttpCode(200)
  @Consumes('text/csv')
  @ApiBody({
    description: 'CSV with a header: username, display_name, role[, cohort, password]. Roles: student, trainer, admin.',
    schema: { type: 'string', example: 'username,display_name,role,cohort\nli.lei,李雷,student,2022 下半年' },
  })
  @ApiOperation({ summary: 'Import users from CSV; returns a per-row report (bad rows do not stop good ones)' })
  async import(@Body() body: unknown, @Headers('content-type') contentType?: string): Promise<ImportReport> {
    if (typeof body !== 'string') {
      throw new DomainError(
        CommonErrorCode.UnsupportedMediaType,
        415,
        `Send the CSV as the request body with Content-Type: text/csv (got ${contentType ?? 'none'})`,
      );
    }
    return this.users.importCsv(body);
  }

  @Post('cohorts')
  async createCohort(@Body() dto: CreateCohortDto) {
    return this.users.createCohort(dto.name, dto.year ?? null);
  }

  @Get('cohorts')
  async listCohorts() {
    const items = await this.users.listCohorts();
    return { items, total: items.length };
  }
}
