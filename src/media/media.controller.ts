import { Controller, Get, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { UuidPipe } from '../common/validation.pipe';
import { type AuthUser, CurrentUser, Roles } from '../identity/auth.decorators';
import { MediaUploadService } from './media-upload.service';
import { notMultipart } from './media.errors';
import { MediaService } from './media.service';
import { MediaView, toMediaView } from './media.views';
import { Consumes } from '../common/content-type.interceptor';
import { ApiErrors } from '../common/openapi';
import { MediaErrorCode } from './media.errors';

@ApiTags('media')
@ApiBearerAuth()
@Roles('trainer', 'admin')
@Controller('api/media')
export class MediaController {
  constructor(
    private readonly uploads: MediaUploadService,
    private readonly media: MediaService,
  ) {}

  @ApiErrors({ 400: [MediaErrorCode.Empty, MediaErrorCode.FileMissing, MediaErrorCode.UploadMalformed], 413: [MediaErrorCode.TooLarge], 415: [MediaErrorCode.NotMultipart, MediaErrorCode.UnsupportedType], 422: [MediaErrorCode.NotPlayable] })
  @ApiResponse({ status: 201, type: MediaView })
  @Post()
  @Consumes('multipart/form-data', notMultipart)
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Upload an MP4 or WebM video (streamed to storage); its duration is read from the container' })
  async upload(@Req() req: Request, @CurrentUser() user: AuthUser): Promise<MediaView> {
    return toMediaView(await this.uploads.upload(req, user));
  }

  @ApiErrors({ 404: [MediaErrorCode.MediaNotFound] })
  @ApiResponse({ status: 200, type: MediaView })
  @Get(':id')
  @ApiOperation({ summary: 'A stored video with a signed stream URL for previewing it' })
  preview(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<MediaView> {
    return this.media.preview(id, user);
  }
}
