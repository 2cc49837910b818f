import type { ProbeFailureReason } from '@lms/media-probe';
import { DomainError } from '../common/domain-error';

export const MediaErrorCode = {
  MediaNotFound: 'MEDIA_NOT_FOUND',
  NotMultipart: 'MEDIA_NOT_MULTIPART',
  UploadMalformed: 'MEDIA_UPLOAD_MALFORMED',
  FileMissing: 'MEDIA_FILE_MISSING',
  Empty: 'MEDIA_EMPTY',
  UnsupportedType: 'MEDIA_UNSUPPORTED_TYPE',
  TooLarge: 'MEDIA_TOO_LARGE',
  NotPlayable: 'MEDIA_NOT_PLAYABLE',
  UrlInvalid: 'MEDIA_URL_INVALID',
  UrlExpired: 'MEDIA_URL_EXPIRED',
  PlaybackRevoked: 'PLAYBACK_ACCESS_REVOKED',
  RangeNotSatisfiable: 'RANGE_NOT_SATISFIABLE',
} as const;

export class MediaError extends DomainError {}

/** A byte range outside the file (416), with the validators and the Content-Range header a client needs. */
export const rangeNotSatisfiable = (size: number, validators: Record<string, string>) =>
  new MediaError(MediaErrorCode.RangeNotSatisfiable, 416, `The range is outside the file (${size} bytes)`, undefined, {
    ...validators,
    'Content-Range': `bytes */${size}`,
  });

export const mediaNotFound = () => new MediaError(MediaErrorCode.MediaNotFound, 404, 'Media not found');
export const notMultipart = () =>
  new MediaError(MediaErrorCode.NotMultipart, 415, 'Send the video as multipart/form-data with the file in the field "file"');
export const uploadMalformed = (detail: string) => new MediaError(MediaErrorCode.UploadMalformed, 400, `The upload could not be read: ${detail}`);
export const fileMissing = () => new MediaError(MediaErrorCode.FileMissing, 400, 'The request has no file in the field "file"');
export const emptyFile = () => new MediaError(MediaErrorCode.Empty, 400, 'The file is empty');
export const unsupportedType = () =>
  new MediaError(MediaErrorCode.UnsupportedType, 415, 'Only MP4 and WebM videos are accepted (checked by content, not by file name)');
export const tooLarge = (maxBytes: number) =>
  new MediaError(MediaErrorCode.TooLarge, 413, `The file is larger than the limit of ${maxBytes} bytes`, { maxBytes });
export const notPlayable = (reason: ProbeFailureReason, detail: string) =>
  new MediaError(MediaErrorCode.NotPlayable, 422, `The file is not a playable video: ${detail}`, { reason });
export const urlInvalid = () => new MediaError(MediaErrorCode.UrlInvalid, 403, 'This stream link is not valid');
export const urlExpired = () => new MediaError(MediaErrorCode.UrlExpired, 403, 'This stream link has expired; open the lesson again');
export const playbackRevoked = () =>
  new MediaError(MediaErrorCode.PlaybackRevoked, 403, 'This playback session was ended: you are no longer enrolled in the course');
