import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { mediaConfig } from './media.config';
import { MediaStreamController } from './media-stream.controller';
import { MediaStreamService } from './media-stream.service';
import { MediaUploadService } from './media-upload.service';
import { MediaUrlSigner } from './media-url-signer';
import { MediaController } from './media.controller';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { StreamSessions } from './stream-sessions';
import { LocalDiskStorage } from './storage/local-disk.storage';
import { MEDIA_STORAGE } from './storage/media-storage';

/** Uploads, the duration probe, storage (local disk by default) and signed Range streaming. */
@Module({
  controllers: [MediaController, MediaStreamController],
  providers: [
    MediaRepository,
    MediaService,
    MediaUploadService,
    MediaStreamService,
    MediaUrlSigner,
    StreamSessions,
    {
      provide: MEDIA_STORAGE,
      inject: [mediaConfig.KEY],
      useFactory: async (media: ConfigType<typeof mediaConfig>) => {
        const storage = new LocalDiskStorage(media.dataDir, { stallTimeoutMs: media.stallTimeoutMs });
        await storage.init();
        return storage;
      },
    },
  ],
  exports: [MediaService, MediaUploadService, StreamSessions],
})
export class MediaModule {}
