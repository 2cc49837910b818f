import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { IdentityErrorCode } from '../identity/identity.errors';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { PageQuery } from '../common/pagination.dto';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { HourAdjustmentDto } from './dto/hours.dto';
import { HoursService } from './hours.service';
import { HourEntryView, toHourEntryView, TranscriptView } from './hours.views';
import { LedgerVerification, LedgerVerificationService } from './ledger-verification.service';
import { ApiErrors } from '../common/openapi';

@ApiTags('hours')
@ApiBearerAuth()
@Controller('api')
export class HoursController {
  constructor(private readonly hours: HoursService) {}

  @ApiErrors({ 404: [IdentityErrorCode.StudentNotFound] })
  @Roles('student')
  @ApiResponse({ status: 200, type: TranscriptView })
  @Get('me/transcript')
  @ApiOperation({ summary: 'My hours per course system against the required hours, with the ledger entries' })
  mine(@CurrentUser() user: AuthUser, @Query() page: PageQuery): Promise<TranscriptView> {
    return this.hours.transcript(user.id, page.limit, page.offset);
  }

  @ApiErrors({ 404: [IdentityErrorCode.StudentNotFound] })
  @Roles('trainer', 'admin')
  @ApiResponse({ status: 200, type: TranscriptView })
  @Get('students/:id/transcript')
  @ApiOperation({ summary: "A student's hours per course system" })
  student(@Param('id', UuidPipe) id: string, @Query() page: PageQuery): Promise<TranscriptView> {
    return this.hours.transcript(id, page.limit, page.offset);
  }

  @ApiErrors({ 404: [IdentityErrorCode.StudentNotFound] })
  @Roles('admin')
  @ApiResponse({ status: 201, type: HourEntryView })
  @Post('students/:id/hour-adjustments')
  @ApiOperation({ summary: 'Add or take away hours with a reason; recorded with its author (never edits an entry)' })
  async adjust(@Param('id', UuidPipe) id: string, @Body() dto: HourAdjustmentDto, @CurrentUser() user: AuthUser): Promise<HourEntryView> {
    return toHourEntryView(await this.hours.adjust(id, dto, user));
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/ledger')
export class LedgerAdminController {
  constructor(private readonly verification: LedgerVerificationService) {}

  @ApiResponse({ status: 200, type: LedgerVerification })
  @Roles('admin')
  @Get('verify')
  @ApiOperation({ summary: 'Recompute every credit from its source records and list where the hour ledger differs' })
  verify(): Promise<LedgerVerification> {
    return this.verification.verify();
  }
}
