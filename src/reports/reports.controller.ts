import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/openapi';
import { Roles } from '../identity/auth.decorators';
import { AnnualQuery, OverviewQuery } from './dto/reports.dto';
import { annualCsv, overviewCsv } from './reports.csv';
import { ReportsService } from './reports.service';
import { ReportsErrorCode } from './reports.errors';
import { AnnualView, OverviewView } from './reports.views';

/** JSON by default, the same figures as CSV with ?format=csv. */
const jsonOrCsv = (view: Function, what: string) =>
  ApiResponse({
    status: 200,
    description: `${what} as JSON, or with ?format=csv as a CSV spreadsheet (UTF-8 with BOM)`,
    content: { 'application/json': { schema: { $ref: getSchemaPath(view) } }, 'text/csv': { schema: { type: 'string' } } },
  });

function sendCsv(res: Response, name: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
}

@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin')
@ApiExtraModels(OverviewView, AnnualView)
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('overview')
  @Header('Cache-Control', 'no-store')
  @jsonOrCsv(OverviewView, 'The figures')
  @ApiErrors({ 404: [ReportsErrorCode.UnknownCohort], 400: [ReportsErrorCode.CohortNotInYear] })
  @ApiOperation({ summary: 'A year’s (or one cohort’s) figures, computed from the records; ?format=csv for a spreadsheet' })
  async overview(@Query() q: OverviewQuery, @Res({ passthrough: true }) res: Response): Promise<OverviewView | string> {
    const view = await this.reports.overview({ year: q.year, cohortId: q.cohortId });
    if (q.format !== 'csv') return view;
    sendCsv(res, `overview-${view.year}.csv`);
    return overviewCsv(view);
  }

  @Get('annual')
  @Header('Cache-Control', 'no-store')
  @jsonOrCsv(AnnualView, 'The annual report')
  @ApiOperation({ summary: 'The annual report of a calendar year (Asia/Shanghai): the year, each cohort, and the forecast for cohorts in training' })
  async annual(@Query() q: AnnualQuery, @Res({ passthrough: true }) res: Response): Promise<AnnualView | string> {
    const view = await this.reports.annual(q.year);
    if (q.format !== 'csv') return view;
    sendCsv(res, `annual-${view.year}.csv`);
    return annualCsv(view);
  }
}
