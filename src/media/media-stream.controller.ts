import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UuidPipe } from '../common/validation.pipe';
import { Public } from '../identity/auth.decorators';
import { MediaStreamService, StreamResponse } from './media-stream.service';
import { ApiContentResponse } from '../common/openapi';
import { ApiErrors } from '../common/openapi';
import { MediaErrorCode } from './media.errors';

async function send(res: Response, answer: StreamResponse): Promise<void> {
  const writeHead = () => res.status(answer.status).set(answer.headers);
  if (!answer.body) {
    writeHead();
    res.end();
    return;
  }
  try {
    // Headers go out only once the file is open, so that a failure before is a proper error response.
    await answer.body(res, writeHead);
  } catch (err) {
    if (!res.headersSent) throw err;
    // Mid-body (usually a viewer seeking away and closing the connection): nothing is left to answer.
    res.destroy();
  }
}

/** Public by route, but every request must carry a valid, unexpired signature. */
@ApiTags('media')
@Public()
@Controller('media')
export class MediaStreamController {
  constructor(private readonly streams: MediaStreamService) {}

  @ApiErrors({ 403: [MediaErrorCode.PlaybackRevoked, MediaErrorCode.UrlExpired, MediaErrorCode.UrlInvalid], 404: [MediaErrorCode.MediaNotFound], 416: [MediaErrorCode.RangeNotSatisfiable] })
  @ApiContentResponse(200, 'video/*', 'The whole video (HEAD: its headers only)', { type: 'string', format: 'binary' })
  @ApiContentResponse(206, 'video/*', 'The requested byte range (Content-Range)', { type: 'string', format: 'binary' })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match / If-Modified-Since)' })
  @Get(':id/stream')
  @ApiOperation({ summary: 'Signed, expiring video stream with HTTP Range (206), If-Range, ETag and HEAD' })
  async stream(
    @Param('id', UuidPipe) id: string,
    @Query('u') u: unknown,
    @Query('s') s: unknown,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.streams.respond(id, {
      method: req.method,
      query: { u, s, exp, sig },
      range: req.get('range'),
      ifRange: req.get('if-range'),
      ifNoneMatch: req.get('if-none-match'),
      ifModifiedSince: req.get('if-modified-since'),
    });
    await send(res, answer);
  }
}
