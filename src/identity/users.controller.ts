import { UuidPipe } from '../common/validation.pipe';
import { Body, Controller, Delete, Get, Header, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { CommonErrorCode, unsupportedMediaType } from '../common/error-codes';
import { Page } from '../common/pagination.dto';
import { type AuthUser, CurrentUser, Roles } from './auth.decorators';
import { CreateCohortDto, CreateUserDto, ImportUsersQuery, ListUsersQuery, UpdateUserDto } from './dto/identity.dto';
import { SessionView, toSessionView, toUserView, UserView } from './identity.views';
import { ImportReport, UsersService } from './users.service';
import { Consumes } from '../common/content-type.interceptor';
import { CohortView, CreatedUserView } from './identity.views';
import { UserImportReport } from './users.service';
import { ApiPageResponse, pageSchemaOf } from '../common/openapi';
import { ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { IdentityErrorCode } from './identity.errors';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiErrors({ 404: [IdentityErrorCode.CohortNotFound], 409: [IdentityErrorCode.UsernameTaken] })
  @ApiResponse({ status: 201, type: CreatedUserView })
  @Post('users')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create a user; a generated initial password is returned once when none is given' })
  async create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserView & { initialPassword?: string }> {
    const { user, initialPassword } = await this.users.create(actor.id, dto);
    return { ...toUserView(user), initialPassword };
  }

  @ApiResponse({ status: 200, description: 'A page of users as JSON, or with ?format=csv every matching user as CSV', content: { 'application/json': { schema: { $ref: getSchemaPath(pageSchemaOf(UserView)) } }, 'text/csv': { schema: { type: 'string' } } } })
  @ApiExtraModels(pageSchemaOf(UserView))
  @Get('users')
  @ApiOperation({ summary: 'List users; ?format=csv answers every matching user as a CSV download' })
  async list(@Query() query: ListUsersQuery, @Res({ passthrough: true }) res: Response): Promise<Page<UserView> | string> {
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="users.csv"');
      return this.users.exportCsv(query);
    }
    const page = await this.users.list(query);
    return { items: page.items.map(toUserView), total: page.total };
  }

  @ApiErrors({ 404: [IdentityErrorCode.UserNotFound] })
  @ApiResponse({ status: 200, type: UserView })
  @Get('users/:id')
  @ApiOperation({ summary: 'One user' })
  async get(@Param('id', UuidPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.get(id));
  }

  @ApiErrors({ 404: [IdentityErrorCode.UserNotFound] })
  @ApiResponse({ status: 200, type: UserView })
  @Patch('users/:id')
  @ApiOperation({ summary: 'Change display name or role; a new role ends every login of the user' })
  async update(@CurrentUser() actor: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return toUserView(await this.users.update(actor.id, id, dto));
  }

  @ApiErrors({ 404: [IdentityErrorCode.UserNotFound] })
  @ApiPageResponse(SessionView)
  @Get('users/:id/sessions')
  @ApiOperation({ summary: "A user's logins, newest first (ended ones with when and why)" })
  async sessions(@Param('id', UuidPipe) id: string): Promise<{ items: SessionView[]; total: number }> {
    const items = (await this.users.listSessions(id)).map((s) => toSessionView(s));
    return { items, total: items.length };
  }

  @ApiErrors({ 404: [IdentityErrorCode.SessionNotFound, IdentityErrorCode.UserNotFound] })
  @ApiResponse({ status: 204, description: 'Done; no body' })
  @Delete('users/:id/sessions/:sessionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'End one login of a user; its tokens stop working on every API process within seconds' })
  async endSession(@CurrentUser() actor: AuthUser, @Param('id', UuidPipe) id: string, @Param('sessionId', UuidPipe) sessionId: string): Promise<void> {
    await this.users.endSession(actor.id, id, sessionId);
  }

  @ApiErrors({ 404: [IdentityErrorCode.UserNotFound] })
  @ApiResponse({ status: 200, schema: { type: 'object', required: ['ended'], properties: { ended: { type: 'integer', description: 'How many logins were ended' } } } })
  @Post('users/:id/sign-out-everywhere')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every login of a user' })
  signOutEverywhere(@CurrentUser() actor: AuthUser, @Param('id', UuidPipe) id: string): Promise<{ ended: number }> {
    return this.users.signOutEverywhere(actor.id, id);
  }

  @ApiErrors({ 404: [IdentityErrorCode.UserNotFound], 409: [IdentityErrorCode.CannotDisableSelf] })
  @ApiResponse({ status: 200, type: UserView })
  @Post('users/:id/disable')
  @ApiOperation({ summary: 'Disable a user (ends their logins)' })
  @HttpCode(200)
  async disable(@CurrentUser() actor: AuthUser, @Param('id', UuidPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.setStatus(actor.id, id, 'disabled'));
  }

  @ApiErrors({ 404: [IdentityErrorCode.UserNotFound], 409: [IdentityErrorCode.CannotDisableSelf] })
  @ApiResponse({ status: 200, type: UserView })
  @Post('users/:id/enable')
  @ApiOperation({ summary: 'Enable a disabled user' })
  @HttpCode(200)
  async enable(@CurrentUser() actor: AuthUser, @Param('id', UuidPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.setStatus(actor.id, id, 'active'));
  }

  @ApiErrors({ 415: [CommonErrorCode.UnsupportedMediaType] })
  @ApiResponse({ status: 200, type: UserImportReport })
  @Post('users/import')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Consumes('text/csv')
  @ApiBody({
    description: 'CSV with a header: username, display_name, role[, cohort, password]. Roles: student, trainer, admin.',
    schema: { type: 'string', example: 'username,display_name,role,cohort\nli.lei,李雷,student,2022 下半年' },
  })
  @ApiOperation({ summary: 'Import users from CSV; returns a per-row report (bad rows do not stop good ones). Unknown cohorts fail their rows unless ?createCohorts=true' })
  async import(
    @CurrentUser() actor: AuthUser,
    @Body() body: unknown,
    @Query() query: ImportUsersQuery,
    @Headers('content-type') contentType?: string,
  ): Promise<ImportReport> {
    if (typeof body !== 'string') {
      throw unsupportedMediaType(`Send the CSV as the request body with Content-Type: text/csv (got ${contentType ?? 'none'})`);
    }
    return this.users.importCsv(actor.id, body, { createCohorts: query.createCohorts === 'true' });
  }

  @ApiErrors({ 409: [IdentityErrorCode.CohortNameTaken] })
  @ApiResponse({ status: 201, type: CohortView })
  @Post('cohorts')
  @ApiOperation({ summary: 'Create a cohort' })
  async createCohort(@Body() dto: CreateCohortDto) {
    return this.users.createCohort(dto.name, dto.year ?? null);
  }

  @ApiPageResponse(CohortView)
  @Get('cohorts')
  @ApiOperation({ summary: 'Every cohort with its member count' })
  async listCohorts() {
    const items = await this.users.listCohorts();
    return { items, total: items.length };
  }
}
