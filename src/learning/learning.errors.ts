import { DomainError } from '../common/domain-error';
import { MediaErrorCode } from '../media/media.errors';

export const LearningErrorCode = {
  SessionNotFound: 'PLAYBACK_SESSION_NOT_FOUND',
  SessionEnded: 'PLAYBACK_SESSION_ENDED',
  LessonNotPlayable: 'LESSON_NOT_PLAYABLE',
  NotSelfPaced: 'LESSON_NOT_SELF_PACED',
  NotOpened: 'LESSON_NOT_OPENED',
  TooEarly: 'LESSON_COMPLETED_TOO_EARLY',
} as const;

export class LearningError extends DomainError {}

export const sessionNotFound = () => new LearningError(LearningErrorCode.SessionNotFound, 404, 'Playback session not found');
export const sessionEnded = () =>
  new LearningError(LearningErrorCode.SessionEnded, 409, 'This playback session has ended: the lesson was opened elsewhere (another tab or device)');
export const sessionRevoked = () =>
  new LearningError(MediaErrorCode.PlaybackRevoked, 403, 'This playback session was ended: you are no longer enrolled in the course');
export const lessonNotPlayable = () => new LearningError(LearningErrorCode.LessonNotPlayable, 409, 'This lesson has no video to play');
export const notSelfPaced = () =>
  new LearningError(LearningErrorCode.NotSelfPaced, 409, 'Only reading and self-study lessons are completed this way');
export const notOpened = () => new LearningError(LearningErrorCode.NotOpened, 409, 'Open the lesson before completing it');
export const tooEarly = (completableAt: Date, retryAfterSeconds: number) =>
  new LearningError(
    LearningErrorCode.TooEarly,
    409,
    `This lesson can be completed from ${completableAt.toISOString()}`,
    { completableAt: completableAt.toISOString(), retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
