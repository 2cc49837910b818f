import { Controller, Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UuidPipe } from '../common/validation.pipe';
import { Public } from '../identity/auth.decorators';
import { ClassroomScreenService } from './classroom-screen.service';
import { ScreenLinkQuery } from './dto/attendance.dto';
import { ApiContentResponse } from '../common/openapi';

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;

/**
 * The page for the classroom screen. It is opened on a classroom PC where nobody is signed in,
 * so it is guarded by the signed, expiring link that opening check-in returns, not by a token.
 */
@ApiTags('attendance')
@Controller('class-sessions')
export class ClassroomScreenController {
  constructor(private readonly screen: ClassroomScreenService) {}

  @Public()
  @ApiContentResponse(200, 'text/html', 'The classroom screen page (zh-CN)')
  @Get(':id/screen')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Classroom screen: the rotating check-in code as a QR code (signed link from check-in-code)' })
  async page(@Param('id', UuidPipe) id: string, @Query() q: ScreenLinkQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const host = req.get('host') ?? '';
    const html = await this.screen.render(id, q.exp, q.sig, HOST.test(host) ? `${req.protocol}://${host}` : '');
    // Set only on success: errors leave as JSON like everywhere else.
    res.type('html');
    return html;
  }
}
