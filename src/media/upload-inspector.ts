import { type Container, SNIFF_MAX_BYTES, sniffContainer } from '@lms/media-probe';
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { emptyFile, unsupportedType } from './media.errors';

/**
 * Sits between the upload and storage: counts and hashes the bytes as they pass, and refuses the
 * upload as soon as its first bytes show it is not an MP4 or WebM file, so a renamed text file is
 * stopped after a few bytes instead of being stored first and probed later.
 */
export class UploadInspector extends Transform {
  size = 0;
  container: Container | undefined;
  private readonly hash: Hash = createHash('sha256');
  private head: Buffer = Buffer.alloc(0);

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.container === undefined) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_MAX_BYTES - this.head.length)]);
      const error = this.decide(false);
      if (error) return done(error);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.size === 0) return done(emptyFile());
    done(this.container === undefined ? this.decide(true) : null);
  }

  private decide(complete: boolean): Error | null {
    const kind = sniffContainer(this.head, complete);
    if (kind === 'mp4' || kind === 'webm') {
      this.container = kind;
      this.head = Buffer.alloc(0);
      return null;
    }
    return kind === 'need_more' ? null : unsupportedType();
  }
}
