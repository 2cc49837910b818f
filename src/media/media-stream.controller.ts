import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { UuidPipe } from '../common/validation.pipe';
import { Public } from '../identity/auth.decorators';
import { MediaStreamService, StreamResponse } from './media-stream.service';

async function send(res: Response, answer: StreamResponse): Promise<void> {
  // Opened before any header goes out, so that a failure is still a proper error response.
  const body = answer.body ? await answer.body() : undefined;
  res.status(answer.status).set(answer.headers);
  if (!body) {
    res.end();
    return;
  }
  // A viewer seeking away closes the connection mid-body: nothing is left to answer.
  await pipeline(body, res).catch(() => body.destroy());
}

/** Public by route, but every request must carry a valid, unexpired signature. */
@ApiTags('media')
@Public()
@Controller('media')
export class MediaStreamController {
  constructor(private readonly streams: MediaStreamService) {}

  @Get(':id/stream')
  @ApiOperation({ summary: 'Signed, expiring video stream with HTTP Range (206), If-Range, ETag and HEAD' })
  async stream(
    @Param('id', UuidPipe) id: string,
    @Query('u') u: unknown,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.streams.respond(id, {
      method: req.method,
      query: { u, exp, sig },
      range: req.get('range'),
      ifRange: req.get('if-range'),
      ifNoneMatch: req.get('if-none-match'),
      ifModifiedSince: req.get('if-modified-since'),
    });
    await send(res, answer);
  }
}
