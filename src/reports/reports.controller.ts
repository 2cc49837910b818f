import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../identity/auth.decorators';
import { AnnualQuery, OverviewQuery } from './dto/reports.dto';
import { annualCsv, overviewCsv } from './reports.csv';
import { ReportsService } from './reports.service';
import type { AnnualView, OverviewView } from './reports.views';

function sendCsv(res: Response, name: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
}

@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('overview')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'A year’s (or one cohort’s) figures, computed from the records; ?format=csv for a spreadsheet' })
  async overview(@Query() q: OverviewQuery, @Res({ passthrough: true }) res: Response): Promise<OverviewView | string> {
    const view = await this.reports.overview({ year: q.year, cohortId: q.cohortId });
    if (q.format !== 'csv') return view;
    sendCsv(res, `overview-${view.year}.csv`);
    return overviewCsv(view);
  }

  @Get('annual')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'The annual report of a calendar year (Asia/Shanghai): the year, each cohort, and the forecast for cohorts in training' })
  async annual(@Query() q: AnnualQuery, @Res({ passthrough: true }) res: Response): Promise<AnnualView | string> {
    const view = await this.reports.annual(q.year);
    if (q.format !== 'csv') return view;
    sendCsv(res, `annual-${view.year}.csv`);
    return annualCsv(view);
  }
}
