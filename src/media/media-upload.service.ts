import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { probeMedia } from '@lms/media-probe';
import busboy from 'busboy';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { mediaConfig } from './media.config';
import type { AuthUser } from '../identity/auth.decorators';
import { Media } from './entities/media.entity';
import { emptyFile, fileMissing, notMultipart, notPlayable, tooLarge, unsupportedType, uploadMalformed } from './media.errors';
import { MediaRepository } from './media.repository';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage';
import { UploadInspector } from './upload-inspector';

/** Multipart framing around the file (boundaries, part headers) is far below this. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

interface ReceivedFile {
  key: string;
  inspector: UploadInspector;
  originalName: string;
}

/**
 * Receives a video upload as a stream: busboy parses the multipart body, the file part flows through
 * the content inspector straight into storage (never whole in memory), and the stored object is then
 * probed for its duration. Any refusal removes what was stored, so nothing is left behind.
 */
@Injectable()
export class MediaUploadService {
  private readonly logger = new Logger(MediaUploadService.name);
  private readonly maxBytes: number;

  constructor(
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly repo: MediaRepository,
    @Inject(mediaConfig.KEY) media: ConfigType<typeof mediaConfig>,
  ) {
    this.maxBytes = media.maxUploadBytes;
  }

  async upload(req: IncomingMessage, uploader: AuthUser): Promise<Media> {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(this.maxBytes);
    const id = randomUUID();
    const received = await this.receive(req, id); // the storage key is the media id
    return this.register(id, received, uploader.id);
  }

  /**
   * Stores a video the system itself supplies (the demo seed's sample) through the same inspection,
   * probe and refusals as an upload; `uploadedBy` stays empty.
   */
  async importFile(path: string, originalName: string): Promise<Media> {
    const id = randomUUID();
    const inspector = new UploadInspector();
    const file = createReadStream(path);
    file.on('error', (err) => inspector.destroy(err));
    await this.storage.put(id, file.pipe(inspector));
    return this.register(id, { key: id, inspector, originalName: originalName.slice(0, 255) }, null);
  }

  /** Probes a stored object and records it; a refusal removes the object. */
  private async register(id: string, received: ReceivedFile, uploadedBy: string | null): Promise<Media> {
    try {
      const size = received.inspector.size;
      const probe = await probeMedia({ size, read: (offset, length) => this.storage.read(received.key, offset, length) });
      if (!probe.ok) {
        if (probe.reason === 'empty') throw emptyFile();
        if (probe.reason === 'unknown_container' || probe.reason === 'unsupported_container') throw unsupportedType();
        throw notPlayable(probe.reason, probe.detail);
      }
      return await this.repo.insert({
        id,
        storageKey: received.key,
        container: probe.media.container,
        contentType: probe.media.contentType,
        sizeBytes: size,
        durationSeconds: probe.media.durationSeconds,
        sha256: received.inspector.sha256,
        originalName: received.originalName,
        uploadedBy,
      });
    } catch (err) {
      await this.storage.delete(received.key).catch((e: Error) => this.logger.error(`could not remove refused upload ${received.key}: ${e.message}`));
      throw err;
    }
  }

  /** Parses the multipart body and stores its `file` part; resolves once the object is durable. */
  private receive(req: IncomingMessage, key: string): Promise<ReceivedFile> {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: this.maxBytes, fields: 20, fieldSize: 4096, parts: 21, headerPairs: 50 },
      });
    } catch {
      throw notMultipart();
    }

    return new Promise<ReceivedFile>((resolve, reject) => {
      let stored: Promise<ReceivedFile> | undefined;
      let inspector: UploadInspector | undefined;
      let failure: Error | undefined;
      let settled = false;

      // Runs once: when the parser has read the whole body, or at the first failure.
      const settle = async () => {
        if (settled) return;
        settled = true;
        const outcome = stored ? await stored.catch((err: Error) => err) : undefined;
        const error = failure ?? (outcome instanceof Error ? outcome : outcome === undefined ? fileMissing() : undefined);
        if (error === undefined) return resolve(outcome as ReceivedFile);
        if (outcome !== undefined && !(outcome instanceof Error)) await this.storage.delete(outcome.key).catch(() => undefined);
        reject(error);
      };
      const fail = (err: Error) => {
        if (failure) return;
        failure = err;
        inspector?.destroy(err);
        // Stop parsing and discard the rest of the body, so that the client gets to read the answer.
        req.unpipe(parser);
        req.resume();
        void settle();
      };

      parser.on('file', (field: string, file: Readable, info: busboy.FileInfo) => {
        if (field !== 'file' || inspector || failure) {
          // A part we skip still errors when the body ends early; without a listener that would crash the process.
          file.on('error', () => undefined);
          file.resume();
          return;
        }
        const current = new UploadInspector();
        inspector = current;
        file.on('limit', () => fail(tooLarge(this.maxBytes)));
        file.on('error', (err: Error) => fail(uploadMalformed(err.message)));
        current.on('error', (err: Error) => {
          file.unpipe(current);
          file.resume();
          fail(err);
        });
        stored = this.storage.put(key, file.pipe(current)).then(() => ({ key, inspector: current, originalName: (info.filename ?? '').slice(0, 255) }));
        stored.catch(() => undefined); // settle() reports it
      });
      parser.on('filesLimit', () => fail(uploadMalformed('send exactly one file')));
      parser.on('partsLimit', () => fail(uploadMalformed('too many parts')));
      parser.on('fieldsLimit', () => fail(uploadMalformed('too many fields')));
      parser.on('error', (err: Error) => fail(uploadMalformed(err.message)));
      parser.on('close', () => void settle());
      req.on('close', () => {
        if (!req.complete) fail(uploadMalformed('the connection closed before the upload was complete'));
      });
      req.pipe(parser);
    });
  }
}
